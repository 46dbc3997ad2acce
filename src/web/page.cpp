#include "web/page.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <chrono>
#include "web/dictionary.hpp"

namespace comptoir::web {
namespace {

// The request's URL with `lang` set to `lang` (or removed when empty),
// keeping its other query parameters.
std::string url_with_language(const http::Request& request, std::string_view lang) {
    auto parsed = boost::urls::parse_origin_form(request.target);
    if (!parsed) return request.path;
    boost::urls::url url(*parsed);
    url.params().erase("lang");
    if (!lang.empty()) url.params().append({"lang", lang});
    if (url.params().empty()) url.remove_query();
    return std::string(url.buffer());
}

std::string origin(const Deps& deps, const http::Request& request) {
    if (!deps.site.public_url.empty()) return deps.site.public_url;
    auto host = request.headers.get("Host").value_or("localhost");
    return std::string(request.secure ? "https://" : "http://") + std::string(host);
}

void add_language_options(ctemplate::TemplateDictionary& dict, const Deps& deps, const http::Request& request,
                          std::string_view current) {
    for (const auto& code : deps.i18n.languages()) {
        auto* option = dict.AddSectionDictionary("LANGUAGE_OPTION");
        option->SetValue("CODE", code);
        option->SetValue("NAME", std::string(deps.i18n.text(code, "lang.name")));
        option->SetValue("HREF", url_with_language(request, code));
        if (code == current) option->ShowSection("CURRENT");
    }
}

}  // namespace

LanguageChoice choose_language(const http::Request& request, const render::I18n& i18n) {
    if (auto explicit_choice = request.query_param("lang"); explicit_choice && i18n.supports(*explicit_choice))
        return {*explicit_choice, true};
    auto cookie = request.cookie(kLanguageCookie).value_or("");
    auto accept = request.headers.get("Accept-Language").value_or("");
    return {i18n.negotiate(cookie, accept), false};
}

Page::Page(const Deps& deps, const http::Request& request, std::string_view page, std::string_view title_key)
    : deps_(deps),
      request_(request),
      choice_(choose_language(request, deps.i18n)),
      root_(std::make_unique<ctemplate::TemplateDictionary>("layout")),
      title_(deps.i18n.text(choice_.lang, title_key)) {
    page_dict_ = deps_.templates.include(*root_, "PAGE", page, choice_.lang);
}

Page::~Page() = default;

std::string_view Page::t(std::string_view key) const { return deps_.i18n.text(choice_.lang, key); }

http::Response Page::finish(int status) {
    auto& root = *root_;
    const auto& lang = choice_.lang;
    root.SetValue("LANG", lang);
    root.SetValue("PAGE_TITLE", title_);
    root.SetValue("META_DESCRIPTION", description_.empty() ? std::string(t("site.tagline")) : description_);
    // Include dictionaries (header, footer, page) do not see the root's own
    // values, only template-global ones.
    root.SetTemplateGlobalValue("BRAND_NAME", deps_.site.brand_name);
    root.SetTemplateGlobalValue("SEARCH_QUERY", search_query_);
    root.SetValue("CSS_URL", deps_.assets.url("css/app.css"));
    root.SetValue("BRAND_CSS_URL", deps_.assets.url("css/brand.css"));
    root.SetValue("JS_URL", deps_.assets.url("js/app.js"));
    if (!deps_.site.logo_asset.empty()) {
        root.SetTemplateGlobalValue("BRAND_LOGO_URL", deps_.assets.url(deps_.site.logo_asset));
        root.ShowTemplateGlobalSection("HAS_LOGO");
    }
    auto year = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
    root.SetTemplateGlobalValue("YEAR", std::to_string(static_cast<int>(year.year())));

    const std::string base = origin(deps_, request_);
    root.SetValue("CANONICAL_URL",
                  base + url_with_language(request_, lang == deps_.i18n.default_language() ? "" : lang));
    for (const auto& code : deps_.i18n.languages()) {
        auto* alt = root.AddSectionDictionary("ALTERNATE");
        alt->SetValue("HREFLANG", code);
        alt->SetValue("HREF", base + url_with_language(request_, code));
    }
    auto* x_default = root.AddSectionDictionary("ALTERNATE");
    x_default->SetValue("HREFLANG", "x-default");
    x_default->SetValue("HREF", base + url_with_language(request_, ""));

    add_language_options(*deps_.templates.include(root, "HEADER", "partials/header", lang), deps_, request_, lang);
    add_language_options(*deps_.templates.include(root, "FOOTER", "partials/footer", lang), deps_, request_, lang);

    auto html = deps_.templates.render("layouts/base", lang, root);
    if (!html) throw std::runtime_error("rendering " + html.error().internal_detail);

    auto response = http::Response::html(status, std::move(*html));
    response.headers.set("Content-Language", lang);
    response.headers.set("Vary", "Accept-Language, Cookie");
    response.headers.set("Cache-Control", "private, no-cache");
    if (choice_.remember)
        response.headers.add("Set-Cookie", std::string(kLanguageCookie) + "=" + lang +
                                               "; Path=/; Max-Age=31536000; SameSite=Lax" +
                                               (request_.secure ? "; Secure" : ""));
    return response;
}

}  // namespace comptoir::web
