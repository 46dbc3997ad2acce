#pragma once
// Request-target validation, done before routing so that no handler ever sees
// a path that could climb out of a directory or smuggle bytes past a check.
#include <cstddef>
#include <expected>
#include <string>
#include <string_view>

namespace comptoir::http {

struct ParsedTarget {
    std::string path;        // percent-decoded, valid UTF-8, no NUL, no "." / ".." segment
    std::string_view query;  // raw, without '?', a view into the target
};

/// Accepts origin-form targets only ("/path?query"). The error is the HTTP
/// status to answer: 414 when longer than `max_bytes`, 400 otherwise.
std::expected<ParsedTarget, int> parse_request_target(std::string_view target, std::size_t max_bytes);

}  // namespace comptoir::http
