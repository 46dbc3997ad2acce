// The shipped default theme against the shipped catalogues: every template
// loads and renders in every language, and a whole page comes out as the web
// layer will fill it.
#include <cstring>  // before ctemplate: its str_ref.h uses strlen without including <cstring>

#include <ctemplate/template_dictionary.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "render/templates.hpp"

namespace comptoir::render {
namespace {

const std::vector<std::string> kLanguages{"en", "fr"};
const std::filesystem::path kTemplateRoot = "themes/default/templates";

/// Every template of the default theme ("pages/kb/article"), found on disk so a new one is checked too.
std::vector<std::string> all_templates() {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(kTemplateRoot)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".tpl") continue;
        names.push_back(entry.path().lexically_relative(kTemplateRoot).replace_extension().generic_string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

/// HTML e-mails are not web pages: mail clients drop stylesheets, so their styles are inline (no CSP there).
bool is_email(const std::string& name) { return name.starts_with("emails/"); }

class DefaultTheme : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        auto loaded = I18n::load("locales", kLanguages, "en");
        ASSERT_TRUE(loaded) << loaded.error().public_message;
        i18n = new I18n(std::move(*loaded));
        auto engine_loaded = TemplateEngine::load({"themes/default"}, *i18n);
        ASSERT_TRUE(engine_loaded) << engine_loaded.error().public_message;
        engine = engine_loaded->release();
    }
    static void TearDownTestSuite() {
        delete engine;
        delete i18n;
    }

    /// A page filled as the web layer does: shared values template-global, includes per language.
    static std::string render_page(std::string_view page, std::string_view lang,
                                   const std::function<void(ctemplate::TemplateDictionary&)>& fill_page = {}) {
        ctemplate::TemplateDictionary root("layout");
        root.SetValue("LANG", std::string(lang));
        root.SetValue("PAGE_TITLE", "Title");
        root.SetTemplateGlobalValue("BRAND_NAME", "Acme <b>");
        root.SetTemplateGlobalValue("BRAND_LOGO_URL", "/static/img/logo.svg");
        root.ShowTemplateGlobalSection("HAS_LOGO");
        root.SetTemplateGlobalValue("YEAR", "2031");
        root.SetValue("CSS_URL", "/static/css/app.css");
        root.SetValue("JS_URL", "/static/js/app.js");
        for (const auto& code : kLanguages) {
            auto* alternate = root.AddSectionDictionary("ALTERNATE");
            alternate->SetValue("HREFLANG", code);
            alternate->SetValue("HREF", "https://help.example/?lang=" + code);
        }
        for (const auto& [section, name] : {std::pair{"HEADER", "partials/header"}, {"FOOTER", "partials/footer"}}) {
            auto* include = engine->include(root, section, name, lang);
            for (const auto& code : kLanguages) {
                auto* option = include->AddSectionDictionary("LANGUAGE_OPTION");
                option->SetValue("CODE", code);
                option->SetValue("NAME", std::string(i18n->text(code, "lang.name")));
                option->SetValue("HREF", "/?lang=" + code);
                if (code == lang) option->ShowSection("CURRENT");
            }
        }
        auto* page_dict = engine->include(root, "PAGE", page, lang);
        if (fill_page) fill_page(*page_dict);
        auto html = engine->render("layouts/base", lang, root);
        EXPECT_TRUE(html) << html.error().internal_detail;
        return html.value_or("");
    }

