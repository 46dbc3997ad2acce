#pragma once
// ctemplate wrapper. Templates live in themes/<theme>/templates/ as
// layouts/, partials/, pages/ (files *.tpl). Each must start with an
// {{%AUTOESCAPE context="HTML"}} pragma or loading fails.
//
// Translations are expanded at load time: `[[t:home.title]]` is replaced by
// the HTML-escaped message of each language, so one parsed template exists
// per (template, language) and rendering pays nothing for i18n. Messages
// with arguments (plurals, numbers) are formatted in C++ and passed as
// ordinary values.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "render/i18n.hpp"

namespace ctemplate {
class TemplateDictionary;
}

namespace comptoir::render {

class TemplateEngine {
  public:
    /// Loads every *.tpl under `<dir>/templates/` of each theme directory; an
    /// earlier directory overrides a later one for the same relative path.
    static Result<std::unique_ptr<TemplateEngine>> load(const std::vector<std::filesystem::path>& theme_dirs,
                                                        const I18n& i18n);
    ~TemplateEngine();

    /// Renders "pages/home" in `lang` with `dict`. Partials are included with
    /// {{>NAME}} sections whose filename the caller sets through include().
    Result<std::string> render(std::string_view name, std::string_view lang,
                               const ctemplate::TemplateDictionary& dict) const;
    /// Sets up `{{>section}}` in `dict` to include `name` ("partials/header") in `lang`;
    /// returns the include's own dictionary. ctemplate does not let an include see
    /// its parent's values: set values several templates show (BRAND_NAME, ...)
    /// with SetTemplateGlobalValue / ShowTemplateGlobalSection on the root.
    ctemplate::TemplateDictionary* include(ctemplate::TemplateDictionary& dict, std::string_view section,
                                           std::string_view name, std::string_view lang) const;
    bool has(std::string_view name) const;

    struct Impl;

  private:
    explicit TemplateEngine(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace comptoir::render
