// Rendering of every e-mail in every language from the shipped catalogues and
// default theme: complete, escaped in HTML only, and refused rather than
// half-filled when a template or a param is wrong.
#include "web/emails.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <set>

namespace comptoir::web {
namespace {

using Params = std::map<std::string, std::string>;

/// Catalogues and the default theme, loaded once for the suite (tests run from the repository root).
class Emails : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        auto loaded = render::I18n::load("locales", {"en", "fr"}, "en");
        ASSERT_TRUE(loaded) << loaded.error().public_message;
        i18n_ = new render::I18n(std::move(*loaded));
        // Only the shipped e-mail templates, copied to a theme of their own, so that
        // this suite tests them whatever state the page templates are in.
        theme_ = std::filesystem::temp_directory_path() / ("comptoir-emails-" + std::to_string(::getpid()));
        std::filesystem::create_directories(theme_ / "templates");
        std::filesystem::copy("themes/default/templates/emails", theme_ / "templates" / "emails",
                              std::filesystem::copy_options::recursive);
        auto engine = render::TemplateEngine::load({theme_}, *i18n_);
        ASSERT_TRUE(engine) << engine.error().public_message;
        templates_ = engine->release();
    }
    static void TearDownTestSuite() {
        delete templates_;
        delete i18n_;
        std::error_code ignored;
        std::filesystem::remove_all(theme_, ignored);
    }

    static Result<notify::RenderedEmail> render(const std::string& name, const std::string& lang, Params params) {
        Site site;
        site.brand_name = "Acme & Co";
        return render_email(*i18n_, *templates_, site,
                            notify::Email{"zoe@example.test", lang, name, std::move(params)});
    }

    static notify::RenderedEmail must(const Result<notify::RenderedEmail>& r) {
        if (!r) throw std::runtime_error(r.error().internal_detail);
        return *r;
    }

