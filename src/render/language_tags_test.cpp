// Accept-Language parsing below I18n::negotiate().
#include "render/language_tags.hpp"

#include <gtest/gtest.h>

namespace comptoir::render {
namespace {

TEST(LanguageTags, WellFormedTags) {
    EXPECT_TRUE(is_well_formed_tag("fr"));
    EXPECT_TRUE(is_well_formed_tag("fr-CA"));
    EXPECT_TRUE(is_well_formed_tag("zh-Hant-TW"));
    EXPECT_TRUE(is_well_formed_tag("es-419"));
    EXPECT_FALSE(is_well_formed_tag(""));
    EXPECT_FALSE(is_well_formed_tag("-fr"));
    EXPECT_FALSE(is_well_formed_tag("fr-"));
    EXPECT_FALSE(is_well_formed_tag("fr--CA"));
    EXPECT_FALSE(is_well_formed_tag("12"));
    EXPECT_FALSE(is_well_formed_tag("../en"));
    EXPECT_FALSE(is_well_formed_tag("abcdefghi"));
    EXPECT_FALSE(is_well_formed_tag("fr CA"));
}

TEST(LanguageTags, ParsesEntriesWithQualities) {
    auto entries = parse_accept_language("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5");
    ASSERT_EQ(entries.size(), 5u);
    EXPECT_EQ(entries[0].tag, "fr-ch");
    EXPECT_EQ(entries[0].quality, 1000);
    EXPECT_EQ(entries[1].quality, 900);
    EXPECT_EQ(entries[4].tag, "*");
    EXPECT_EQ(entries[4].quality, 500);
}

TEST(LanguageTags, DropsMalformedEntries) {
    auto entries = parse_accept_language("fr;q=1.5, en;q=0.1234, de;q=, it;q=.5, es;level=1, pt ; q=0.25 ,,");
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].tag, "pt");
    EXPECT_EQ(entries[0].quality, 250);
}

TEST(LanguageTags, ExplicitChoiceIsNormalised) {
    const std::vector<std::string> supported{"en", "fr"};
    EXPECT_EQ(match_explicit(" FR ", supported), "fr");
    EXPECT_EQ(match_explicit("en-GB", supported), "en");
    EXPECT_EQ(match_explicit("de", supported), std::nullopt);
    EXPECT_EQ(match_explicit("", supported), std::nullopt);
}

TEST(LanguageTags, ExactRegionalLanguageIsPreferredWhenSupported) {
    const std::vector<std::string> supported{"en", "fr", "fr-ca"};
    EXPECT_EQ(match_accept_language("fr-CA", supported, "en"), "fr-ca");
    EXPECT_EQ(match_accept_language("fr-BE", supported, "en"), "fr");
    EXPECT_EQ(match_accept_language("de", supported, "en"), std::nullopt);
}

}  // namespace
}  // namespace comptoir::render