    static inline I18n* i18n = nullptr;
    static inline TemplateEngine* engine = nullptr;
};

std::string read(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

TEST(DefaultThemeFiles, TheWalkFindsEveryKindOfTemplate) {
    const auto names = all_templates();
    EXPECT_GT(names.size(), 50u);
    for (const char* expected : {"layouts/base", "pages/error", "pages/api/api_key_created", "emails/layout"})
        EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end()) << expected;
}

TEST_F(DefaultTheme, EveryTemplateRendersWithAnEmptyDictionaryInEveryLanguage) {
    for (const auto& name : all_templates()) {
        ASSERT_TRUE(engine->has(name)) << name;
        for (const auto& lang : kLanguages) {
            ctemplate::TemplateDictionary empty("empty");
            auto html = engine->render(name, lang, empty);
            ASSERT_TRUE(html) << name << " " << lang;
            EXPECT_FALSE(html->empty()) << name << " " << lang;
            EXPECT_EQ(html->find("[[t:"), std::string::npos) << name << " " << lang;
        }
    }
}

TEST_F(DefaultTheme, HomePageIsTranslatedAndLinksEverySection) {
    const auto en = render_page("pages/home", "en");
    const auto fr = render_page("pages/home", "fr");
    EXPECT_NE(en.find("<html lang=\"en\">"), std::string::npos);
    EXPECT_NE(fr.find("<html lang=\"fr\">"), std::string::npos);
    EXPECT_NE(en.find("How can we help?"), std::string::npos);
    EXPECT_NE(fr.find("Comment pouvons-nous vous aider\u00a0?"), std::string::npos);
    for (const auto* href :
         {"/kb", "/faq", "/tickets", "/orders", "/billing", "/appointments", "/community", "/assistant", "/sign-in"}) {
        EXPECT_NE(en.find("href=\"" + std::string(href) + "\""), std::string::npos) << href;
        EXPECT_NE(fr.find("href=\"" + std::string(href) + "\""), std::string::npos) << href;
    }
    EXPECT_NE(en.find("action=\"/search\" method=\"get\""), std::string::npos);
    EXPECT_NE(en.find("<link rel=\"alternate\" hreflang=\"fr\" href=\"https://help.example/?lang=fr\">"),
              std::string::npos);
    EXPECT_NE(en.find("<main id=\"main\""), std::string::npos);
    EXPECT_NE(en.find("href=\"#main\""), std::string::npos);
    EXPECT_NE(fr.find("lang=\"fr\" aria-current=\"true\">Français</a>"), std::string::npos);
    EXPECT_NE(fr.find("lang=\"en\">English</a>"), std::string::npos);
    EXPECT_NE(en.find("© 2031 Acme &lt;b&gt;."), std::string::npos);
    EXPECT_NE(en.find("src=\"/static/img/logo.svg\""), std::string::npos);
}

TEST_F(DefaultTheme, ValuesAreEscapedInTextAndAttributes) {
    const auto html = render_page("pages/search", "en", [](ctemplate::TemplateDictionary& page) {
        page.SetValue("SEARCH_QUERY", "<script>alert(1)</script>\"");
        page.SetValue("RESULT_SUMMARY", "<script>");
        auto* result = page.AddSectionDictionary("RESULT");
        result->SetValue("TITLE", "<script>");
        result->SetValue("URL", "javascript:alert(1)");
        // The snippet is HTML the search service escaped already (<mark> only): printed as is.
        result->SetValue("SNIPPET_HTML", "a &lt;b&gt; <mark>match</mark>");
        page.ShowSection("NO_RESULTS");
    });
    EXPECT_EQ(html.find("<script>alert"), std::string::npos);
    EXPECT_EQ(html.find("<img src=x"), std::string::npos);
    EXPECT_NE(html.find("value=\"&lt;script&gt;alert(1)&lt;/script&gt;&quot;\""), std::string::npos);
    EXPECT_NE(html.find("role=\"status\">&lt;script&gt;</p>"), std::string::npos);
    EXPECT_NE(html.find("<a href=\"#\">&lt;script&gt;</a>"), std::string::npos);
    EXPECT_NE(html.find("<title>Title · Acme &lt;b&gt;</title>"), std::string::npos);
    EXPECT_NE(html.find("a &lt;b&gt; <mark>match</mark>"), std::string::npos);
    EXPECT_NE(html.find("href=\"/tickets/new\""), std::string::npos);
}

TEST_F(DefaultTheme, ErrorPageShowsTheRequestIdWithATranslatedLabel) {
    const auto html = render_page("pages/error", "fr", [](ctemplate::TemplateDictionary& page) {
        page.SetIntValue("STATUS", 404);
        page.SetValue("ERROR_TITLE", "Page introuvable");
        page.SetValue("REQUEST_ID", "req-42");
    });
    EXPECT_NE(html.find(">404<"), std::string::npos);
    EXPECT_NE(html.find("Identifiant de la requête\u00a0: <code>req-42</code>"), std::string::npos);
}

/// The source without its template comments ({{! … }}), which may mention tags in prose.
std::string without_comments(const std::string& source) {
    std::string out;
    std::size_t pos = 0;
    for (auto open = source.find("{{!"); open != std::string::npos; open = source.find("{{!", pos)) {
        out.append(source, pos, open - pos);
        const auto close = source.find("}}", open + 3);
        pos = close == std::string::npos ? source.size() : close + 2;
    }
    if (pos < source.size()) out.append(source, pos);
    return out;
}

/// Every opening tag of the source ("<a href=...>"), lower-cased.
std::vector<std::string> tags(const std::string& source) {
    std::vector<std::string> found;
    for (auto open = source.find('<'); open != std::string::npos; open = source.find('<', open + 1)) {
        auto tag = source.substr(open, source.find('>', open) - open);
        for (char& c : tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        found.push_back(std::move(tag));
    }
    return found;
}

bool has_event_handler(const std::string& tag) {
    for (auto at = tag.find(" on"); at != std::string::npos; at = tag.find(" on", at + 1)) {
        auto end = at + 3;
        while (end < tag.size() && std::isalpha(static_cast<unsigned char>(tag[end]))) ++end;
        if (end > at + 3 && end < tag.size() && tag[end] == '=') return true;
    }
    return false;
}

TEST_F(DefaultTheme, NoInlineScriptOrStyle) {
    for (const auto& name : all_templates()) {
        for (const auto& tag : tags(without_comments(read((kTemplateRoot / (name + ".tpl")).string())))) {
            if (tag.starts_with("<script")) {
                // An e-mail runs no script at all; a page only its own files (the CSP forbids inline ones).
                EXPECT_FALSE(is_email(name)) << name << ": " << tag;
                EXPECT_NE(tag.find(" src="), std::string::npos) << name << ": " << tag;
            }
            EXPECT_FALSE(has_event_handler(tag)) << name << ": " << tag;
            if (is_email(name)) continue;
            EXPECT_FALSE(tag.starts_with("<style")) << name;
            EXPECT_EQ(tag.find(" style="), std::string::npos) << name << ": " << tag;
        }
    }
}

/// The source without comments, tags, markers, variables, entities and code samples. What a <code>
/// element holds is protocol text ("Authorization: Bearer …") that reads the same in every language.
std::string visible_literal_text(const std::string& source) {
    const std::vector<std::pair<std::string, std::string>> spans{{"{{!", "}}"},         {"[[t:", "]]"}, {"{{", "}}"},
                                                                 {"<code>", "</code>"}, {"<", ">"},     {"&", ";"}};
    std::string text;
    for (std::size_t pos = 0; pos < source.size();) {
        bool skipped = false;
        for (const auto& [open, close] : spans) {
            if (source.compare(pos, open.size(), open) != 0) continue;
            const auto end = source.find(close, pos + open.size());
            pos = end == std::string::npos ? source.size() : end + close.size();
            text += ' ';
            skipped = true;
            break;
        }
        if (!skipped) text += source[pos++];
    }
    return text;
}

TEST_F(DefaultTheme, NoHardCodedTextInTemplates) {
    // Every user-visible string comes from the catalogues: what is left of a template once its markup is
    // gone holds no word.
    for (const auto& name : all_templates()) {
        const auto leftover = visible_literal_text(read((kTemplateRoot / (name + ".tpl")).string()));
        for (std::size_t i = 0; i + 1 < leftover.size(); ++i) {
            const bool word = std::isalpha(static_cast<unsigned char>(leftover[i])) &&
                              std::isalpha(static_cast<unsigned char>(leftover[i + 1]));
            ASSERT_FALSE(word) << name << ": hard-coded text near \"" << leftover.substr(i, 30) << "\"";
        }
    }
}

TEST(ThemeScanner, FindsWhatTheThemeChecksForbid) {
    // The checks above pass on the shipped theme; this shows they would catch a slip.
    EXPECT_TRUE(has_event_handler("<img src=x onerror=alert(1)"));
    EXPECT_FALSE(has_event_handler("<a href=\"/\" class=\"one\""));
    EXPECT_EQ(tags("<p><script>x</script>").at(1), "<script");
    EXPECT_EQ(visible_literal_text("{{! Hello }}<p title=\"x\">[[t:a.b]] {{NAME}}&nbsp;·</p>").find("Hello"),
              std::string::npos);
    EXPECT_NE(visible_literal_text("<p>Hello {{NAME}}</p>").find("Hello"), std::string::npos);
    // A code sample is skipped, and only it: prose after it is still caught.
    EXPECT_EQ(visible_literal_text("<p><code>Authorization: Bearer</code></p>").find("Bearer"), std::string::npos);
    EXPECT_NE(visible_literal_text("<p><code>x</code> then Hello</p>").find("Hello"), std::string::npos);
    EXPECT_EQ(tags(without_comments("{{! a <style> in prose }}<p>")).size(), 1u);
    EXPECT_EQ(tags(without_comments("{{! note }}<p style=\"x\">")).at(0), "<p style=\"x\"");
}

}  // namespace
}  // namespace comptoir::render
