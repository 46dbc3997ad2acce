#pragma once
// Headers every response carries unless its handler chose otherwise.
#include <span>
#include <string_view>

#include "http/message.hpp"

namespace comptoir::http {

struct HeaderField {
    std::string_view name, value;
};

/// CSP, nosniff, Referrer-Policy, X-Frame-Options, COOP, plus HSTS when
/// `secure` (over plain HTTP, HSTS would be ignored or pin a broken host).
std::span<const HeaderField> security_headers(bool secure);

/// Adds each of security_headers(secure) that `response` does not already have.
void add_security_headers(Response& response, bool secure);

}  // namespace comptoir::http
