#include "web/kb/views.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/crypto.hpp"
#include "domain/kb/article_service.hpp"
#include "text/markdown.hpp"
#include "web/dictionary.hpp"
#include "web/kb/runtime.hpp"
#include "web/kb/urls.hpp"

namespace comptoir::web::kb_public {

bool services_ready(const Deps& deps) {
    const auto& s = deps.services;
    return s.kb_catalogue && s.kb_articles && s.kb_feedback && s.kb_search;
}

kb::Reader reader_of(const Visitor& visitor) {
    kb::Reader reader;
    // Until a required second factor is set up, a password alone shows no
    // more than the public knowledge base (staff could otherwise read
    // internal articles with it).
    if (visitor.principal && !visitor.must_enrol_mfa) reader.principal = &*visitor.principal;
    return reader;
}

std::optional<std::string> url_language(const Deps& deps, const http::Request& request) {
    auto found = request.params.find("lang");
    if (found == request.params.end() || !deps.i18n.supports(found->second)) return std::nullopt;
    return found->second;
}

http::Response error_in(const Deps& deps, const http::Request& request, const Visitor& visitor, std::string_view lang,
                        int status) {
    // The catalogues have a title and message for these; others read as 500 or 400.
    int known = status;
    if (status != 400 && status != 403 && status != 404 && status != 409 && status != 413 && status != 429 &&
        status != 503)
        known = status >= 500 ? 500 : 400;
    if (known == 409) known = 400;
    const std::string prefix = "error." + std::to_string(known);
    Page page(deps, request, visitor, "pages/error", prefix + ".title", lang);
    auto& dict = page.dict();
    dict.SetIntValue("STATUS", status);
    dict.SetValue("ERROR_TITLE", std::string(page.t(prefix + ".title")));
    dict.SetValue("ERROR_MESSAGE", std::string(page.t(prefix + ".message")));
    dict.SetValue("REQUEST_ID", request.request_id);
    auto response = page.finish(status);
    response.headers.set("Cache-Control", "no-store");
    return response;
}

http::Response error_in(const Deps& deps, const http::Request& request, const Visitor& visitor, std::string_view lang,
                        const Error& error) {
    if (!error.internal_detail.empty())
        spdlog::warn("request {}: {}: {}", request.request_id, to_string(error.code), error.internal_detail);
    int status = 500;
    switch (error.code) {
        case ErrorCode::invalid_input:
            status = 400;
            break;
        case ErrorCode::not_found:
        case ErrorCode::forbidden:  // a page one may not see does not exist for them
            status = 404;
            break;
        case ErrorCode::conflict:
            status = 409;
            break;
        case ErrorCode::too_large:
            status = 413;
            break;
        case ErrorCode::rate_limited:
            status = 429;
            break;
        case ErrorCode::unavailable:
            status = 503;
            break;
        default:
            status = 500;
    }
    return error_in(deps, request, visitor, lang, status);
}

void add_assets(Page& page, const Deps& deps) {
    auto* assets = deps.templates.include(page.dict(), "KB_ASSETS", "pages/kb/assets", page.lang());
    assets->SetValue("KB_CSS_URL", deps.assets.url("css/kb.css"));
}

void set_language_urls(Page& page, const Deps& deps, const std::function<std::string(std::string_view)>& path_in,
                       const std::vector<std::string>& existing) {
    std::vector<std::pair<std::string, std::string>> links;
    for (const auto& code : deps.i18n.languages()) links.emplace_back(code, path_in(code));
    page.set_language_links(links);

    std::vector<std::pair<std::string, std::string>> alternates;
    std::string x_default;
    for (const auto& code : deps.i18n.languages()) {
        if (!existing.empty() && std::find(existing.begin(), existing.end(), code) == existing.end()) continue;
        alternates.emplace_back(code, path_in(code));
        if (x_default.empty() || code == deps.i18n.default_language()) x_default = path_in(code);
    }
    if (!x_default.empty()) alternates.emplace_back("x-default", x_default);
    page.set_alternates(std::move(alternates));
    page.set_canonical(path_in(page.lang()));
}

void add_breadcrumbs(Page& page, const Deps& deps, const std::vector<Crumb>& crumbs) {
    auto* nav = deps.templates.include(page.dict(), "BREADCRUMBS", "pages/kb/breadcrumbs", page.lang());
    for (std::size_t i = 0; i < crumbs.size(); ++i) {
        auto* crumb = nav->AddSectionDictionary("CRUMB");
        crumb->SetValue("NAME", crumbs[i].name);
        if (i + 1 == crumbs.size()) {
            crumb->ShowSection("CURRENT");
        } else {
            crumb->SetValueAndShowSection("HREF", crumbs[i].href, "LINK");
        }
    }
}

std::string language_name(const Page& page, const Deps& deps, std::string_view code) {
    const std::string key = "kb.language." + std::string(code);
    auto name = page.t(key);
    if (name != key) return std::string(name);
    // A language added by configuration without a name here: its own name for itself.
    if (deps.i18n.supports(code)) return std::string(deps.i18n.text(code, "lang.name"));
    return std::string(code);
}

std::string status_label(const Page& page, kb::Status status) {
    return std::string(page.t("kb.status." + std::string(kb::to_string(status))));
}

std::string visibility_label(const Page& page, kb::Visibility visibility) {
    return std::string(page.t("kb.visibility." + std::string(kb::to_string(visibility))));
}

std::string date_text(const Deps& deps, const Page& page, const Visitor& visitor, std::int64_t unix_seconds) {
    std::string zone = "UTC";
    if (visitor.principal && !visitor.principal->time_zone.empty()) zone = visitor.principal->time_zone;
    return deps.i18n.format_date(page.lang(), std::chrono::system_clock::from_time_t(unix_seconds), zone);
}

std::string iso_time(std::int64_t unix_seconds) {
    const std::chrono::sys_seconds at{std::chrono::seconds(unix_seconds)};
    const auto day = std::chrono::floor<std::chrono::days>(at);
    const std::chrono::year_month_day ymd(day);
    const std::chrono::hh_mm_ss time(at - day);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), time.hours().count(),
                       time.minutes().count(), time.seconds().count());
}

