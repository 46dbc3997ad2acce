#pragma once
// A page response under construction: picks the language, fills the layout
// (brand, navigation, language switcher, hreflang alternates) around one page
// template, and renders it.
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/message.hpp"
#include "web/auth.hpp"
#include "web/deps.hpp"

namespace ctemplate {
class TemplateDictionary;
}

namespace comptoir::web {

/// The language of a request and whether it was an explicit choice to remember.
struct LanguageChoice {
    std::string lang;
    bool remember = false;  // ?lang=xx named a supported language: set the cookie
};

/// ?lang= (supported) > comptoir_lang cookie > the signed-in user's language
/// (`preferred`) > Accept-Language > default.
LanguageChoice choose_language(const http::Request& request, const render::I18n& i18n, std::string_view preferred = {});

/// Name of the cookie that remembers the language choice.
inline constexpr std::string_view kLanguageCookie = "comptoir_lang";

/// A LANGUAGE_CHOICE section per configured language (CODE, NAME in its own
/// language, SELECTED for `selected`), for language select boxes in forms.
void add_language_choices(ctemplate::TemplateDictionary& dict, const Deps& deps, std::string_view selected);

class Page {
  public:
    /// `page` is the template name ("pages/home"); `title_key` a catalogue key.
    Page(const Deps& deps, const http::Request& request, std::string_view page, std::string_view title_key);
    /// A page that knows its visitor: the header shows who is signed in, forms
    /// get the CSRF token (template-global CSRF_TOKEN), the user's language counts.
    Page(const Deps& deps, const http::Request& request, const Visitor& visitor, std::string_view page,
         std::string_view title_key);
    /// A page whose language is part of its URL (the knowledge base: /kb/fr/…):
    /// `language` (supported) wins over ?lang=, cookie and Accept-Language, and
    /// nothing is remembered.
    Page(const Deps& deps, const http::Request& request, const Visitor& visitor, std::string_view page,
         std::string_view title_key, std::string_view language);
    ~Page();

    const std::string& lang() const { return choice_.lang; }
    /// The page template's dictionary.
    ctemplate::TemplateDictionary& dict() { return *page_dict_; }
    /// Translated text in the page's language.
    std::string_view t(std::string_view key) const;
    void set_title(std::string title) { title_ = std::move(title); }
    void set_description(std::string description) { description_ = std::move(description); }
    void set_search_query(std::string query) { search_query_ = std::move(query); }
    /// Where the language switcher leads, as (language, relative URL) for every
    /// language; by default this URL with ?lang=xx.
    void set_language_links(std::vector<std::pair<std::string, std::string>> links) {
        language_links_ = std::move(links);
    }
    /// The hreflang alternates, as (hreflang, relative URL), "x-default"
    /// included by the caller; by default one per language plus x-default.
    void set_alternates(std::vector<std::pair<std::string, std::string>> alternates) {
        alternates_ = std::move(alternates);
        custom_alternates_ = true;
    }
    /// The canonical URL as a relative path ("/kb/fr/articles/42-x"); by default
    /// this URL without ?lang= (with it for a language other than the default).
    void set_canonical(std::string path) { canonical_ = std::move(path); }

    /// Translated and formatted: t("x", {{"n", 3}}).
    std::string format(std::string_view key, const std::vector<std::pair<std::string, render::MessageArg>>& args) const;
    /// Shows the page's error banner with the translated message `key`.
    void set_error(std::string_view key);
    /// Shows a confirmation banner with the translated message `key`.
    void set_notice(std::string_view key);
    /// This page shows a form to a visitor who may not be signed in: the
    /// anonymous CSRF cookie goes out with it (other pages stay cookie-free,
    /// so that shared caches may keep public pages).
    void use_form();
    /// Extra response headers (Set-Cookie, Referrer-Policy…) are added to finish()'s response.
    http::Headers& headers() { return extra_headers_; }

    /// Renders layout + page with `status`.
    http::Response finish(int status = 200);

  private:
    const Deps& deps_;
    const http::Request& request_;
    LanguageChoice choice_;
    std::unique_ptr<ctemplate::TemplateDictionary> root_;
    ctemplate::TemplateDictionary* page_dict_ = nullptr;
    const Visitor* visitor_ = nullptr;
    std::string new_form_token_;  // made by use_form() for a visitor without any token
    std::string title_, description_, search_query_, error_, notice_;
    http::Headers extra_headers_;
    std::vector<std::pair<std::string, std::string>> language_links_, alternates_;
    bool custom_alternates_ = false;
    std::string canonical_;
};

}  // namespace comptoir::web
