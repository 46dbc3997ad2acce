#pragma once
// A page response under construction: picks the language, fills the layout
// (brand, navigation, language switcher, hreflang alternates) around one page
// template, and renders it.
#include <memory>
#include <string>
#include <string_view>

#include "http/message.hpp"
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

/// ?lang= (supported) > comptoir_lang cookie > Accept-Language > default.
LanguageChoice choose_language(const http::Request& request, const render::I18n& i18n);

/// Name of the cookie that remembers the language choice.
inline constexpr std::string_view kLanguageCookie = "comptoir_lang";

class Page {
  public:
    /// `page` is the template name ("pages/home"); `title_key` a catalogue key.
    Page(const Deps& deps, const http::Request& request, std::string_view page, std::string_view title_key);
    ~Page();

    const std::string& lang() const { return choice_.lang; }
    /// The page template's dictionary.
    ctemplate::TemplateDictionary& dict() { return *page_dict_; }
    /// Translated text in the page's language.
    std::string_view t(std::string_view key) const;
    void set_title(std::string title) { title_ = std::move(title); }
    void set_description(std::string description) { description_ = std::move(description); }
    void set_search_query(std::string query) { search_query_ = std::move(query); }

    /// Renders layout + page with `status`.
    http::Response finish(int status = 200);

  private:
    const Deps& deps_;
    const http::Request& request_;
    LanguageChoice choice_;
    std::unique_ptr<ctemplate::TemplateDictionary> root_;
    ctemplate::TemplateDictionary* page_dict_ = nullptr;
    std::string title_, description_, search_query_;
};

}  // namespace comptoir::web
