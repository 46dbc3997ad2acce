// The API's one gate: key from the Authorization header only, scope check,
// JSON errors. Every /api route goes through api::guarded.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <boost/url/params_view.hpp>
#include <cctype>
#include <charconv>

#include "web/api/api.hpp"
#include "web/errors.hpp"

namespace comptoir::web::api {
namespace {

constexpr std::string_view kRealm = "Bearer realm=\"comptoir\"";

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

http::Response unauthorised(std::string_view challenge, std::string_view code, std::string_view message) {
    auto response = json_error(401, code, message);
    response.headers.set("WWW-Authenticate", std::string(challenge));
    return response;
}

}  // namespace

http::Response json(int status, const boost::json::value& body) {
    auto response = http::Response::json(status, boost::json::serialize(body));
    response.headers.set("Cache-Control", "no-store");
    return response;
}

http::Response json_error(int status, std::string_view code, std::string_view message) {
    return json(status, boost::json::object{{"error", boost::json::object{{"code", code}, {"message", message}}}});
}

http::Response json_status_error(int status) {
    switch (status) {
        case 400:
            return json_error(400, "invalid_request", "The request could not be read.");
        case 404:
            return json_error(404, "not_found", "No such API route.");
        case 405:
            return json_error(405, "method_not_allowed", "This route does not take this method (see Allow).");
        case 413:
            return json_error(413, "too_large", "The request body is too large.");
        case 414:
            return json_error(414, "uri_too_long", "The request target is too long.");
        case 431:
            return json_error(431, "headers_too_large", "The request headers are too large.");
        case 503:
            return json_error(503, "unavailable", "The service is unavailable; try again shortly.");
        default:
            return status >= 500 ? json_error(status, "internal", "Something went wrong; the request id is logged.")
                                 : json_error(status, "invalid_request", "The request was refused.");
    }
}

http::Response json_error(const http::Request& request, const Error& error) {
    const int status = status_for(error.code);
    if (status >= 500)
        spdlog::error("request {}: {} ({})", request.request_id, error.public_message, error.internal_detail);
    switch (error.code) {
        case ErrorCode::not_found:
            return json_error(404, "not_found", "No such resource.");
        case ErrorCode::forbidden:
            return json_error(403, "insufficient_scope", "The key lacks the scope this needs.");
        case ErrorCode::invalid_input:
            return json_error(400, "invalid_request", "The request is not valid.");
        case ErrorCode::unavailable:
            return json_error(503, "unavailable", "Try again later.");
        default:
            return json_error(status, "error", "The request failed.");
    }
}

std::optional<std::int64_t> parse_positive(std::string_view text) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value <= 0) return std::nullopt;
    return value;
}

std::string_view bearer_token(std::string_view authorization) {
    const auto space = authorization.find(' ');
    if (space == std::string_view::npos || !iequals(authorization.substr(0, space), "Bearer")) return {};
    std::string_view token = authorization.substr(space + 1);
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
    if (token.find_first_of(" \t,") != std::string_view::npos) return {};
    return token;
}

bool query_carries_key(const http::Request& request) {
    if (request.query.empty()) return false;
    static constexpr std::array<std::string_view, 6> kKeyNames = {"key",   "api_key",      "apikey",
                                                                  "token", "access_token", "authorization"};
    try {
        for (const auto& param : boost::urls::params_view(request.query, boost::urls::encoding_opts(true))) {
            const std::string name = lower(param.key);
            if (std::find(kKeyNames.begin(), kKeyNames.end(), name) != kKeyNames.end()) return true;
            if (param.value.starts_with("ck_")) return true;
        }
    } catch (const std::exception&) {
        return true;  // an undecodable query is refused rather than guessed at
    }
    return false;
}

http::Response guarded(const Deps& deps, http::Request& request, std::string_view scope, ApiAction action) {
    // A key in a URL ends up in proxy logs, browser history and Referer headers:
    // refuse it outright (and never echo it), even when a header carries a key too.
    if (query_carries_key(request))
        return json_error(400, "key_in_url", "Send the API key in the Authorization header, never in the URL.");
    if (!deps.services.api_keys) return json_error(503, "unavailable", "Try again later.");

    const auto header = request.headers.get("Authorization");
    if (!header) return unauthorised(kRealm, "unauthenticated", "An API key is required (Authorization: Bearer).");
    const std::string_view token = bearer_token(*header);
    const std::string invalid = std::string(kRealm) + ", error=\"invalid_token\"";
    if (token.empty()) return unauthorised(invalid, "invalid_token", "The API key is missing, unknown or revoked.");

    auto found = deps.services.api_keys->authenticate(token);
    if (!found) return json_error(request, found.error());
    if (!*found) return unauthorised(invalid, "invalid_token", "The API key is missing, unknown or revoked.");
    const accounts::ApiPrincipal& caller = **found;
    if (!scope.empty() && !caller.has_scope(scope)) {
        auto response = json_error(403, "insufficient_scope", "The key lacks the scope this needs.");
        response.headers.set("WWW-Authenticate", std::string(kRealm) + ", error=\"insufficient_scope\", scope=\"" +
                                                     std::string(scope) + "\"");
        return response;
    }
    return action(deps, request, caller);
}

}  // namespace comptoir::web::api
