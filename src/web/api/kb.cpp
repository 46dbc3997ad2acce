// The knowledge-base resource (scope kb:read). An API key belongs to an
// integration, not to a person, so it reads as an anonymous visitor would:
// public, published articles only — the services' visibility rule decides.
//   GET /api/v1/kb/categories?lang=&kind=kb|faq
//   GET /api/v1/kb/categories/{id}/sections?lang=
//   GET /api/v1/kb/articles?lang=&category=&section=&page=&per_page=
//   GET /api/v1/kb/articles/{id}?lang=
//   GET /api/v1/kb/search?q=&lang=&category=&page=&per_page=
#include <boost/json.hpp>

#include "domain/kb/article_service.hpp"
#include "domain/kb/catalogue_service.hpp"
#include "domain/kb/search_service.hpp"
#include "text/markdown.hpp"
#include "web/api/actions.hpp"
#include "web/api/api.hpp"

namespace comptoir::web {
namespace {

using api::json_error;
using api::parse_positive;

/// The `lang` parameter (default: the portal's default language), or nullopt when unsupported.
std::optional<std::string> language_of(const Deps& deps, const http::Request& request) {
    std::string lang = request.query_param("lang").value_or(deps.i18n.default_language());
    const auto& supported = deps.i18n.languages();
    if (std::find(supported.begin(), supported.end(), lang) == supported.end()) return std::nullopt;
    return lang;
}

http::Response bad_language() { return json_error(400, "invalid_request", "lang is not a supported language."); }

/// An optional positive number parameter: nullopt when absent, 0 when malformed.
std::optional<std::int64_t> number_param(const http::Request& request, std::string_view name) {
    auto text = request.query_param(name);
    if (!text) return std::nullopt;
    return parse_positive(*text).value_or(0);
}

std::string article_path(std::string_view lang, std::int64_t id, std::string_view slug) {
    return "/kb/" + std::string(lang) + "/articles/" + std::to_string(id) + "-" + std::string(slug);
}

boost::json::object summary_json(const kb::ArticleSummary& a) {
    boost::json::object o{{"id", a.id},
                          {"section_id", a.section_id},
                          {"category_id", a.category_id},
                          {"language", a.language},
                          {"title", a.title},
                          {"summary", a.summary},
                          {"url", article_path(a.language, a.id, a.slug)},
                          {"updated_at", a.updated_at},
                          {"helpful", a.helpful_count},
                          {"not_helpful", a.unhelpful_count}};
    if (a.published_at) o["published_at"] = *a.published_at;
    if (a.fallback) o["fallback"] = true;
    return o;
}

}  // namespace

http::Response api_kb_categories(const Deps& deps, http::Request& request, const accounts::ApiPrincipal&) {
    auto lang = language_of(deps, request);
    if (!lang) return bad_language();
    std::optional<kb::CategoryKind> kind;
    if (auto text = request.query_param("kind")) {
        kind = kb::parse_category_kind(*text);
        if (!kind) return json_error(400, "invalid_request", "kind must be kb or faq.");
    }
    auto found = deps.services.kb_catalogue->categories(kb::Reader::anonymous(), *lang, kind);
    if (!found) return json_error(request, found.error());
    boost::json::array items;
    for (const auto& c : *found) {
        if (c.article_count == 0) continue;  // nothing this reader may see
        items.emplace_back(boost::json::object{{"id", c.id},
                                               {"kind", kb::to_string(c.kind)},
                                               {"language", c.language},
                                               {"name", c.name},
                                               {"description", c.description},
                                               {"article_count", c.article_count}});
    }
    return api::json(200, boost::json::object{{"categories", std::move(items)}});
}

http::Response api_kb_sections(const Deps& deps, http::Request& request, const accounts::ApiPrincipal&) {
    auto lang = language_of(deps, request);
    if (!lang) return bad_language();
    auto id = parse_positive(request.params["id"]);
    if (!id) return json_error(404, "not_found", "No such resource.");
    auto found = deps.services.kb_catalogue->sections(kb::Reader::anonymous(), *id, *lang);
    if (!found) return json_error(request, found.error());
    boost::json::array items;
    for (const auto& s : *found) {
        if (s.article_count == 0) continue;
        items.emplace_back(boost::json::object{{"id", s.id},
                                               {"category_id", s.category_id},
                                               {"language", s.language},
                                               {"name", s.name},
                                               {"description", s.description},
                                               {"article_count", s.article_count}});
    }
    return api::json(200, boost::json::object{{"category_id", *id}, {"sections", std::move(items)}});
}

http::Response api_kb_articles(const Deps& deps, http::Request& request, const accounts::ApiPrincipal&) {
    auto lang = language_of(deps, request);
    if (!lang) return bad_language();
    kb::ArticleQuery query;
    query.language = *lang;
    auto category = number_param(request, "category");
    auto section = number_param(request, "section");
    auto page = number_param(request, "page");
    auto per_page = number_param(request, "per_page");
    if ((category && *category == 0) || (section && *section == 0) || (page && (*page == 0 || *page > 100000)) ||
        (per_page && (*per_page == 0 || *per_page > 100)))
        return json_error(400, "invalid_request", "category, section, page and per_page must be positive numbers.");
    query.category_id = category;
    query.section_id = section;
    query.page = static_cast<int>(page.value_or(1));
    query.per_page = static_cast<int>(per_page.value_or(20));
    auto found = deps.services.kb_articles->list(kb::Reader::anonymous(), query);
    if (!found) return json_error(request, found.error());
    boost::json::array items;
    for (const auto& a : found->items) items.emplace_back(summary_json(a));
    return api::json(200, boost::json::object{{"articles", std::move(items)},
                                              {"page", found->page},
                                              {"per_page", found->per_page},
                                              {"total", found->total}});
}

http::Response api_kb_article(const Deps& deps, http::Request& request, const accounts::ApiPrincipal&) {
    auto lang = language_of(deps, request);
    if (!lang) return bad_language();
    auto id = parse_positive(request.params["id"]);
    if (!id) return json_error(404, "not_found", "No such resource.");
    const kb::Reader reader = kb::Reader::anonymous();
    auto found = deps.services.kb_articles->get(reader, *id, *lang);
    if (!found) return json_error(request, found.error());
    const auto& article = *found;
    const std::string shown = article.summary.language;

    // kb:<id> links become public URLs when their target is visible too; others become plain text.
    auto targets = text::internal_links(article.body);
    std::map<std::int64_t, std::string> urls;
    if (!targets.empty()) {
        auto titles = deps.services.kb_articles->titles(reader, targets, shown);
        if (!titles) return json_error(request, titles.error());
        for (const auto& t : *titles) urls[t.id] = article_path(t.language, t.id, t.slug);
    }
    text::LinkRewriter links = [&urls](std::int64_t target) -> std::optional<std::string> {
        auto it = urls.find(target);
        if (it == urls.end()) return std::nullopt;
        return it->second;
    };
    text::LinkRewriter attachments = [&](std::int64_t attachment) -> std::optional<std::string> {
        return "/kb/" + shown + "/articles/" + std::to_string(article.summary.id) + "/attachments/" +
               std::to_string(attachment);
    };

    boost::json::object o = summary_json(article.summary);
    boost::json::array labels;
    for (const auto& label : article.labels) labels.emplace_back(label);
    boost::json::array translations;
    for (const auto& t : article.translations)
        translations.emplace_back(boost::json::object{{"language", t.language},
                                                      {"title", t.title},
                                                      {"url", article_path(t.language, article.summary.id, t.slug)}});
    o["source_language"] = article.source_language;
    o["category"] = article.category_name;
    o["section"] = article.section_name;
    o["labels"] = std::move(labels);
    o["translations"] = std::move(translations);
    o["body_markdown"] = article.body;
    o["body_html"] = text::markdown_to_html(article.body, links, attachments);
    return api::json(200, o);
}

http::Response api_kb_search(const Deps& deps, http::Request& request, const accounts::ApiPrincipal&) {
    auto lang = language_of(deps, request);
    if (!lang) return bad_language();
    kb::SearchQuery query;
    query.text = request.query_param("q").value_or("");
    query.language = *lang;
    auto category = number_param(request, "category");
    auto page = number_param(request, "page");
    auto per_page = number_param(request, "per_page");
    if ((category && *category == 0) || (page && (*page == 0 || *page > 1000)) ||
        (per_page && (*per_page == 0 || *per_page > 50)))
        return json_error(400, "invalid_request", "category, page and per_page must be positive numbers.");
    query.category_id = category;
    query.page = static_cast<int>(page.value_or(1));
    query.per_page = static_cast<int>(per_page.value_or(10));
    query.record = query.page == 1;  // one search for the analytics, however many pages are read
    auto found = deps.services.kb_search->search(kb::Reader::anonymous(), query);
    if (!found) return json_error(request, found.error());
    boost::json::array hits;
    for (const auto& hit : found->hits) {
        auto o = summary_json(hit.article);
        o["snippet_html"] = hit.snippet_html;
        o["score"] = hit.score;
        hits.emplace_back(std::move(o));
    }
    boost::json::object body{{"results", std::move(hits)},
                             {"total", found->total},
                             {"total_exact", !found->capped},
                             {"page", found->page},
                             {"per_page", found->per_page}};
    if (found->suggestion) body["did_you_mean"] = *found->suggestion;
    return api::json(200, body);
}

}  // namespace comptoir::web
