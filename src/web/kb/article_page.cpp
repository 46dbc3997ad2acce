// GET /kb/{lang}/articles/{id} — one article in the URL's language (or its
// fallback, with a notice). "42" or an old slug answers 301 to
// "42-<current slug>". Anonymous visitors without a vote share one rendering:
// it is cached on this node for a few seconds and carries
// `Cache-Control: public, no-cache` (shared caches keep it but ask again
// each time, so an archived article is not served from them); everyone gets
// a strong ETag and 304 on a matching If-None-Match. `?s=<search id>` records a click on a search
// result, `?sq=<typed text>&sn=<suggestions shown>` a search-as-you-type pick
// (neither served from the cache).
#include <spdlog/spdlog.h>

#include <algorithm>

#include "domain/kb/article_service.hpp"
#include "domain/kb/feedback_service.hpp"
#include "domain/kb/search_service.hpp"
#include "web/errors.hpp"
#include "web/kb/actions.hpp"
#include "web/kb/article_view.hpp"
#include "web/kb/runtime.hpp"
#include "web/kb/urls.hpp"
#include "web/kb/views.hpp"

namespace comptoir::web {

namespace {

http::Response not_modified(const http::Response& full) {
    http::Response response;
    response.status = 304;
    for (const char* name : {"ETag", "Cache-Control", "Vary", "Content-Language"})
        if (auto value = full.headers.get(name)) response.headers.set(name, std::string(*value));
    return response;
}

bool matches(const http::Request& request, std::string_view etag) {
    auto header = request.headers.get("If-None-Match");
    return header && kb_public::etag_matches(*header, etag);
}

}  // namespace

std::optional<http::Response> kb_article_from_cache(const Deps& deps, http::Request& request) {
    KbRuntime* runtime = deps.kb_runtime;
    if (!runtime) return std::nullopt;
    // What kb_article_page would serve from the cache without reading the
    // database: no session (even an expired one), no vote of this visitor,
    // no vote notice or search click (any query goes the long way).
    if (request.cookie(session_cookie_name(request)) || kb_public::visitor_cookie(request) || !request.query.empty())
        return std::nullopt;
    auto hit = runtime->find(request.path);
    if (!hit) return std::nullopt;
    if (request.method == "GET") {
        // Writing the buffered view counts is the worker's job.
        const auto id = kb_public::parse_id_slug(request.params["id"]);
        if (!id || !runtime->try_count_view(id->id)) return std::nullopt;
    }
    const auto etag = hit->headers.get("ETag");
    if (etag && matches(request, *etag)) return not_modified(*hit);
    return *hit;
}

http::Response kb_article_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_public;
    const auto lang = url_language(deps, request);
    if (!lang) return error_page(deps, 404, request);
    const auto id = parse_id_slug(request.params["id"]);
    if (!id) return error_in(deps, request, visitor, *lang, 404);
    if (!services_ready(deps)) return error_in(deps, request, visitor, *lang, 503);
    const auto reader = reader_of(visitor);
    KbRuntime* runtime = deps.kb_runtime;
    // Read before the database: a write after this point keeps the page out of the cache.
    const std::uint64_t epoch = runtime ? runtime->write_epoch() : 0;
    const bool counted = runtime && request.method == "GET" && !reader.staff();

    ArticleState state;
    state.thanks = request.query_param("voted") == "1";
    if (const auto voter = voter_of(visitor, request)) {
        if (auto vote = deps.services.kb_feedback->vote_of(*voter, id->id)) {
            state.vote = *vote;
        } else {
            spdlog::warn("request {}: vote of article {}: {}", request.request_id, id->id,
                         vote.error().internal_detail);
        }
    }
    const auto search_id = positive_param(request, "s");
    const auto suggested = request.query_param("sq");  // a search-as-you-type pick
    const bool shared = !visitor.session && !state.vote && !state.thanks && !search_id && !suggested;

    if (shared && runtime) {
        if (auto hit = runtime->find(request.path)) {
            if (counted) runtime->count_view(id->id);
            const auto etag = hit->headers.get("ETag");
            if (etag && matches(request, *etag)) return not_modified(*hit);
            return *hit;
        }
    }

    auto article = deps.services.kb_articles->get(reader, id->id, *lang);
    if (!article) return error_in(deps, request, visitor, *lang, article.error());
    const auto& summary = article->summary;
    const std::string canonical = kb_article_path(*lang, summary.id, summary.slug);
    if (request.path != canonical) {
        // The query (a search click) goes along.
        return http::Response::redirect(request.query.empty() ? canonical : canonical + "?" + request.query, 301);
    }
    if (search_id) {
        if (auto clicked = deps.services.kb_search->record_click(*search_id, summary.id); !clicked)
            spdlog::warn("request {}: search click {}: {}", request.request_id, *search_id,
                         clicked.error().internal_detail);
    }
    if (suggested) {
        const auto shown = static_cast<int>(std::min<std::int64_t>(positive_param(request, "sn").value_or(1), 1000));
        if (auto recorded = deps.services.kb_search->record_suggestion_click(*suggested, *lang, shown, summary.id);
            !recorded && recorded.error().code != ErrorCode::invalid_input)
            spdlog::warn("request {}: suggestion click: {}", request.request_id, recorded.error().internal_detail);
    }

    const std::string etag = strong_etag({std::to_string(article->revision_id), *lang, generation_of(deps),
                                          std::to_string(epoch), visitor_kind(visitor, state)});
    const char* cache_control = visitor.session ? "no-store" : shared ? "public, no-cache" : "private, no-cache";
    if (counted) runtime->count_view(summary.id);
    if (matches(request, etag)) {
        http::Response response;
        response.status = 304;
        response.headers.set("ETag", etag);
        response.headers.set("Cache-Control", cache_control);
        response.headers.set("Vary", "Cookie");
        return response;
    }

    auto response = render_article(deps, request, visitor, *lang, *article, state);
    response.headers.set("ETag", etag);
    response.headers.set("Cache-Control", cache_control);
    if (shared && runtime) runtime->store(request.path, response, epoch);
    return response;
}

}  // namespace comptoir::web
