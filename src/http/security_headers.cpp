#include "http/security_headers.hpp"

#include <array>
#include <string>

namespace comptoir::http {

namespace {

// No 'unsafe-inline' anywhere: pages work without inline script or style.
// HSTS stays last so that the plain-HTTP list is a prefix.
constexpr std::array<HeaderField, 6> kSecurityHeaders{{
    {"Content-Security-Policy",
     "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
     "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "strict-origin-when-cross-origin"},
    {"X-Frame-Options", "DENY"},
    {"Cross-Origin-Opener-Policy", "same-origin"},
    {"Strict-Transport-Security", "max-age=31536000; includeSubDomains"},
}};

}  // namespace

std::span<const HeaderField> security_headers(bool secure) {
    return std::span<const HeaderField>(kSecurityHeaders)
        .first(secure ? kSecurityHeaders.size() : kSecurityHeaders.size() - 1);
}

void add_security_headers(Response& response, bool secure) {
    for (const auto& field : security_headers(secure)) {
        if (!response.headers.has(field.name)) response.headers.add(field.name, std::string(field.value));
    }
}

}  // namespace comptoir::http
