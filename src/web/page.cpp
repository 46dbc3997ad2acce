#include "web/page.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <chrono>
#include "core/crypto.hpp"
#include "web/dictionary.hpp"

// Dictionary keys as static template strings: their ids are computed once at
// start-up instead of hashed and registered on every SetValue.
static const ctemplate::StaticTemplateString kLanguageOption = STS_INIT(kLanguageOption, "LANGUAGE_OPTION");
static const ctemplate::StaticTemplateString kCode = STS_INIT(kCode, "CODE");
static const ctemplate::StaticTemplateString kName = STS_INIT(kName, "NAME");
static const ctemplate::StaticTemplateString kHref = STS_INIT(kHref, "HREF");
static const ctemplate::StaticTemplateString kCurrent = STS_INIT(kCurrent, "CURRENT");
static const ctemplate::StaticTemplateString kLang = STS_INIT(kLang, "LANG");
static const ctemplate::StaticTemplateString kPageTitle = STS_INIT(kPageTitle, "PAGE_TITLE");
static const ctemplate::StaticTemplateString kMetaDescription = STS_INIT(kMetaDescription, "META_DESCRIPTION");
static const ctemplate::StaticTemplateString kBrandName = STS_INIT(kBrandName, "BRAND_NAME");
static const ctemplate::StaticTemplateString kSearchQuery = STS_INIT(kSearchQuery, "SEARCH_QUERY");
static const ctemplate::StaticTemplateString kCssUrl = STS_INIT(kCssUrl, "CSS_URL");
static const ctemplate::StaticTemplateString kBrandCssUrl = STS_INIT(kBrandCssUrl, "BRAND_CSS_URL");
static const ctemplate::StaticTemplateString kJsUrl = STS_INIT(kJsUrl, "JS_URL");
static const ctemplate::StaticTemplateString kSearchJsUrl = STS_INIT(kSearchJsUrl, "SEARCH_JS_URL");
static const ctemplate::StaticTemplateString kBrandLogoUrl = STS_INIT(kBrandLogoUrl, "BRAND_LOGO_URL");
static const ctemplate::StaticTemplateString kHasLogo = STS_INIT(kHasLogo, "HAS_LOGO");
static const ctemplate::StaticTemplateString kYear = STS_INIT(kYear, "YEAR");
static const ctemplate::StaticTemplateString kAlternate = STS_INIT(kAlternate, "ALTERNATE");
static const ctemplate::StaticTemplateString kHreflang = STS_INIT(kHreflang, "HREFLANG");
static const ctemplate::StaticTemplateString kCanonicalUrl = STS_INIT(kCanonicalUrl, "CANONICAL_URL");