    static bool has(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

    static inline render::I18n* i18n_ = nullptr;
    static inline render::TemplateEngine* templates_ = nullptr;
    static inline std::filesystem::path theme_;
};

const std::string kLink = "https://support.example.test/verify-email?token=abc123&lang=fr";

// "mail.greeting" left unformatted, told apart from the "e-mail." of a sentence's end.
bool has_catalogue_key(std::string_view text) {
    for (auto at = text.find("mail."); at != std::string_view::npos; at = text.find("mail.", at + 1)) {
        const bool word_start = at == 0 || text[at - 1] != '-';
        const bool key_follows = at + 5 < text.size() && text[at + 5] >= 'a' && text[at + 5] <= 'z';
        if (word_start && key_follows) return true;
    }
    return false;
}

// Every template with a full set of params.
std::vector<std::pair<std::string, Params>> all_templates() {
    return {
        {"verify_email", {{"name", "Zoé"}, {"link", kLink}}},
        {"reset_password", {{"name", "Zoé"}, {"link", kLink}}},
        {"invitation",
         {{"name", "Zoé"},
          {"inviter", "Marc"},
          {"organisation", "Boulangerie Dupont"},
          {"link", kLink},
          {"days", "7"}}},
        {"change_email", {{"name", "Zoé"}, {"link", kLink}, {"new_email", "zoe.new@example.test"}}},
        {"signup_existing",
         {{"name", "Zoé"}, {"signin_link", "https://support.example.test/sign-in"}, {"reset_link", kLink}}},
        {"security_notice", {{"name", "Zoé"}, {"event", "password_changed"}, {"when", "1715680800"}}},
    };
}

TEST_F(Emails, EveryTemplateRendersCompletelyInEveryLanguage) {
    for (const auto& [name, params] : all_templates()) {
        for (const std::string lang : {"en", "fr"}) {
            SCOPED_TRACE(name + " " + lang);
            auto mail = must(render(name, lang, params));
            EXPECT_EQ(mail.to, "zoe@example.test");
            EXPECT_FALSE(mail.subject.empty());
            EXPECT_TRUE(has(mail.text, "Zoé"));
            EXPECT_TRUE(has(mail.html, "Zoé"));
            EXPECT_TRUE(mail.html.starts_with("<!DOCTYPE html>")) << mail.html.substr(0, 80);
            EXPECT_TRUE(has(mail.html, "<html lang=\"" + lang + "\">"));
            // No placeholder, catalogue key or template marker left behind.
            for (const auto* text : {&mail.subject, &mail.text, &mail.html}) {
                EXPECT_FALSE(has(*text, "{")) << *text;
                EXPECT_FALSE(has_catalogue_key(*text)) << *text;
                EXPECT_FALSE(has(*text, "[[")) << *text;
            }
            // The link is in both parts: as text, and as an href (HTML-escaped &).
            if (params.contains("link")) {
                EXPECT_TRUE(has(mail.text, kLink));
                EXPECT_TRUE(
                    has(mail.html, "href=\"https://support.example.test/verify-email?token=abc123&amp;lang=fr\""));
            }
        }
    }
}

TEST_F(Emails, LanguagesDiffer) {
    auto en = must(render("reset_password", "en", {{"name", "Zoé"}, {"link", kLink}}));
    auto fr = must(render("reset_password", "fr", {{"name", "Zoé"}, {"link", kLink}}));
    EXPECT_EQ(en.subject, "Reset your Acme & Co password");
    EXPECT_EQ(fr.subject, "Réinitialisez votre mot de passe Acme & Co");
    EXPECT_TRUE(has(en.text, "Hello Zoé,"));
    EXPECT_TRUE(has(fr.text, "Bonjour Zoé,"));
    EXPECT_TRUE(has(en.text, "15 minutes"));
    EXPECT_TRUE(has(fr.text, "15\u00A0minutes"));
    EXPECT_TRUE(has(en.text, "If you did not ask for this"));
    EXPECT_TRUE(has(fr.html, "Choisir un nouveau mot de passe"));
    EXPECT_TRUE(has(en.text, "\nChoose a new password:\n" + kLink + "\n"));
    EXPECT_TRUE(has(fr.text, "\nChoisir un nouveau mot de passe\u00A0:\n" + kLink + "\n"));
}

TEST_F(Emails, AnUnsupportedLanguageFallsBackToTheDefault) {
    auto mail = must(render("verify_email", "de", {{"name", "Zoé"}, {"link", kLink}}));
    EXPECT_EQ(mail.subject, "Confirm your e-mail address for Acme & Co");
}

TEST_F(Emails, ValuesAreEscapedInHtmlAndVerbatimInText) {
    const std::string name = "<script>alert(\"x\")</script> & Zoé";
    auto mail =
        must(render("change_email", "en", {{"name", name}, {"link", kLink}, {"new_email", "a<b>@example.test"}}));
    EXPECT_TRUE(has(mail.text, "Hello " + name + ","));
    EXPECT_TRUE(has(mail.text, "a<b>@example.test"));
    EXPECT_FALSE(has(mail.html, "<script>"));
    EXPECT_FALSE(has(mail.html, "a<b>"));
    EXPECT_TRUE(has(mail.html, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Zoé")) << mail.html;
    EXPECT_TRUE(has(mail.html, "a&lt;b&gt;@example.test"));
    // The brand name goes through the same escaping.
    EXPECT_TRUE(has(mail.html, "Acme &amp; Co"));
    EXPECT_FALSE(has(mail.html, "Acme & Co"));
}

TEST_F(Emails, AnInvitationSaysWhoInvitesToWhatAndForHowLong) {
    Params params{
        {"name", "Zoé"}, {"inviter", "Marc"}, {"organisation", "Boulangerie Dupont"}, {"link", kLink}, {"days", "1"}};
    auto en = must(render("invitation", "en", params));
    EXPECT_EQ(en.subject, "Marc invites you to join Boulangerie Dupont on Acme & Co");
    EXPECT_TRUE(has(en.text, "expires in 1 day "));
    params["days"] = "7";
    auto fr = must(render("invitation", "fr", params));
    EXPECT_TRUE(has(fr.text, "expire dans 7 jours"));
    EXPECT_TRUE(has(fr.html, "expire dans 7 jours"));
}

TEST_F(Emails, ChangeEmailNamesTheNewAddress) {
    auto mail =
        must(render("change_email", "fr", {{"name", "Zoé"}, {"link", kLink}, {"new_email", "zoe.new@example.test"}}));
    EXPECT_TRUE(has(mail.text, "zoe.new@example.test"));
    EXPECT_TRUE(has(mail.html, "zoe.new@example.test"));
}

TEST_F(Emails, EachSecurityEventHasItsOwnSentenceAndSubject) {
    std::set<std::string> subjects, sentences;
    for (const std::string event : {"password_changed", "email_changed", "mfa_enabled", "mfa_disabled",
                                    "recovery_codes_regenerated", "sessions_revoked"}) {
        for (const std::string lang : {"en", "fr"}) {
            SCOPED_TRACE(event + " " + lang);
            auto mail =
                must(render("security_notice", lang, {{"name", "Zoé"}, {"event", event}, {"when", "1715680800"}}));
            subjects.insert(mail.subject);
            sentences.insert(mail.text);
            EXPECT_TRUE(has(mail.text, lang == "en" ? "reset your password" : "réinitialisez votre mot de passe"));
            EXPECT_TRUE(has(mail.text, lang == "en" ? "contact support" : "contactez l’assistance"));
            EXPECT_TRUE(has(mail.text, "10:00 UTC"));
        }
    }
    EXPECT_EQ(subjects.size(), 12u);
    EXPECT_EQ(sentences.size(), 12u);
}

TEST_F(Emails, TheTimeOfASecurityEventIsLocalisedOrShownAsGiven) {
    auto en =
        must(render("security_notice", "en", {{"name", "Zoé"}, {"event", "mfa_enabled"}, {"when", "1715680800"}}));
    EXPECT_TRUE(has(en.text, "May 14, 2024 at 10:00 UTC")) << en.text;
    auto fr =
        must(render("security_notice", "fr", {{"name", "Zoé"}, {"event", "mfa_enabled"}, {"when", "1715680800"}}));
    EXPECT_TRUE(has(fr.text, "14 mai 2024 à 10:00 UTC")) << fr.text;
    auto given = must(
        render("security_notice", "fr", {{"name", "Zoé"}, {"event", "mfa_enabled"}, {"when", "2024-05-14 10:00 UTC"}}));
    EXPECT_TRUE(has(given.text, "le 2024-05-14 10:00 UTC.")) << given.text;
}

TEST_F(Emails, AnEmptyNameGivesAGreetingWithoutOne) {
    auto mail = must(render("verify_email", "en", {{"name", ""}, {"link", kLink}}));
    EXPECT_TRUE(mail.text.starts_with("Hello,\n")) << mail.text;
}

TEST_F(Emails, EveryMissingParamFails) {
    for (const auto& [name, params] : all_templates()) {
        for (const auto& [missing, ignored] : params) {
            SCOPED_TRACE(name + " without " + missing);
            Params partial = params;
            partial.erase(missing);
            auto r = render(name, "en", partial);
            ASSERT_FALSE(r);
            EXPECT_EQ(r.error().code, ErrorCode::invalid_input);
            EXPECT_TRUE(has(r.error().internal_detail, missing)) << r.error().internal_detail;
        }
    }
}

TEST_F(Emails, BadParamValuesFail) {
    EXPECT_FALSE(render("verify_email", "en", {{"name", "Zoé"}, {"link", ""}}));
    EXPECT_FALSE(render("verify_email", "en", {{"name", "Zoé"}, {"link", "/verify-email?token=abc"}}));
    EXPECT_FALSE(render("verify_email", "en", {{"name", "Zoé"}, {"link", "javascript:alert(1)"}}));
    EXPECT_FALSE(render("verify_email", "en", {{"name", "Zoé"}, {"link", "https://x.test/a b"}}));
    EXPECT_FALSE(
        render("invitation", "en",
               {{"name", "Zoé"}, {"inviter", "Marc"}, {"organisation", "O"}, {"link", kLink}, {"days", "seven"}}));
    EXPECT_FALSE(render("invitation", "en",
                        {{"name", "Zoé"}, {"inviter", ""}, {"organisation", "O"}, {"link", kLink}, {"days", "7"}}));
    EXPECT_FALSE(render("security_notice", "en", {{"name", "Zoé"}, {"event", "account_deleted"}, {"when", "1"}}));
    EXPECT_FALSE(
        render("signup_existing", "en", {{"name", "Zoé"}, {"signin_link", "ftp://x.test"}, {"reset_link", kLink}}));
}

TEST_F(Emails, AnUnknownTemplateFails) {
    for (const std::string name : {"", "welcome", "layout", "../pages/home", "VERIFY_EMAIL"}) {
        auto r = render(name, "en", {{"name", "Zoé"}, {"link", kLink}});
        ASSERT_FALSE(r) << name;
        EXPECT_EQ(r.error().code, ErrorCode::invalid_input) << name;
    }
}

TEST_F(Emails, ExtraParamsAreIgnored) {
    auto mail = must(render("verify_email", "en", {{"name", "Zoé"}, {"link", kLink}, {"password", "hunter2-hunter2"}}));
    EXPECT_FALSE(has(mail.text, "hunter2"));
    EXPECT_FALSE(has(mail.html, "hunter2"));
}

}  // namespace
}  // namespace comptoir::web
