// The time-zone check behind the profile form, against ICU's zone data.
#include "web/account/time_zones.hpp"

#include <gtest/gtest.h>

namespace comptoir::web {
namespace {

TEST(TimeZones, KnowsRealZones) {
    for (const char* zone :
         {"UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "America/Argentina/Buenos_Aires"})
        EXPECT_TRUE(time_zone_exists(zone)) << zone;
}

TEST(TimeZones, RefusesNamesThatAreNotZones) {
    for (const char* zone : {"", "Mars/Olympus_Mons", "GMT+03:00", "Europe/Paris ", "europe paris", "Europe/Paris\n",
                             "../../etc/passwd", "Europe/Pari\xC3\xA9"})
        EXPECT_FALSE(time_zone_exists(zone)) << zone;
    EXPECT_FALSE(time_zone_exists(std::string(100, 'A')));
}

TEST(TimeZones, EveryOfferedZoneIsValidAndListedOnce) {
    const auto& zones = common_time_zones();
    ASSERT_FALSE(zones.empty());
    for (std::size_t i = 0; i < zones.size(); ++i) {
        EXPECT_TRUE(time_zone_exists(zones[i])) << zones[i];
        for (std::size_t j = i + 1; j < zones.size(); ++j) EXPECT_NE(zones[i], zones[j]);
    }
}

}  // namespace
}  // namespace comptoir::web
