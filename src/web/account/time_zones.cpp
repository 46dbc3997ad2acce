#include "web/account/time_zones.hpp"

#include <unicode/timezone.h>
#include <unicode/unistr.h>

namespace comptoir::web {

bool time_zone_exists(std::string_view name) {
    if (name.empty() || name.size() > 64) return false;
    for (unsigned char c : name)
        if (c <= 0x20 || c >= 0x7F) return false;  // zone ids are printable ASCII
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString canonical;
    UBool system_id = false;
    icu::TimeZone::getCanonicalID(icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), name.size())), canonical,
                                  system_id, status);
    // Custom ids such as "GMT+03:00" parse but are no zone of the database.
    return U_SUCCESS(status) && system_id;
}

const std::vector<std::string>& common_time_zones() {
    static const std::vector<std::string> zones = {
        "UTC",
        "Africa/Abidjan",
        "Africa/Algiers",
        "Africa/Cairo",
        "Africa/Casablanca",
        "Africa/Dakar",
        "Africa/Johannesburg",
        "Africa/Lagos",
        "Africa/Nairobi",
        "Africa/Tunis",
        "America/Anchorage",
        "America/Argentina/Buenos_Aires",
        "America/Bogota",
        "America/Chicago",
        "America/Denver",
        "America/Guadeloupe",
        "America/Halifax",
        "America/Los_Angeles",
        "America/Martinique",
        "America/Mexico_City",
        "America/Montreal",
        "America/New_York",
        "America/Phoenix",
        "America/Santiago",
        "America/Sao_Paulo",
        "America/St_Johns",
        "America/Toronto",
        "America/Vancouver",
        "Asia/Bangkok",
        "Asia/Dubai",
        "Asia/Hong_Kong",
        "Asia/Jakarta",
        "Asia/Jerusalem",
        "Asia/Kolkata",
        "Asia/Manila",
        "Asia/Seoul",
        "Asia/Shanghai",
        "Asia/Singapore",
        "Asia/Tokyo",
        "Atlantic/Azores",
        "Atlantic/Reykjavik",
        "Australia/Adelaide",
        "Australia/Brisbane",
        "Australia/Perth",
        "Australia/Sydney",
        "Europe/Amsterdam",
        "Europe/Athens",
        "Europe/Berlin",
        "Europe/Brussels",
        "Europe/Bucharest",
        "Europe/Dublin",
        "Europe/Helsinki",
        "Europe/Istanbul",
        "Europe/Lisbon",
        "Europe/London",
        "Europe/Luxembourg",
        "Europe/Madrid",
        "Europe/Monaco",
        "Europe/Moscow",
        "Europe/Oslo",
        "Europe/Paris",
        "Europe/Prague",
        "Europe/Rome",
        "Europe/Stockholm",
        "Europe/Vienna",
        "Europe/Warsaw",
        "Europe/Zurich",
        "Indian/Mauritius",
        "Indian/Reunion",
        "Pacific/Auckland",
        "Pacific/Honolulu",
        "Pacific/Noumea",
        "Pacific/Tahiti",
    };
    return zones;
}

}  // namespace comptoir::web
