#pragma once
// Who is asking, and the checks every page and form shares: the session
// cookie, CSRF (token + Origin), safe return_to, and the request metadata
// services record. The route binders in routes.cpp apply them, so an action
// never forgets one.
#include <optional>
#include <string>
#include <string_view>

#include "domain/accounts/model.hpp"
#include "domain/accounts/sessions.hpp"
#include "http/message.hpp"
#include "web/deps.hpp"

namespace comptoir::web {

/// The visitor of one request, resolved once from the session cookie.
struct Visitor {
    /// The session behind the cookie, at any stage ('mfa' included).
    std::optional<accounts::Authenticated> session;
    /// Set only for a fully signed-in session.
    std::optional<accounts::Principal> principal;
    /// The token forms must carry: the session's, else the anonymous CSRF
    /// cookie's; empty for a visitor who has neither yet (a page with a form
    /// then makes one, see Page::use_form), and an empty token never matches.
    std::string csrf_token;
    /// Signed in, but MFA is required (staff, or the organisation demands it)
    /// and not set up yet: only the enrolment pages and sign-out are open.
    bool must_enrol_mfa = false;

    bool signed_in() const { return principal.has_value(); }
};

/// Reads the session cookie (and the anonymous CSRF cookie). Never fails: a
/// database error leaves the visitor anonymous and is logged.
Visitor identify(const Deps& deps, const http::Request& request);

/// "__Host-comptoir_session" over TLS (the prefix requires Secure), else "comptoir_session".
std::string session_cookie_name(const http::Request& request);
std::string csrf_cookie_name(const http::Request& request);

/// Set-Cookie for a new session token: HttpOnly, SameSite=Lax, Path=/, Secure over TLS.
void set_session_cookie(http::Response& response, const http::Request& request, std::string_view token);
void clear_session_cookie(http::Response& response, const http::Request& request);
/// Set-Cookie for a new anonymous CSRF token (HttpOnly, SameSite=Lax, Secure over TLS).
void set_csrf_cookie(http::Response& response, const http::Request& request, std::string_view token);

/// True when a state-changing request may proceed: its Origin (or Referer) is
/// ours or absent, and its `csrf_token` form field (or X-CSRF-Token header)
/// equals the visitor's token (constant-time comparison).
bool csrf_ok(const Deps& deps, const http::Request& request, const Visitor& visitor);
/// The same check given only the site settings.
bool csrf_ok_for_site(const Site& site, const http::Request& request, const Visitor& visitor);

/// True when a state-changing request without a token comes from our own
/// pages, as Go's CrossOriginProtection judges it: Sec-Fetch-Site
/// "same-origin" or "none" passes and any other value fails; without it, an
/// Origin (else a Referer) must be ours. A request naming none of them is not
/// from a browser, so no browser can be tricked into it: it passes. For forms
/// that carry no CSRF token (the anonymous vote on cacheable article pages).
bool same_origin_request(const Site& site, const http::Request& request);

/// "https://support.example.com": public_url, else from the Host header.
std::string site_origin(const Deps& deps, const http::Request& request);
std::string site_origin(const Site& site, const http::Request& request);

/// `candidate` if it is a same-origin relative path ("/tickets?x=1"), else "/".
/// Refuses "//host", "/\\host", schemes, control characters and backslashes.
std::string safe_return_to(std::string_view candidate);

/// Client address, user agent, request id and base URL, for the services.
accounts::RequestMeta request_meta(const Deps& deps, const http::Request& request);

}  // namespace comptoir::web
