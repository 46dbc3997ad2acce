// I18n: catalogue loading, parity of the shipped catalogues, ICU formatting.
#include "render/i18n.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "render/test_support.hpp"

namespace comptoir::render {
namespace {

using namespace std::chrono;
using testing::TempDir;

// ICU's French grouping separator is a narrow no-break space; the currency is set off by a no-break space.
constexpr std::string_view kNarrowNbsp = "\u202f";
constexpr std::string_view kNbsp = "\u00a0";

I18n load_shipped() {
    auto i18n = I18n::load("locales", {"en", "fr"}, "en");
    EXPECT_TRUE(i18n) << i18n.error().public_message;
    return std::move(*i18n);
}

/// Catalogues written for a test, so the assertions do not depend on wording in locales/.
class SmallCatalogues : public ::testing::Test {
  protected:
    void SetUp() override {
        dir.write("en.toml", R"(
only_en = "English only"
[items]
count = "{count, plural, one {# article} other {# articles}}"
greeting = "Hello {name}"
[a.b]
c = "deep"
)");
        dir.write("fr.toml", R"(
[items]
count = "{count, plural, one {# article} other {# articles}}"
greeting = "Bonjour {name}"
[a.b]
c = "profond"
)");
        auto loaded = I18n::load(dir.path(), {"en", "fr"}, "en");
        ASSERT_TRUE(loaded) << loaded.error().public_message;
        i18n = std::make_unique<I18n>(std::move(*loaded));
    }
    TempDir dir;
    std::unique_ptr<I18n> i18n;
};

TEST(CatalogueParity, ShippedCataloguesHaveTheSameKeys) {
    const I18n i18n = load_shipped();
    const auto& en = i18n.catalogue("en");
    const auto& fr = i18n.catalogue("fr");
    for (const auto& [key, text] : en) EXPECT_TRUE(fr.contains(key)) << "locales/fr.toml lacks " << key;
    for (const auto& [key, text] : fr) EXPECT_TRUE(en.contains(key)) << "locales/en.toml lacks " << key;
    EXPECT_GT(en.size(), 50u);
}

TEST(CatalogueParity, NoShippedMessageIsEmpty) {
    const I18n i18n = load_shipped();
    for (const auto& lang : {"en", "fr"}) {
        for (const auto& [key, text] : i18n.catalogue(lang)) EXPECT_FALSE(text.empty()) << lang << " " << key;
    }
}

TEST(CatalogueParity, ShippedCataloguesHaveTheKeysTheWebLayerUses) {
    const I18n i18n = load_shipped();
    for (const std::string key : {"site.tagline", "lang.name", "home.title", "search.title", "search.results",
                                  "error.request_id", "a11y.skip_to_content", "lang.switch", "signin.label"}) {
        EXPECT_TRUE(i18n.catalogue("en").contains(key)) << key;
    }
    for (const std::string status : {"400", "404", "405", "413", "414", "431", "500", "503"}) {
        EXPECT_TRUE(i18n.catalogue("en").contains("error." + status + ".title")) << status;
        EXPECT_TRUE(i18n.catalogue("en").contains("error." + status + ".message")) << status;
    }
    for (const std::string section :
         {"kb", "faq", "tickets", "orders", "billing", "appointments", "community", "assistant", "signin"}) {
        for (const std::string part : {".title", ".text", ".soon", ".summary"}) {
            EXPECT_TRUE(i18n.catalogue("en").contains("section." + section + part)) << section << part;
        }
    }
}

TEST(CatalogueLoad, NestedTablesBecomeDottedKeys) {
    TempDir dir;
    dir.write("en.toml", "[home]\ntitle = \"Home\"\n[error.404]\ntitle = \"Lost\"\n");
    auto i18n = I18n::load(dir.path(), {"en"}, "en");
    ASSERT_TRUE(i18n) << i18n.error().public_message;
    EXPECT_EQ(i18n->text("en", "home.title"), "Home");
    EXPECT_EQ(i18n->text("en", "error.404.title"), "Lost");
}

TEST(CatalogueLoad, NonStringValueIsAnErrorNamingFileAndKey) {
    TempDir dir;
    dir.write("en.toml", "[home]\ntitle = \"Home\"\ncount = 3\n");
    auto i18n = I18n::load(dir.path(), {"en"}, "en");
    ASSERT_FALSE(i18n);
    EXPECT_NE(i18n.error().public_message.find("en.toml"), std::string::npos) << i18n.error().public_message;
    EXPECT_NE(i18n.error().public_message.find("home.count"), std::string::npos) << i18n.error().public_message;
}

TEST(CatalogueLoad, ArrayValueIsAnError) {
    TempDir dir;
    dir.write("en.toml", "list = [\"a\", \"b\"]\n");
    auto i18n = I18n::load(dir.path(), {"en"}, "en");
    ASSERT_FALSE(i18n);
    EXPECT_NE(i18n.error().public_message.find("list"), std::string::npos);
}

TEST(CatalogueLoad, QuotedDottedKeyCollidingWithATableIsAnError) {
    TempDir dir;
    dir.write("en.toml", "\"a.b\" = \"one\"\n[a]\nb = \"two\"\n");
    auto i18n = I18n::load(dir.path(), {"en"}, "en");
    ASSERT_FALSE(i18n);
    EXPECT_NE(i18n.error().public_message.find("a.b"), std::string::npos);
}

TEST(CatalogueLoad, SyntaxErrorNamesTheFile) {
    TempDir dir;
    dir.write("en.toml", "title = \"unterminated\n");
    auto i18n = I18n::load(dir.path(), {"en"}, "en");
    ASSERT_FALSE(i18n);
    EXPECT_NE(i18n.error().public_message.find("en.toml"), std::string::npos);
}

TEST(CatalogueLoad, MissingFileIsAnError) {
    TempDir dir;
    dir.write("en.toml", "a = \"b\"\n");
    auto i18n = I18n::load(dir.path(), {"en", "de"}, "en");
    ASSERT_FALSE(i18n);
    EXPECT_NE(i18n.error().public_message.find("de.toml"), std::string::npos);
}

TEST(CatalogueLoad, BrokenPluralPatternFailsAtStartUp) {
    TempDir dir;
    dir.write("en.toml", "n = \"{count, plural, one {# item} other {# items}\"\n");
    auto i18n = I18n::load(dir.path(), {"en"}, "en");
    ASSERT_FALSE(i18n);
    EXPECT_NE(i18n.error().public_message.find("n"), std::string::npos);
}

TEST(CatalogueLoad, DefaultLanguageMustBeConfigured) {
    TempDir dir;
    dir.write("en.toml", "a = \"b\"\n");
    EXPECT_FALSE(I18n::load(dir.path(), {"en"}, "fr"));
    EXPECT_FALSE(I18n::load(dir.path(), {}, "en"));
}

TEST(CatalogueLoad, LanguageCodesCannotEscapeTheLocalesDirectory) {
    TempDir dir;
    dir.write("locales/en.toml", "a = \"b\"\n");
    dir.write("secret.toml", "a = \"b\"\n");
    EXPECT_FALSE(I18n::load(dir.path() / "locales", {"en", "../secret"}, "en"));
    EXPECT_FALSE(I18n::load(dir.path() / "locales", {"EN"}, "EN"));
    EXPECT_FALSE(I18n::load(dir.path() / "locales", {"en", "en"}, "en"));
}

TEST_F(SmallCatalogues, TextFallsBackToDefaultLanguageThenKey) {
    EXPECT_EQ(i18n->text("fr", "a.b.c"), "profond");
    EXPECT_EQ(i18n->text("fr", "only_en"), "English only");
    EXPECT_EQ(i18n->text("fr", "no.such.key"), "no.such.key");
    EXPECT_EQ(i18n->text("de", "a.b.c"), "deep");
    EXPECT_TRUE(i18n->supports("fr"));
    EXPECT_FALSE(i18n->supports("de"));
    EXPECT_FALSE(i18n->supports(""));
}

TEST_F(SmallCatalogues, EnglishPluralOneIsOnlyOne) {
    auto count = [&](std::int64_t n) { return i18n->format("en", "items.count", {{"count", n}}); };
    EXPECT_EQ(count(0), "0 articles");
    EXPECT_EQ(count(1), "1 article");
    EXPECT_EQ(count(2), "2 articles");
    EXPECT_EQ(count(1000), "1,000 articles");
}

TEST_F(SmallCatalogues, FrenchPluralOneCoversZeroAndOne) {
    auto count = [&](std::int64_t n) { return i18n->format("fr", "items.count", {{"count", n}}); };
    EXPECT_EQ(count(0), "0 article");
    EXPECT_EQ(count(1), "1 article");
    EXPECT_EQ(count(2), "2 articles");
    EXPECT_EQ(count(1000), "1" + std::string(kNarrowNbsp) + "000 articles");
}

TEST_F(SmallCatalogues, FormatFillsStringArguments) {
    EXPECT_EQ(i18n->format("fr", "items.greeting", {{"name", std::string("Zoé")}}), "Bonjour Zoé");
}

TEST_F(SmallCatalogues, FormatNeverThrowsOnBadInput) {
    EXPECT_EQ(i18n->format("en", "no.such.key", {{"count", std::int64_t{1}}}), "no.such.key");
    EXPECT_EQ(i18n->format("fr", "only_en", {}), "English only");
    EXPECT_EQ(i18n->format("xx", "items.count", {{"count", std::int64_t{2}}}), "2 articles");
    // A missing argument or one of the wrong type still yields text rather than an exception.
    EXPECT_NO_THROW(i18n->format("en", "items.count", {}));
    EXPECT_NO_THROW(i18n->format("en", "items.count", {{"count", std::string("many")}}));
    EXPECT_NO_THROW(i18n->format("en", "items.greeting", {{"name", std::string("\xff\xfe")}}));
}

TEST(Formatting, ShippedSearchResultsPluralInEnglish) {
    const I18n i18n = load_shipped();
    auto results = [&](std::int64_t n) {
        return i18n.format("en", "search.results", {{"count", n}, {"query", std::string("invoice")}});
    };
    EXPECT_EQ(results(0), "No article matches “invoice”");
    EXPECT_EQ(results(1), "1 article matches “invoice”");
    EXPECT_EQ(results(2), "2 articles match “invoice”");
    EXPECT_EQ(results(1000), "1,000 articles match “invoice”");
}

TEST(Formatting, ShippedSearchResultsPluralInFrench) {
    const I18n i18n = load_shipped();
    auto results = [&](std::int64_t n) {
        return i18n.format("fr", "search.results", {{"count", n}, {"query", std::string("facture")}});
    };
    const std::string quoted = "«" + std::string(kNbsp) + "facture" + std::string(kNbsp) + "»";
    EXPECT_EQ(results(0), "Aucun article ne correspond à " + quoted);
    EXPECT_EQ(results(1), "1 article correspond à " + quoted);
    EXPECT_EQ(results(2), "2 articles correspondent à " + quoted);
    EXPECT_EQ(results(1000), "1" + std::string(kNarrowNbsp) + "000 articles correspondent à " + quoted);
}

TEST(Formatting, Numbers) {
    const I18n i18n = load_shipped();
    EXPECT_EQ(i18n.format_number("en", 1234.5), "1,234.5");
    EXPECT_EQ(i18n.format_number("fr", 1234.5), "1" + std::string(kNarrowNbsp) + "234,5");
    EXPECT_EQ(i18n.format_number("en", -3), "-3");
}

TEST(Formatting, MoneyUsesTheCurrencyAndTheLanguage) {
    const I18n i18n = load_shipped();
    EXPECT_EQ(i18n.format_money("en", 123456, "EUR"), "€1,234.56");
    EXPECT_EQ(i18n.format_money("en", 123456, "USD"), "$1,234.56");
    EXPECT_EQ(i18n.format_money("fr", 123456, "EUR"),
              "1" + std::string(kNarrowNbsp) + "234,56" + std::string(kNbsp) + "€");
    EXPECT_EQ(i18n.format_money("fr", 123456, "USD"),
              "1" + std::string(kNarrowNbsp) + "234,56" + std::string(kNbsp) + "$US");
    EXPECT_EQ(i18n.format_money("en", -5, "EUR"), "-€0.05");
    EXPECT_EQ(i18n.format_money("en", 0, "usd"), "$0.00");
}

TEST(Formatting, MoneyConvertsMinorUnitsWithTheCurrencysDigits) {
    const I18n i18n = load_shipped();
    EXPECT_EQ(i18n.format_money("en", 1234, "JPY"), "¥1,234");                                     // no minor unit
    EXPECT_EQ(i18n.format_money("en", 1234567, "KWD"), "KWD" + std::string(kNbsp) + "1,234.567");  // three digits
    // Exact for amounts past 2^53, where a double would round.
    EXPECT_EQ(i18n.format_money("en", 9007199254740993, "EUR"), "€90,071,992,547,409.93");
    EXPECT_NO_THROW(i18n.format_money("en", INT64_MIN, "EUR"));
}

TEST(Formatting, MoneyWithABadCurrencyCodeStillShowsTheAmount) {
    const I18n i18n = load_shipped();
    EXPECT_EQ(i18n.format_money("en", 1050, "€€"), "10.5 ?");
    EXPECT_EQ(i18n.format_money("en", 1050, ""), "10.5 ?");
    EXPECT_NE(i18n.format_money("en", 1050, "XYZ").find("10.50"), std::string::npos);
}

TEST(Formatting, DatesUseTheTimeZone) {
    const I18n i18n = load_shipped();
    // 23:30 UTC on 10 March 2024 is already 11 March in Paris, still 10 March in New York.
    const auto when = sys_days{2024y / March / 10} + 23h + 30min;
    EXPECT_EQ(i18n.format_date("en", when, "UTC"), "Mar 10, 2024");
    EXPECT_EQ(i18n.format_date("en", when, "Europe/Paris"), "Mar 11, 2024");
    EXPECT_EQ(i18n.format_date("fr", when, "Europe/Paris"), "11 mars 2024");
    EXPECT_EQ(i18n.format_date("fr", when, "America/New_York"), "10 mars 2024");
    EXPECT_EQ(i18n.format_date("en", when), "Mar 10, 2024");
}

TEST(Formatting, UnknownTimeZoneFallsBackToUtc) {
    const I18n i18n = load_shipped();
    const auto when = sys_days{2024y / March / 10} + 23h + 30min;
    EXPECT_EQ(i18n.format_date("en", when, "Mars/Olympus_Mons"), "Mar 10, 2024");
    EXPECT_EQ(i18n.format_date("en", when, ""), "Mar 10, 2024");
}

TEST(Negotiate, ExplicitChoiceWinsWhenSupported) {
    const I18n i18n = load_shipped();
    EXPECT_EQ(i18n.negotiate("fr", "en-US,en;q=0.9"), "fr");
    EXPECT_EQ(i18n.negotiate("FR", ""), "fr");
    EXPECT_EQ(i18n.negotiate("fr-CA", ""), "fr");
    EXPECT_EQ(i18n.negotiate("de", "fr"), "fr");  // unknown explicit choice: the header decides
    EXPECT_EQ(i18n.negotiate("../../etc", ""), "en");
}

TEST(Negotiate, AcceptLanguageQualityValues) {
    const I18n i18n = load_shipped();
    EXPECT_EQ(i18n.negotiate("", "fr"), "fr");
    EXPECT_EQ(i18n.negotiate("", "en;q=0.5, fr;q=0.8"), "fr");
    EXPECT_EQ(i18n.negotiate("", "fr;q=0.5, en"), "en");
    EXPECT_EQ(i18n.negotiate("", "de, fr;q=0.3"), "fr");  // skips what is not supported
    EXPECT_EQ(i18n.negotiate("", "FR;Q=1.0"), "fr");
}

TEST(Negotiate, RegionalTagsMatchTheirLanguage) {
    const I18n i18n = load_shipped();
    EXPECT_EQ(i18n.negotiate("", "fr-CA,fr;q=0.9,en;q=0.8"), "fr");
    EXPECT_EQ(i18n.negotiate("", "fr-BE"), "fr");
    EXPECT_EQ(i18n.negotiate("", "de-CH, en-GB;q=0.7"), "en");
}

TEST(Negotiate, QualityZeroRefusesALanguage) {
    const I18n i18n = load_shipped();
    EXPECT_EQ(i18n.negotiate("", "fr;q=0"), "en");
    EXPECT_EQ(i18n.negotiate("", "fr-CA, fr;q=0"), "en");  // the region does not bring back a refused language
    EXPECT_EQ(i18n.negotiate("", "en;q=0, *"), "fr");      // the wildcard takes what is not refused
    EXPECT_EQ(i18n.negotiate("", "*"), "en");
}

TEST(Negotiate, GarbageFallsBackToTheDefault) {
    const I18n i18n = load_shipped();
    EXPECT_EQ(i18n.negotiate("", ""), "en");
    EXPECT_EQ(i18n.negotiate("", ";;;,,,="), "en");
    EXPECT_EQ(i18n.negotiate("", "fr;q=abc"), "en");
    EXPECT_EQ(i18n.negotiate("", "fr;q=2"), "en");
    EXPECT_EQ(i18n.negotiate("", "fr;q=0.5;foo=bar, <script>"), "en");
    EXPECT_EQ(i18n.negotiate("", "\xff\xfe, fr;q=0.1"), "fr");  // a malformed entry does not spoil the others
    EXPECT_EQ(i18n.negotiate("", std::string(100000, 'a')), "en");
    std::string many;
    for (int i = 0; i < 1000; ++i) many += "de;q=0.9,";
    EXPECT_EQ(i18n.negotiate("", many + "fr"), "en");  // entries past the bound are ignored
}

}  // namespace
}  // namespace comptoir::render

