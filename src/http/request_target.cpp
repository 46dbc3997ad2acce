#include "http/request_target.hpp"

#include <boost/url/pct_string_view.hpp>

#include "http/message.hpp"

namespace comptoir::http {

namespace {

// Printable ASCII except '#': a fragment is never sent, and spaces, controls
// and raw 8-bit bytes are not allowed in a request-target at all.
bool allowed_raw_byte(char c) {
    auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7F && c != '#';
}

bool has_dot_segment(std::string_view path) {
    std::string_view rest = path.substr(1);
    for (;;) {
        auto slash = rest.find('/');
        std::string_view segment = rest.substr(0, slash);
        if (segment == "." || segment == "..") return true;
        if (slash == std::string_view::npos) return false;
        rest.remove_prefix(slash + 1);
    }
}

}  // namespace

std::expected<ParsedTarget, int> parse_request_target(std::string_view target, std::size_t max_bytes) {
    if (target.size() > max_bytes) return std::unexpected(414);
    if (target.empty() || target.front() != '/') return std::unexpected(400);  // absolute-, authority-, asterisk-form
    for (char c : target) {
        if (!allowed_raw_byte(c)) return std::unexpected(400);
    }
    auto question = target.find('?');
    std::string_view raw_path = target.substr(0, question);
    std::string_view query = question == std::string_view::npos ? std::string_view() : target.substr(question + 1);

    // Both halves must be well-formed percent-encoding, even if only the path is decoded here.
    auto encoded_path = boost::urls::make_pct_string_view(raw_path);
    if (!encoded_path || !boost::urls::make_pct_string_view(query)) return std::unexpected(400);

    ParsedTarget parsed;
    parsed.query = query;
    if (encoded_path->decoded_size() == raw_path.size()) {
        parsed.path.assign(raw_path);  // nothing to decode: the common case
    } else {
        encoded_path->decode({}, boost::urls::string_token::assign_to(parsed.path));
    }
    if (parsed.path.find('\0') != std::string::npos || parsed.path.find('\\') != std::string::npos) {
        return std::unexpected(400);
    }
    if (!is_valid_utf8(parsed.path) || has_dot_segment(parsed.path)) return std::unexpected(400);
    return parsed;
}

}  // namespace comptoir::http
