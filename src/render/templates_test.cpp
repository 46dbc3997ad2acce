// TemplateEngine: the loader's refusals, theme overrides, per-language
// expansion, escaping, includes, and the shipped default theme.
#include "render/templates.hpp"

#include <cstring>  // before ctemplate: its str_ref.h uses strlen without including <cstring>

#include <ctemplate/template.h>
#include <ctemplate/template_dictionary.h>
#include <gtest/gtest.h>

#include "render/test_support.hpp"

namespace comptoir::render {
namespace {

using testing::TempDir;

constexpr std::string_view kPragma = "{{%AUTOESCAPE context=\"HTML\"}}\n";

/// A throwaway set of catalogues and a theme to which each test adds templates.
class TemplateLoading : public ::testing::Test {
  protected:
    void SetUp() override {
        dir.write("locales/en.toml", "[greet]\nhello = \"Hello & welcome\"\nquote = \"Say \\\"hi\\\" '{{X}}'\"\n");
        dir.write("locales/fr.toml", "[greet]\nhello = \"Bonjour & bienvenue\"\nquote = \"Dites « salut » '{{X}}'\"\n");
        auto loaded = I18n::load(dir.path() / "locales", {"en", "fr"}, "en");
        ASSERT_TRUE(loaded) << loaded.error().public_message;
        i18n = std::make_unique<I18n>(std::move(*loaded));
    }

    void write_template(std::string_view theme, std::string_view name, std::string_view content) {
        dir.write(std::string(theme) + "/templates/" + std::string(name) + ".tpl", content);
    }

    Result<std::unique_ptr<TemplateEngine>> load(std::vector<std::string> themes = {"theme"}) {
        std::vector<std::filesystem::path> dirs;
        for (const auto& theme : themes) dirs.push_back(dir.path() / theme);
        return TemplateEngine::load(dirs, *i18n);
    }

    static std::string render(const TemplateEngine& engine, std::string_view name, std::string_view lang,
                              const ctemplate::TemplateDictionary& dict) {
        auto html = engine.render(name, lang, dict);
        EXPECT_TRUE(html) << html.error().internal_detail;
        return html.value_or("");
    }