namespace comptoir::web {
namespace {

// The request's URL with `lang` set to `lang` (or removed when empty),
// keeping its other query parameters.
std::string url_with_language(const http::Request& request, std::string_view lang) {
    if (request.query.empty()) {  // the common case needs no URL parsing
        return lang.empty() ? request.path : request.path + "?lang=" + std::string(lang);
    }
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

// The page's URL in each language, computed once per page.
struct LanguageUrls {
    std::vector<std::pair<std::string, std::string>> by_language;  // (code, url)
    std::string neutral;                                           // without ?lang=
};

LanguageUrls language_urls(const Deps& deps, const http::Request& request) {
    LanguageUrls urls;
    for (const auto& code : deps.i18n.languages())
        urls.by_language.emplace_back(code, url_with_language(request, code));
    urls.neutral = url_with_language(request, "");
    return urls;
}

void add_language_options(ctemplate::TemplateDictionary& dict, const Deps& deps, const LanguageUrls& urls,
                          std::string_view current) {
    for (const auto& [code, url] : urls.by_language) {
        auto* option = dict.AddSectionDictionary(kLanguageOption);
        option->SetValue(kCode, code);
        auto name = deps.i18n.text(code, "lang.name");
        option->SetValue(kName, ctemplate::TemplateString(name.data(), name.size()));
        option->SetValue(kHref, url);
        if (code == current) option->ShowSection(kCurrent);
    }
}

}  // namespace

void add_language_choices(ctemplate::TemplateDictionary& dict, const Deps& deps, std::string_view selected) {
    for (const auto& code : deps.i18n.languages()) {
        auto* option = dict.AddSectionDictionary("LANGUAGE_CHOICE");
        option->SetValue("CODE", code);
        const auto name = deps.i18n.text(code, "lang.name");
        option->SetValue("NAME", ctemplate::TemplateString(name.data(), name.size()));
        if (code == selected) option->ShowSection("SELECTED");
    }
}

LanguageChoice choose_language(const http::Request& request, const render::I18n& i18n, std::string_view preferred) {
    if (auto explicit_choice = request.query_param("lang"); explicit_choice && i18n.supports(*explicit_choice))
        return {*explicit_choice, true};
    auto cookie = request.cookie(kLanguageCookie).value_or("");
    if ((cookie.empty() || !i18n.supports(cookie)) && i18n.supports(preferred)) return {std::string(preferred), false};
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

Page::Page(const Deps& deps, const http::Request& request, const Visitor& visitor, std::string_view page,
           std::string_view title_key)
    : deps_(deps),
      request_(request),
      choice_(choose_language(request, deps.i18n, visitor.principal ? visitor.principal->language : "")),
      root_(std::make_unique<ctemplate::TemplateDictionary>("layout")),
      visitor_(&visitor),
      title_(deps.i18n.text(choice_.lang, title_key)) {
    page_dict_ = deps_.templates.include(*root_, "PAGE", page, choice_.lang);
}

Page::Page(const Deps& deps, const http::Request& request, const Visitor& visitor, std::string_view page,
           std::string_view title_key, std::string_view language)
    : deps_(deps),
      request_(request),
      choice_(deps.i18n.supports(language)
                  ? LanguageChoice{std::string(language), false}
                  : choose_language(request, deps.i18n, visitor.principal ? visitor.principal->language : "")),
      root_(std::make_unique<ctemplate::TemplateDictionary>("layout")),
      visitor_(&visitor),
      title_(deps.i18n.text(choice_.lang, title_key)) {
    page_dict_ = deps_.templates.include(*root_, "PAGE", page, choice_.lang);
}

Page::~Page() = default;

std::string Page::format(std::string_view key,
                         const std::vector<std::pair<std::string, render::MessageArg>>& args) const {
    return deps_.i18n.format(choice_.lang, key, args);
}

void Page::use_form() {
    if (visitor_ && visitor_->csrf_token.empty() && new_form_token_.empty()) new_form_token_ = crypto::random_hex(32);
}

void Page::set_error(std::string_view key) { error_ = std::string(t(key)); }
void Page::set_notice(std::string_view key) { notice_ = std::string(t(key)); }

std::string_view Page::t(std::string_view key) const { return deps_.i18n.text(choice_.lang, key); }

http::Response Page::finish(int status) {
    auto& root = *root_;
    const auto& lang = choice_.lang;
    root.SetValue(kLang, lang);
    root.SetValue(kPageTitle, title_);
    root.SetValue(kMetaDescription, description_.empty() ? std::string(t("site.tagline")) : description_);
    // Include dictionaries (header, footer, page) do not see the root's own
    // values, only template-global ones.
    root.SetTemplateGlobalValue(kBrandName, deps_.site.brand_name);
    root.SetTemplateGlobalValue(kSearchQuery, search_query_);
    root.SetValue(kCssUrl, deps_.assets.url("css/app.css"));
    root.SetValue(kBrandCssUrl, deps_.assets.url("css/brand.css"));
    root.SetValue(kJsUrl, deps_.assets.url("js/app.js"));
    root.SetValue(kSearchJsUrl, deps_.assets.url("js/kb-search.js"));
    if (!deps_.site.logo_asset.empty()) {
        root.SetTemplateGlobalValue(kBrandLogoUrl, deps_.assets.url(deps_.site.logo_asset));
        root.ShowTemplateGlobalSection(kHasLogo);
    }
    if (visitor_) {
        // Any form in any template can carry the token.
        root.SetTemplateGlobalValue("CSRF_TOKEN", new_form_token_.empty() ? visitor_->csrf_token : new_form_token_);
        if (const auto& who = visitor_->principal) {
            root.ShowTemplateGlobalSection("SIGNED_IN");
            root.SetTemplateGlobalValue("USER_NAME", who->display_name);
            if (who->staff()) root.ShowTemplateGlobalSection("IS_STAFF");
            if (who->admin()) root.ShowTemplateGlobalSection("IS_ADMIN");
            if (who->role == accounts::Role::org_admin) root.ShowTemplateGlobalSection("IS_ORG_ADMIN");
        } else {
            root.ShowTemplateGlobalSection("SIGNED_OUT");
        }
    } else {
        root.ShowTemplateGlobalSection("SIGNED_OUT");
    }
    if (!error_.empty()) {
        root.ShowTemplateGlobalSection("HAS_ERROR");
        root.SetTemplateGlobalValue("ERROR_TEXT", error_);
    }
    if (!notice_.empty()) {
        root.ShowTemplateGlobalSection("HAS_NOTICE");
        root.SetTemplateGlobalValue("NOTICE_TEXT", notice_);
    }
    auto year = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
    root.SetTemplateGlobalValue(kYear, std::to_string(static_cast<int>(year.year())));

    const std::string base = origin(deps_, request_);
    LanguageUrls urls = language_urls(deps_, request_);
    std::string canonical = base;
    canonical += urls.neutral;
    if (custom_alternates_) {
        for (const auto& [code, url] : alternates_) {
            auto* alt = root.AddSectionDictionary(kAlternate);
            alt->SetValue(kHreflang, code);
            alt->SetValue(kHref, base + url);
        }
    } else {
        for (const auto& [code, url] : urls.by_language) {
            auto* alt = root.AddSectionDictionary(kAlternate);
            alt->SetValue(kHreflang, code);
            alt->SetValue(kHref, base + url);
            if (code == lang && lang != deps_.i18n.default_language()) canonical = base + url;
        }
        auto* x_default = root.AddSectionDictionary(kAlternate);
        x_default->SetValue(kHreflang, "x-default");
        x_default->SetValue(kHref, base + urls.neutral);
    }
    if (!canonical_.empty()) canonical = base + canonical_;
    root.SetValue(kCanonicalUrl, canonical);
    if (!language_links_.empty()) urls.by_language = language_links_;

    add_language_options(*deps_.templates.include(root, "HEADER", "partials/header", lang), deps_, urls, lang);
    add_language_options(*deps_.templates.include(root, "FOOTER", "partials/footer", lang), deps_, urls, lang);

    auto html = deps_.templates.render("layouts/base", lang, root);
    if (!html) throw std::runtime_error("rendering " + html.error().internal_detail);

    auto response = http::Response::html(status, std::move(*html));
    response.headers.set("Content-Language", lang);
    response.headers.set("Vary", "Accept-Language, Cookie");
    response.headers.set("Cache-Control", "private, no-cache");
    if (visitor_) {
        if (!new_form_token_.empty()) set_csrf_cookie(response, request_, new_form_token_);
        // Signed-in pages are personal: no cache may keep them.
        if (visitor_->session) response.headers.set("Cache-Control", "no-store");
    }
    for (const auto& [name, value] : extra_headers_.fields()) response.headers.add(name, value);
    if (choice_.remember)
        response.headers.add("Set-Cookie", std::string(kLanguageCookie) + "=" + lang +
                                               "; Path=/; Max-Age=31536000; SameSite=Lax" +
                                               (request_.secure ? "; Secure" : ""));
    return response;
}

}  // namespace comptoir::web
