// GET /kb/suggest?q=&lang= — titles while typing, for the search boxes
// (kb-search.js): {"results":[{"id":…,"title":"…","url":"…"}]}, at most 8,
// the last word taken as a prefix. Fewer than 2 characters: no results.
// Never cached: what a visitor may see depends on who they are.
#include <spdlog/spdlog.h>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "domain/kb/search_service.hpp"
#include "web/kb/actions.hpp"
#include "web/kb/urls.hpp"
#include "web/kb/views.hpp"
#include "web/page.hpp"

namespace comptoir::web {

namespace {

constexpr int kMaxSuggestions = 8;
constexpr std::size_t kMinCharacters = 2;

http::Response json_response(int status, const boost::json::object& body) {
    auto response = http::Response::json(status, boost::json::serialize(body));
    response.headers.set("Cache-Control", "no-store");
    return response;
}

http::Response json_error(int status, std::string_view code) {
    boost::json::object error;
    error["code"] = code;
    return json_response(status, {{"error", std::move(error)}});
}

}  // namespace

http::Response kb_suggest(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_public;
    const std::string typed = request.query_param("q").value_or("");
    if (!http::is_valid_utf8(typed) || typed.size() > kb::kMaxQueryBytes) return json_error(400, "invalid_query");
    std::string lang = request.query_param("lang").value_or("");
    if (!deps.i18n.supports(lang))
        lang = choose_language(request, deps.i18n, visitor.principal ? visitor.principal->language : "").lang;

    boost::json::array results;
    const std::string_view text = trim_spaces(typed);
    if (utf8_length(text) >= kMinCharacters && services_ready(deps)) {
        auto found = deps.services.kb_search->suggest(reader_of(visitor), text, lang, kMaxSuggestions);
        if (!found) {
            if (found.error().code == ErrorCode::invalid_input) return json_error(400, "invalid_query");
            spdlog::warn("request {}: suggestions: {}", request.request_id, found.error().internal_detail);
            return json_error(500, "internal");
        }
        for (const auto& suggestion : *found) {
            if (results.size() >= static_cast<std::size_t>(kMaxSuggestions)) break;
            results.push_back({{"id", suggestion.article_id},
                               {"title", suggestion.title},
                               {"language", suggestion.language},
                               {"url", kb_article_path(lang, suggestion.article_id, suggestion.slug)}});
        }
    }
    return json_response(200, {{"results", std::move(results)}});
}

}  // namespace comptoir::web