    TempDir dir;
    std::unique_ptr<I18n> i18n;
};

TEST_F(TemplateLoading, RefusesATemplateWithoutThePragma) {
    write_template("theme", "pages/ok", std::string(kPragma) + "<p>fine</p>\n");
    write_template("theme", "pages/bare", "<p>{{NAME}}</p>\n");
    auto engine = load();
    ASSERT_FALSE(engine);
    EXPECT_NE(engine.error().public_message.find("pages/bare.tpl"), std::string::npos) << engine.error().public_message;
}

TEST_F(TemplateLoading, RefusesAPragmaThatIsNotOnTheFirstLine) {
    write_template("theme", "pages/late", "\n" + std::string(kPragma) + "<p>x</p>\n");
    EXPECT_FALSE(load());
    write_template("theme", "pages/late", "{{%AUTOESCAPE}}\n<p>x</p>\n");
    EXPECT_FALSE(load());
}

TEST_F(TemplateLoading, RefusesAnUnknownTranslationKeyNamingTemplateAndKey) {
    write_template("theme", "pages/typo", std::string(kPragma) + "<p>[[t:greet.helo]]</p>\n");
    auto engine = load();
    ASSERT_FALSE(engine);
    const auto& message = engine.error().public_message;
    EXPECT_NE(message.find("pages/typo.tpl"), std::string::npos) << message;
    EXPECT_NE(message.find("greet.helo"), std::string::npos) << message;
}

TEST_F(TemplateLoading, RefusesAKeyPresentInOnlyOneLanguage) {
    dir.write("locales/en.toml", "[greet]\nhello = \"Hello\"\nextra = \"Extra\"\n");
    dir.write("locales/fr.toml", "[greet]\nhello = \"Bonjour\"\n");
    auto loaded = I18n::load(dir.path() / "locales", {"en", "fr"}, "en");
    ASSERT_TRUE(loaded);
    write_template("theme", "pages/p", std::string(kPragma) + "<p>[[t:greet.extra]]</p>\n");
    auto engine = TemplateEngine::load({dir.path() / "theme"}, *loaded);
    ASSERT_FALSE(engine);
    EXPECT_NE(engine.error().public_message.find("(fr)"), std::string::npos) << engine.error().public_message;
}

TEST_F(TemplateLoading, RefusesAMalformedMarker) {
    write_template("theme", "pages/p", std::string(kPragma) + "<p>[[t:greet.hello</p>\n");
    EXPECT_FALSE(load());
    write_template("theme", "pages/p", std::string(kPragma) + "<p>[[t:]]</p>\n");
    EXPECT_FALSE(load());
    write_template("theme", "pages/p", std::string(kPragma) + "<p>[[t:greet hello]]</p>\n");
    EXPECT_FALSE(load());
}

TEST_F(TemplateLoading, RefusesATemplateCtemplateCannotParse) {
    write_template("theme", "pages/p", std::string(kPragma) + "<p>{{#OPEN}}never closed</p>\n");
    auto engine = load();
    ASSERT_FALSE(engine);
    EXPECT_NE(engine.error().public_message.find("pages/p.tpl"), std::string::npos);
}

TEST_F(TemplateLoading, RefusesAMissingThemeDirectoryAndAnEmptyTheme) {
    EXPECT_FALSE(load({"nowhere"}));
    std::filesystem::create_directories(dir.path() / "empty/templates");
    EXPECT_FALSE(load({"empty"}));
}

TEST_F(TemplateLoading, ExpandsTranslationsPerLanguageEscaped) {
    write_template("theme", "pages/p", std::string(kPragma) + "<p title=\"[[t:greet.quote]]\">[[t:greet.hello]]</p>\n");
    auto engine = load();
    ASSERT_TRUE(engine) << engine.error().public_message;
    ctemplate::TemplateDictionary dict("test");
    dict.SetValue("X", "must not appear");
    EXPECT_EQ(render(**engine, "pages/p", "en", dict),
              "<p title=\"Say &quot;hi&quot; &#39;&#123;&#123;X&#125;&#125;&#39;\">Hello &amp; welcome</p>\n");
    EXPECT_EQ(render(**engine, "pages/p", "fr", dict),
              "<p title=\"Dites « salut » &#39;&#123;&#123;X&#125;&#125;&#39;\">Bonjour &amp; bienvenue</p>\n");
    // An unsupported language renders the default one instead of failing.
    EXPECT_EQ(render(**engine, "pages/p", "de", dict), render(**engine, "pages/p", "en", dict));
}

TEST_F(TemplateLoading, EarlierThemeDirectoryOverridesLaterOne) {
    write_template("brand", "pages/home", std::string(kPragma) + "brand home\n");
    write_template("default", "pages/home", std::string(kPragma) + "default home\n");
    write_template("default", "pages/other", std::string(kPragma) + "default other\n");
    std::filesystem::create_directories(dir.path() / "assets-only");  // a brand with no templates/ of its own
    auto engine = load({"brand", "assets-only", "default"});
    ASSERT_TRUE(engine) << engine.error().public_message;
    ctemplate::TemplateDictionary dict("test");
    EXPECT_EQ(render(**engine, "pages/home", "en", dict), "brand home\n");
    EXPECT_EQ(render(**engine, "pages/other", "en", dict), "default other\n");
    EXPECT_TRUE((*engine)->has("pages/other"));
    EXPECT_FALSE((*engine)->has("pages/missing"));
}

TEST_F(TemplateLoading, EscapesValuesInTextAndAttributes) {
    write_template("theme", "pages/p",
                   std::string(kPragma) + "<p class=\"{{V}}\">{{V}}</p><a href=\"{{URL}}\">x</a>\n");
    auto engine = load();
    ASSERT_TRUE(engine) << engine.error().public_message;
    ctemplate::TemplateDictionary dict("test");
    dict.SetValue("V", "<script>\"'");
    dict.SetValue("URL", "javascript:alert(1)");
    EXPECT_EQ(render(**engine, "pages/p", "en", dict),
              "<p class=\"&lt;script&gt;&quot;&#39;\">&lt;script&gt;&quot;&#39;</p><a href=\"#\">x</a>\n");
}

TEST_F(TemplateLoading, UnknownTemplateIsAnError) {
    write_template("theme", "pages/p", std::string(kPragma) + "x\n");
    auto engine = load();
    ASSERT_TRUE(engine);
    ctemplate::TemplateDictionary dict("test");
    EXPECT_FALSE((*engine)->render("pages/nope", "en", dict));
    EXPECT_FALSE((*engine)->render("", "en", dict));
}

TEST_F(TemplateLoading, IncludesResolveToTheLanguageVariantThroughTheEnginesCache) {
    write_template("theme", "layouts/base", std::string(kPragma) + "<main>{{>PAGE}}</main>\n");
    write_template("theme", "pages/p", std::string(kPragma) + "<p>[[t:greet.hello]] {{NAME}}</p>\n");
    auto engine = load();
    ASSERT_TRUE(engine) << engine.error().public_message;
    for (const auto& [lang, expected] :
         {std::pair{"en", "<main><p>Hello &amp; welcome &lt;Zoé&gt;</p>\n</main>\n"},
          std::pair{"fr", "<main><p>Bonjour &amp; bienvenue &lt;Zoé&gt;</p>\n</main>\n"}}) {
        ctemplate::TemplateDictionary dict("test");
        {
            // Temporaries: the dictionary must keep its own copies of the names.
            std::string section = "PAGE", name = "pages/p";
            auto* page = (*engine)->include(dict, section, name, lang);
            ASSERT_NE(page, nullptr);
            page->SetValue("NAME", "<Zoé>");
        }
        EXPECT_EQ(render(**engine, "layouts/base", lang, dict), expected);
    }
    // The templates are registered in the engine's own cache, not ctemplate's global one.
    std::string out;
    ctemplate::TemplateDictionary dict("test");
    EXPECT_FALSE(ctemplate::mutable_default_template_cache()->ExpandWithData("en/pages/p", ctemplate::STRIP_BLANK_LINES,
                                                                             &dict, nullptr, &out));
}

TEST_F(TemplateLoading, TwoEnginesKeepTheirOwnTemplates) {
    write_template("one", "pages/p", std::string(kPragma) + "one\n");
    write_template("two", "pages/p", std::string(kPragma) + "two\n");
    auto first = load({"one"});
    auto second = load({"two"});
    ASSERT_TRUE(first && second);
    ctemplate::TemplateDictionary dict("test");
    EXPECT_EQ(render(**first, "pages/p", "en", dict), "one\n");
    EXPECT_EQ(render(**second, "pages/p", "en", dict), "two\n");
}

TEST_F(TemplateLoading, IncludeOfAnUnknownTemplateFailsTheRender) {
    write_template("theme", "layouts/base", std::string(kPragma) + "<main>{{>PAGE}}</main>\n");
    auto engine = load();
    ASSERT_TRUE(engine);
    ctemplate::TemplateDictionary dict("test");
    (*engine)->include(dict, "PAGE", "pages/missing", "en");
    EXPECT_FALSE((*engine)->render("layouts/base", "en", dict));
}

}  // namespace
}  // namespace comptoir::render
