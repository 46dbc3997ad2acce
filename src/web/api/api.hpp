#pragma once
// The integration API (/api/v1/…): JSON in and out, authenticated only by
// `Authorization: Bearer <key>`. Cookies are never read here, so a browser
// session cannot be ridden by a cross-site request and CSRF does not apply.
#include <cstdint>
#include <optional>
#include <string_view>

#include <boost/json/value.hpp>

#include "domain/accounts/api_keys.hpp"
#include "http/message.hpp"
#include "web/deps.hpp"

namespace comptoir::web::api {

using ApiAction = http::Response (*)(const Deps&, http::Request&, const accounts::ApiPrincipal&);

/// Runs `action` for the caller named by the Authorization header when its key
/// is valid and carries `scope` (empty: any valid key). Otherwise answers in
/// JSON: 400 when a key is passed in the URL, 401 (with WWW-Authenticate:
/// Bearer) for a missing, unknown or revoked key, 403 for a missing scope.
http::Response guarded(const Deps& deps, http::Request& request, std::string_view scope, ApiAction action);

/// A JSON response that no cache keeps.
http::Response json(int status, const boost::json::value& body);
/// {"error": {"code": code, "message": message}}.
http::Response json_error(int status, std::string_view code, std::string_view message);
/// An expected failure of a service as JSON (status from its code; the internal detail is logged).
http::Response json_error(const http::Request& request, const Error& error);
/// What the server answers on its own (no route 404, wrong method 405, body
/// too large 413, malformed 400, 500…) for a path under /api/, in JSON.
http::Response json_status_error(int status);

/// A positive decimal id or page number ("12"), else nullopt.
std::optional<std::int64_t> parse_positive(std::string_view text);

/// The bearer token of an Authorization header value, or empty when the value
/// is not "Bearer <token>" (scheme case-insensitive, one token, no spaces in it).
std::string_view bearer_token(std::string_view authorization);

/// True when the query string carries something that may be a key: a
/// parameter named like one (key, api_key, access_token, token…) or any value
/// starting with "ck_".
bool query_carries_key(const http::Request& request);

}  // namespace comptoir::web::api
