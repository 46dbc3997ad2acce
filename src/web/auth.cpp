#include "web/auth.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

namespace comptoir::web {
namespace {

bool is_hex_token(std::string_view s) {
    if (s.size() != 64) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

bool equal_tokens(std::string_view a, std::string_view b) {
    return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string cookie_attributes(const http::Request& request) {
    return std::string("; Path=/; HttpOnly; SameSite=Lax") + (request.secure ? "; Secure" : "");
}

// scheme://host[:port] of an Origin or Referer value.
std::string_view origin_of(std::string_view url) {
    const auto scheme = url.find("://");
    if (scheme == std::string_view::npos) return url;
    const auto path = url.find('/', scheme + 3);
    return path == std::string_view::npos ? url : url.substr(0, path);
}

}  // namespace

std::string session_cookie_name(const http::Request& request) {
    return request.secure ? "__Host-comptoir_session" : "comptoir_session";
}

std::string csrf_cookie_name(const http::Request& request) {
    return request.secure ? "__Host-comptoir_csrf" : "comptoir_csrf";
}

Visitor identify(const Deps& deps, const http::Request& request) {
    Visitor visitor;
    if (deps.services.sessions) {
        if (auto token = request.cookie(session_cookie_name(request)); token && is_hex_token(*token)) {
            auto found = deps.services.sessions->authenticate(*token, request.client_addr);
            if (!found) {
                spdlog::warn("request {}: session lookup failed: {}", request.request_id,
                             found.error().internal_detail);
            } else if (*found) {
                visitor.session = std::move(**found);
                visitor.csrf_token = visitor.session->session.csrf_token;
                if (visitor.session->session.stage == accounts::SessionStage::full) {
                    visitor.principal = accounts::to_principal(visitor.session->user, visitor.session->session.id);
                    visitor.must_enrol_mfa =
                        visitor.session->user.mfa_required() && !visitor.session->user.mfa_enabled();
                }
                return visitor;
            }
        }
    }
    if (auto token = request.cookie(csrf_cookie_name(request)); token && is_hex_token(*token))
        visitor.csrf_token = *token;
    return visitor;
}

void set_session_cookie(http::Response& response, const http::Request& request, std::string_view token) {
    // No Max-Age: the server decides when a session ends (idle and absolute limits).
    response.headers.add("Set-Cookie",
                         session_cookie_name(request) + "=" + std::string(token) + cookie_attributes(request));
}

void clear_session_cookie(http::Response& response, const http::Request& request) {
    response.headers.add("Set-Cookie", session_cookie_name(request) + "=" + cookie_attributes(request) + "; Max-Age=0");
}

void set_csrf_cookie(http::Response& response, const http::Request& request, std::string_view token) {
    response.headers.add("Set-Cookie",
                         csrf_cookie_name(request) + "=" + std::string(token) + cookie_attributes(request));
}

std::string site_origin(const Deps& deps, const http::Request& request) { return site_origin(deps.site, request); }

std::string site_origin(const Site& site, const http::Request& request) {
    if (!site.public_url.empty()) return std::string(origin_of(site.public_url));
    auto host = request.headers.get("Host").value_or("localhost");
    return std::string(request.secure ? "https://" : "http://") + std::string(host);
}

bool csrf_ok(const Deps& deps, const http::Request& request, const Visitor& visitor) {
    return csrf_ok_for_site(deps.site, request, visitor);
}

bool csrf_ok_for_site(const Site& site, const http::Request& request, const Visitor& visitor) {
    // A browser names the page that sent a form; a foreign one is refused even
    // with a valid token (the token could have leaked).
    std::optional<std::string_view> sender = request.headers.get("Origin");
    if (!sender || *sender == "null") {
        if (auto referer = request.headers.get("Referer")) sender = origin_of(*referer);
    }
    if (sender && (*sender == "null" || *sender != site_origin(site, request))) return false;
    auto token = request.form_param("csrf_token");
    if (!token) {
        if (auto header = request.headers.get("X-CSRF-Token")) token = std::string(*header);
    }
    return token && equal_tokens(*token, visitor.csrf_token);
}

bool same_origin_request(const Site& site, const http::Request& request) {
    if (auto fetch_site = request.headers.get("Sec-Fetch-Site"))
        return *fetch_site == "same-origin" || *fetch_site == "none";
    std::optional<std::string_view> sender = request.headers.get("Origin");
    if (!sender) {
        if (auto referer = request.headers.get("Referer")) sender = origin_of(*referer);
    }
    return !sender || *sender == site_origin(site, request);
}

std::string safe_return_to(std::string_view candidate) {
    if (candidate.empty() || candidate.size() > 2000 || candidate[0] != '/') return "/";
    if (candidate.size() > 1 && (candidate[1] == '/' || candidate[1] == '\\')) return "/";
    for (unsigned char c : candidate)
        if (c < 0x20 || c == 0x7f || c == '\\') return "/";
    return std::string(candidate);
}

accounts::RequestMeta request_meta(const Deps& deps, const http::Request& request) {
    accounts::RequestMeta meta;
    meta.client_addr = request.client_addr;
    meta.user_agent = std::string(request.headers.get("User-Agent").value_or(""));
    meta.request_id = request.request_id;
    meta.base_url = site_origin(deps, request);
    return meta;
}

}  // namespace comptoir::web
