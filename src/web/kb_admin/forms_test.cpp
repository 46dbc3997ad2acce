// The small parsers of the authoring forms: labels, the scheduled
// publication typed in the author's time zone, repeated fields, ids and
// move directions.
#include "web/kb_admin/forms.hpp"

#include <gtest/gtest.h>

namespace comptoir::web::kb_admin {
namespace {

using Labels = std::vector<std::string>;

TEST(KbAdminForms, LabelsAreSplitAtCommasAndTrimmed) {
    EXPECT_EQ(split_labels("Invoice, PDF ,, receipt"), (Labels{"Invoice", "PDF", "receipt"}));
    EXPECT_EQ(split_labels("  one  "), (Labels{"one"}));
    EXPECT_EQ(split_labels("élan,\tcafé\r\n"), (Labels{"élan", "café"}));
    EXPECT_TRUE(split_labels("").empty());
    EXPECT_TRUE(split_labels(" , ,, ").empty());
    EXPECT_EQ(join_labels({"invoice", "pdf"}), "invoice, pdf");
    EXPECT_EQ(join_labels({}), "");
    EXPECT_EQ(split_labels(join_labels({"a b", "c"})), (Labels{"a b", "c"}));
}

TEST(KbAdminForms, ScheduledTimeIsReadInTheAuthorsZone) {
    // Paris is UTC+1 in winter, UTC+2 in summer.
    EXPECT_EQ(parse_local_date_time("2026-01-15T10:00", "Europe/Paris"), 1768467600);
    EXPECT_EQ(parse_local_date_time("2026-07-01T10:00", "Europe/Paris"), 1782892800);
    EXPECT_EQ(parse_local_date_time("2026-01-15T09:00", "UTC"), 1768467600);
    EXPECT_EQ(parse_local_date_time("2026-01-15T04:00", "America/New_York"), 1768467600);
    EXPECT_EQ(parse_local_date_time("2026-01-15T10:00:30", "Europe/Paris"), 1768467630);
    EXPECT_EQ(parse_local_date_time("2024-02-29T00:00", "UTC"), 1709164800);  // a leap day
}

TEST(KbAdminForms, AnUnknownZoneCountsAsUtc) {
    EXPECT_EQ(parse_local_date_time("2026-01-15T09:00", ""), 1768467600);
    EXPECT_EQ(parse_local_date_time("2026-01-15T09:00", "Mars/Olympus_Mons"), 1768467600);
    EXPECT_EQ(format_local_date_time(1768467600, "Not/AZone"), "2026-01-15T09:00");
}

TEST(KbAdminForms, DaylightSavingGapsAndRepeatsHaveOneAnswer) {
    // 02:30 does not exist in Paris on 29 March 2026: the next valid time, 03:00 CEST.
    EXPECT_EQ(parse_local_date_time("2026-03-29T02:30", "Europe/Paris"), 1774746000);
    // 02:30 happens twice on 25 October 2026: the first one (CEST).
    EXPECT_EQ(parse_local_date_time("2026-10-25T02:30", "Europe/Paris"), 1792888200);
}

TEST(KbAdminForms, MalformedDatesAreRefused) {
    for (const char* text : {"",
                             "tomorrow",
                             "2026-01-15",
                             "2026-01-15 10:00",
                             "2026-01-15T10",
                             "2026-1-15T10:00",
                             "2026-02-30T10:00",
                             "2025-02-29T10:00",
                             "2026-13-01T10:00",
                             "2026-00-10T10:00",
                             "2026-01-00T10:00",
                             "2026-01-15T24:00",
                             "2026-01-15T10:60",
                             "2026-01-15T10:00:60",
                             "1969-12-31T23:59",
                             "2026-01-15T10:00Z",
                             "2026-01-15T10:00+01:00",
                             "２０２６-01-15T10:00",
                             "2026-01-15T1a:00",
                             "+026-01-15T10:00"})
        EXPECT_FALSE(parse_local_date_time(text, "Europe/Paris")) << text;
}

TEST(KbAdminForms, ScheduledTimeIsShownBackInTheAuthorsZone) {
    EXPECT_EQ(format_local_date_time(1768467600, "Europe/Paris"), "2026-01-15T10:00");
    EXPECT_EQ(format_local_date_time(1782892800, "Europe/Paris"), "2026-07-01T10:00");
    EXPECT_EQ(format_local_date_time(1777627800, "UTC"), "2026-05-01T09:30");
    for (std::int64_t t : {1768467600LL, 1782892800LL, 1777627800LL}) {
        for (const char* zone : {"UTC", "Europe/Paris", "Asia/Kolkata", "America/Los_Angeles"})
            EXPECT_EQ(parse_local_date_time(format_local_date_time(t, zone), zone), t) << zone;
    }
}

TEST(KbAdminForms, RepeatedFieldsKeepEveryValueInOrder) {
    EXPECT_EQ(form_values("organisation=3&csrf_token=x&organisation=1&organisation=12", "organisation"),
              (Labels{"3", "1", "12"}));
    EXPECT_EQ(form_values("note=a+b%2Cc&note=%C3%A9", "note"), (Labels{"a b,c", "é"}));
    EXPECT_TRUE(form_values("other=1", "organisation").empty());
    EXPECT_TRUE(form_values("", "organisation").empty());
    EXPECT_TRUE(form_values("organisation=%zz", "organisation").empty());  // malformed: nothing, not a throw
}

TEST(KbAdminForms, IdsArePositiveDecimals) {
    EXPECT_EQ(parse_id("42"), 42);
    EXPECT_EQ(parse_id("999999999999999999"), 999999999999999999);
    for (const char* text : {"", "0", "-1", "+1", "4a", " 4", "4 ", "1e3", "0x10", "9999999999999999999"})
        EXPECT_FALSE(parse_id(text)) << text;
}

TEST(KbAdminForms, MoveDirections) {
    EXPECT_EQ(parse_direction("up"), -1);
    EXPECT_EQ(parse_direction("down"), 1);
    for (const char* text : {"", "UP", "-1", "1", "sideways"}) EXPECT_FALSE(parse_direction(text)) << text;
}

}  // namespace
}  // namespace comptoir::web::kb_admin