std::string size_text(const Page& page, std::int64_t bytes) {
    if (bytes < 1024) return page.format("kb.size.bytes", {{"size", bytes}});
    if (bytes < 1024 * 1024) {
        const double kib = static_cast<double>(bytes) / 1024.0;
        return page.format("kb.size.kb", {{"size", kib < 10 ? std::round(kib * 10) / 10 : std::round(kib)}});
    }
    const double mib = static_cast<double>(bytes) / (1024.0 * 1024.0);
    return page.format("kb.size.mb", {{"size", std::round(mib * 10) / 10}});
}

std::string article_count_text(const Page& page, std::int64_t count) {
    return page.format("kb.article_count", {{"count", count}});
}

std::optional<std::string> visitor_cookie(const http::Request& request) {
    auto value = request.cookie(kVisitorCookie);
    if (!value || value->size() != 32) return std::nullopt;
    for (char c : *value)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
    return value;
}

void set_visitor_cookie(http::Response& response, const http::Request& request, std::string_view value) {
    response.headers.add("Set-Cookie", std::string(kVisitorCookie) + "=" + std::string(value) +
                                           "; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax" +
                                           (request.secure ? "; Secure" : ""));
}

std::string anonymous_voter(std::string_view cookie) { return "v:" + crypto::sha256_hex(cookie); }

std::optional<std::string> voter_of(const Visitor& visitor, const http::Request& request) {
    if (visitor.principal) return "u:" + std::to_string(visitor.principal->user_id);
    if (auto cookie = visitor_cookie(request)) return anonymous_voter(*cookie);
    return std::nullopt;
}

std::string generation_of(const Deps& deps) {
    if (deps.kb_runtime) return deps.kb_runtime->generation();
    return deps.assets.url("css/app.css") + deps.assets.url("css/kb.css") + deps.assets.url("js/kb-search.js");
}

std::optional<std::int64_t> positive_param(const http::Request& request, std::string_view name) {
    auto value = request.query_param(name);
    if (!value) return std::nullopt;
    auto parsed = parse_id_slug(*value);
    if (!parsed || !parsed->slug.empty() || value->find('-') != std::string::npos) return std::nullopt;
    return parsed->id;
}

std::string article_html(const Deps& deps, const kb::Reader& reader, std::string_view lang, std::int64_t article_id,
                         std::string_view markdown, const std::vector<kb::Attachment>& attachments) {
    // One query for every linked article's current title and slug.
    std::unordered_map<std::int64_t, std::string> linked;
    const auto ids = text::internal_links(markdown);
    if (!ids.empty()) {
        auto titles = deps.services.kb_articles->titles(reader, ids, lang);
        if (titles) {
            for (const auto& summary : *titles)
                linked.emplace(summary.id, kb_article_path(lang, summary.id, summary.slug));
        } else {
            spdlog::warn("knowledge base: links of article {}: {}", article_id, titles.error().internal_detail);
        }
    }
    const text::LinkRewriter article_url = [&linked](std::int64_t id) -> std::optional<std::string> {
        auto found = linked.find(id);
        if (found == linked.end()) return std::nullopt;
        return found->second;
    };
    const text::LinkRewriter attachment_url = [&](std::int64_t id) -> std::optional<std::string> {
        for (const auto& attachment : attachments)
            if (attachment.id == id) return kb_attachment_path(lang, article_id, id);
        return std::nullopt;
    };
    return text::markdown_to_html(markdown, article_url, attachment_url);
}

}  // namespace comptoir::web::kb_public