namespace comptoir::render {
namespace {

// Formatters are cached per thread; two catalogues with the same key must
// never see each other's patterns (nor a later one loaded at the same address).
TEST_F(SmallCatalogues, PerThreadFormatterCacheKeepsCataloguesApart) {
    TempDir other;
    other.write("en.toml", "[items]\ngreeting = \"Howdy {name}\"\n");
    other.write("fr.toml", "[items]\ngreeting = \"Salut {name}\"\n");
    for (int round = 0; round < 3; ++round) {
        auto second = I18n::load(other.path(), {"en", "fr"}, "en");
        ASSERT_TRUE(second) << second.error().public_message;
        EXPECT_EQ(i18n->format("fr", "items.greeting", {{"name", std::string("Léa")}}), "Bonjour Léa");
        EXPECT_EQ(second->format("fr", "items.greeting", {{"name", std::string("Léa")}}), "Salut Léa");
        EXPECT_EQ(i18n->format("en", "items.greeting", {{"name", std::string("Sam")}}), "Hello Sam");
        EXPECT_EQ(second->format("en", "items.greeting", {{"name", std::string("Sam")}}), "Howdy Sam");
    }
}

// The same formatter cached per time zone must not leak one zone into another.
TEST(Formatting, DatesInSeveralTimeZonesFromOneThread) {
    const I18n i18n = load_shipped();
    // 2026-01-01T23:30:00Z: still 1 January in New York, already 2 January in Paris.
    const auto when = std::chrono::system_clock::time_point(std::chrono::seconds(1767310200));
    for (int round = 0; round < 2; ++round) {
        EXPECT_NE(i18n.format_date("en", when, "Europe/Paris").find("Jan 2"), std::string::npos)
            << i18n.format_date("en", when, "Europe/Paris");
        EXPECT_NE(i18n.format_date("en", when, "America/New_York").find("Jan 1"), std::string::npos)
            << i18n.format_date("en", when, "America/New_York");
    }
}

}  // namespace
}  // namespace comptoir::render

// "Last seen" and audit times need the time of day, in the reader's zone.
TEST(I18nDateTime, ShowsDateAndTimeInTheGivenZone) {
    auto i18n = comptoir::render::I18n::load("locales", {"en", "fr"}, "en");
    ASSERT_TRUE(i18n) << i18n.error().internal_detail;
    const auto when =
        std::chrono::system_clock::time_point(std::chrono::seconds(1'795'957'500));  // 2026-11-29 13:05 UTC
    const auto paris = i18n->format_date_time("fr", when, "Europe/Paris");
    EXPECT_NE(paris.find("14:05"), std::string::npos) << paris;
    EXPECT_NE(paris.find("2026"), std::string::npos) << paris;
    const auto utc = i18n->format_date_time("en", when, "UTC");
    EXPECT_NE(utc.find("1:05"), std::string::npos) << utc;
    EXPECT_NE(utc.find("PM"), std::string::npos) << utc;
    EXPECT_EQ(i18n->format_date_time("en", when, "Not/AZone"), utc);  // unknown zones mean UTC
}
