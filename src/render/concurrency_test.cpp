// One I18n and one TemplateEngine serve every network thread: formatting and
// rendering from several threads at once must give the same text as alone.
#include <cstring>  // before ctemplate: its str_ref.h uses strlen without including <cstring>

#include <ctemplate/template_dictionary.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "render/templates.hpp"

namespace comptoir::render {
namespace {

TEST(Concurrency, FormattingFromManyThreadsGivesTheSameText) {
    auto i18n = I18n::load("locales", {"en", "fr"}, "en");
    ASSERT_TRUE(i18n);
    const auto when = std::chrono::sys_days{std::chrono::year{2024} / 3 / 10} + std::chrono::hours{23};
    auto sample = [&](std::string_view lang) {
        return i18n->format(lang, "search.results", {{"count", std::int64_t{1234}}, {"query", std::string("q")}}) +
               i18n->format_money(lang, 123456, "EUR") + i18n->format_number(lang, 9876.5) +
               i18n->format_date(lang, when, "Europe/Paris");
    };
    const std::string expected_en = sample("en"), expected_fr = sample("fr");
    std::atomic<int> mismatches{0};
    std::vector<std::jthread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) {
                const bool en = (i + t) % 2 == 0;
                if (sample(en ? "en" : "fr") != (en ? expected_en : expected_fr)) ++mismatches;
            }
        });
    }
    threads.clear();
    EXPECT_EQ(mismatches, 0);
}

TEST(Concurrency, RenderingFromManyThreadsGivesTheSamePage) {
    auto i18n = I18n::load("locales", {"en", "fr"}, "en");
    ASSERT_TRUE(i18n);
    auto engine = TemplateEngine::load({"themes/default"}, *i18n);
    ASSERT_TRUE(engine);
    auto render = [&](std::string_view lang) {
        ctemplate::TemplateDictionary root("layout");
        root.SetValue("LANG", std::string(lang));
        (*engine)->include(root, "HEADER", "partials/header", lang);
        (*engine)->include(root, "PAGE", "pages/home", lang);
        (*engine)->include(root, "FOOTER", "partials/footer", lang);
        return (*engine)->render("layouts/base", lang, root).value_or("failed");
    };
    const std::string expected_en = render("en"), expected_fr = render("fr");
    ASSERT_NE(expected_en, expected_fr);
    std::atomic<int> mismatches{0};
    std::vector<std::jthread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) {
                const bool en = (i + t) % 2 == 0;
                if (render(en ? "en" : "fr") != (en ? expected_en : expected_fr)) ++mismatches;
            }
        });
    }
    threads.clear();
    EXPECT_EQ(mismatches, 0);
}

}  // namespace
}  // namespace comptoir::render
