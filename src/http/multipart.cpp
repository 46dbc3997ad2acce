#include "http/multipart.hpp"

#include <algorithm>
#include <utility>

#include "http/message.hpp"
#include "http/text.hpp"

namespace comptoir::http {

namespace {

constexpr std::string_view crlf = "\r\n";
constexpr std::size_t max_boundary_length = 70;  // RFC 2046 §5.1.1

std::unexpected<Error> malformed(std::string detail) {
    return fail(ErrorCode::invalid_input, "upload.error.malformed", "multipart: " + std::move(detail));
}

std::unexpected<Error> bad_filename(std::string detail) {
    return fail(ErrorCode::invalid_input, "upload.error.filename", "multipart: file name " + std::move(detail));
}

std::unexpected<Error> too_large(std::string key, std::string detail) {
    return fail(ErrorCode::too_large, std::move(key), "multipart: " + std::move(detail));
}

bool is_tchar(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_token(std::string_view s) { return !s.empty() && std::ranges::all_of(s, is_tchar); }

// Control characters other than horizontal tab never belong in a header line.
bool has_header_control(std::string_view s) {
    return std::ranges::any_of(s, [](char c) {
        auto b = static_cast<unsigned char>(c);
        return (b < 0x20 && b != '\t') || b == 0x7F;
    });
}

std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

std::string_view trim_left(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    return s;
}

struct Parameter {
    std::string name;  // lower-cased
    std::string value;
};

// A header value `type *( OWS ";" OWS name "=" ( token / quoted-string ) )`,
// as in Content-Type and Content-Disposition.
struct HeaderValue {
    std::string_view type;  // "multipart/form-data", "form-data"
    std::vector<Parameter> params;

    const std::string* param(std::string_view name) const {
        for (const auto& p : params) {
            if (p.name == name) return &p.value;
        }
        return nullptr;
    }
};

// Reads a quoted-string at the start of `s` (which begins with '"') and
// removes it from `s`. A backslash escapes only '"' and '\': browsers send
// Windows paths unescaped, so "C:\x\y.png" must keep its backslashes.
std::optional<std::string> take_quoted(std::string_view& s) {
    std::string out;
    for (std::size_t i = 1; i < s.size(); ++i) {
        char c = s[i];
        if (c == '"') {
            s.remove_prefix(i + 1);
            return out;
        }
        if (c == '\\' && i + 1 < s.size() && (s[i + 1] == '"' || s[i + 1] == '\\')) c = s[++i];
        out.push_back(c);
    }
    return std::nullopt;  // no closing quote
}

std::string_view take_token(std::string_view& s) {
    std::size_t n = 0;
    while (n < s.size() && is_tchar(s[n])) ++n;
    auto token = s.substr(0, n);
    s.remove_prefix(n);
    return token;
}

bool is_media_type_or_token(std::string_view type) {
    auto slash = type.find('/');
    if (slash == std::string_view::npos) return is_token(type);
    return is_token(type.substr(0, slash)) && is_token(type.substr(slash + 1));
}

// nullopt on any syntax error, including a parameter given twice (which of
// the two a proxy or virus scanner would believe is anyone's guess).
std::optional<HeaderValue> parse_header_value(std::string_view s) {
    if (has_header_control(s)) return std::nullopt;
    HeaderValue result;
    auto semicolon = s.find(';');
    result.type = trim(s.substr(0, semicolon));
    if (!is_media_type_or_token(result.type)) return std::nullopt;
    std::string_view rest = semicolon == std::string_view::npos ? std::string_view() : s.substr(semicolon);
    while (true) {
        rest = trim_left(rest);
        if (rest.empty()) break;
        if (rest.front() != ';') return std::nullopt;
        rest = trim_left(rest.substr(1));
        if (rest.empty()) break;  // a trailing ';' is harmless
        std::string name = to_lower(take_token(rest));
        if (name.empty() || rest.empty() || rest.front() != '=') return std::nullopt;
        rest.remove_prefix(1);
        std::string value;
        if (!rest.empty() && rest.front() == '"') {
            auto quoted = take_quoted(rest);
            if (!quoted) return std::nullopt;
            value = std::move(*quoted);
        } else {
            auto token = take_token(rest);
            if (token.empty()) return std::nullopt;
            value = std::string(token);
        }
        if (result.param(name)) return std::nullopt;
        result.params.push_back({std::move(name), std::move(value)});
    }
    return result;
}

bool is_bchar(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    return std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

Result<std::string> boundary_of(std::string_view content_type) {
    auto value = parse_header_value(content_type);
    if (!value || !iequals(value->type, "multipart/form-data"))
        return fail(ErrorCode::invalid_input, "upload.error.not_multipart",
                    "multipart: Content-Type is not multipart/form-data");
    const std::string* boundary = value->param("boundary");
    if (!boundary) return malformed("Content-Type without boundary");
    if (boundary->empty() || boundary->size() > max_boundary_length || boundary->back() == ' ' ||
        !std::ranges::all_of(*boundary, is_bchar))
        return malformed("invalid boundary");
    return *boundary;
}

// Where one boundary delimiter line is: `begin` is where the preceding part's
// content ends (the CRLF before "--boundary"), `next` is just after the line.
struct Delimiter {
    std::size_t begin;
    std::size_t next;
    bool close;  // "--boundary--": no part follows
};

// Checks that what follows "--boundary" at `after` ends a delimiter line:
// "--" for the last one, then optional spaces or tabs, then CRLF (or, for the
// last one, the end of the body). Anything else makes the text part of the
// data, like Go's mime/multipart, so a file may contain "--boundaryX".
std::optional<Delimiter> delimiter_line(std::string_view body, std::size_t begin, std::size_t after) {
    bool close = body.substr(after).starts_with("--");
    std::size_t i = close ? after + 2 : after;
    while (i < body.size() && (body[i] == ' ' || body[i] == '\t')) ++i;
    if (body.substr(i).starts_with(crlf)) return Delimiter{begin, i + 2, close};
    if (close && i == body.size()) return Delimiter{begin, i, close};
    return std::nullopt;
}

// The next delimiter "\r\n--boundary" at or after `from`: a boundary only
// counts at the start of a line.
std::optional<Delimiter> next_delimiter(std::string_view body, std::string_view marker, std::size_t from) {
    while (true) {
        auto at = body.find(marker, from);
        if (at == std::string_view::npos) return std::nullopt;
        if (auto delimiter = delimiter_line(body, at, at + marker.size())) return delimiter;
        from = at + 1;
    }
}

// The first delimiter may open the body without a CRLF before it; otherwise
// whatever precedes it is a preamble and is ignored.
std::optional<Delimiter> first_delimiter(std::string_view body, std::string_view marker) {
    std::string_view dash_boundary = marker.substr(crlf.size());
    if (body.starts_with(dash_boundary)) {
        if (auto delimiter = delimiter_line(body, 0, dash_boundary.size())) return delimiter;
    }
    return next_delimiter(body, marker, 0);
}

struct PartHeaders {
    std::optional<std::string_view> disposition;
    std::optional<std::string_view> content_type;
    std::optional<std::string_view> transfer_encoding;
};

// `block` is the header lines joined by CRLF, without the final empty line.
Result<PartHeaders> parse_part_headers(std::string_view block) {
    PartHeaders headers;
    while (!block.empty()) {
        auto end = block.find(crlf);
        std::string_view line = block.substr(0, end);
        block = end == std::string_view::npos ? std::string_view() : block.substr(end + crlf.size());
        // Folded lines (obsolete) and bare CR or LF would let two readers split headers differently.
        if (line.front() == ' ' || line.front() == '\t') return malformed("folded header line");
        if (has_header_control(line)) return malformed("control character in a header line");
        auto colon = line.find(':');
        if (colon == std::string_view::npos || !is_token(line.substr(0, colon))) return malformed("bad header line");
        std::string_view name = line.substr(0, colon);
        std::string_view value = trim(line.substr(colon + 1));
        std::optional<std::string_view>* slot = nullptr;
        if (iequals(name, "Content-Disposition")) {
            slot = &headers.disposition;
        } else if (iequals(name, "Content-Type")) {
            slot = &headers.content_type;
        } else if (iequals(name, "Content-Transfer-Encoding")) {
            slot = &headers.transfer_encoding;
        }
        if (!slot) continue;  // other headers carry nothing we use
        if (*slot) return malformed("repeated header");
        *slot = value;
    }
    return headers;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool is_attr_char(char c) {  // RFC 8187
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    return std::string_view("!#$&+-.^_`|~").find(c) != std::string_view::npos;
}

// Decodes an RFC 8187 ext-value (`UTF-8''%E2%82%AC.pdf`). nullopt when the
// charset is neither UTF-8 nor ISO-8859-1, the two every recipient must know.
Result<std::optional<std::string>> decode_ext_value(std::string_view s) {
    auto quote1 = s.find('\'');
    auto quote2 = quote1 == std::string_view::npos ? quote1 : s.find('\'', quote1 + 1);
    if (quote2 == std::string_view::npos) return malformed("filename* without charset");
    std::string_view charset = s.substr(0, quote1);
    std::string bytes;
    for (std::size_t i = quote2 + 1; i < s.size(); ++i) {
        if (s[i] == '%') {
            int hi = i + 2 < s.size() ? hex_value(s[i + 1]) : -1;
            int lo = hi >= 0 ? hex_value(s[i + 2]) : -1;
            if (lo < 0) return malformed("bad percent-encoding in filename*");
            bytes.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else if (is_attr_char(s[i])) {
            bytes.push_back(s[i]);
        } else {
            return malformed("bad character in filename*");
        }
    }
    if (iequals(charset, "UTF-8")) return bytes;
    if (!iequals(charset, "ISO-8859-1")) return std::optional<std::string>();
    std::string utf8;
    for (char c : bytes) {
        auto b = static_cast<unsigned char>(c);
        if (b < 0x80) {
            utf8.push_back(c);
        } else {
            utf8.push_back(static_cast<char>(0xC0 | (b >> 6)));
            utf8.push_back(static_cast<char>(0x80 | (b & 0x3F)));
        }
    }
    return utf8;
}

// Browsers follow the HTML standard, which sends '"' in a name as "%22"
// rather than escaping it; nothing else is percent-decoded.
std::string unescape_html_quotes(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s.substr(i, 3) == "%22") {
            out.push_back('"');
            i += 2;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

// The name as the client meant it: filename* when present and in a charset
// we read, else filename. Empty means "no file chosen".
Result<std::string> raw_filename(const HeaderValue& disposition) {
    if (const std::string* extended = disposition.param("filename*")) {
        auto decoded = decode_ext_value(*extended);
        if (!decoded) return std::unexpected(decoded.error());
        if (*decoded) return std::move(**decoded);
    }
    if (const std::string* plain = disposition.param("filename")) return unescape_html_quotes(*plain);
    return bad_filename("only in an unsupported charset");
}

// C0 and C1 controls, DEL, and the bidirectional marks and overrides that
// make "gpj.exe" display as "exe.jpg". `s` is valid UTF-8.
bool has_control_or_bidi(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x20 || b == 0x7F) return true;
        if (i + 1 >= s.size()) continue;
        auto b1 = static_cast<unsigned char>(s[i + 1]);
        if (b == 0xC2 && b1 >= 0x80 && b1 <= 0x9F) return true;  // U+0080..U+009F
        if (i + 2 >= s.size() || b != 0xE2) continue;
        auto b2 = static_cast<unsigned char>(s[i + 2]);
        if (b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F)) return true;  // U+200E, U+200F
        if (b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) return true;    // U+202A..U+202E
        if (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9) return true;    // U+2066..U+2069
    }
    return false;
}

// Cuts `name` to the byte cap on a code point boundary, keeping a short
// extension so the type stays recognisable.
std::string shorten(std::string_view name) {
    constexpr std::size_t max_extension = 16;
    std::string_view extension;
    auto dot = name.rfind('.');
    if (dot != std::string_view::npos && dot > 0 && name.size() - dot <= max_extension) extension = name.substr(dot);
    std::string_view stem = name.substr(0, name.size() - extension.size());
    std::size_t cut = max_upload_filename_bytes - extension.size();  // < stem.size()
    while (cut > 0 && (static_cast<unsigned char>(stem[cut]) & 0xC0) == 0x80) --cut;
    return std::string(stem.substr(0, cut)) + std::string(extension);
}

}  // namespace

std::optional<std::string> MultipartForm::field(std::string_view name) const {
    for (const auto& f : fields_) {
        if (f.name == name) return f.value;
    }
    return std::nullopt;
}

std::vector<std::string> MultipartForm::field_values(std::string_view name) const {
    std::vector<std::string> values;
    for (const auto& f : fields_) {
        if (f.name == name) values.push_back(f.value);
    }
    return values;
}

std::vector<UploadedFile> MultipartForm::files(std::string_view name) const {
    std::vector<UploadedFile> matching;
    for (const auto& f : files_) {
        if (f.field == name) matching.push_back(f);
    }
    return matching;
}

void MultipartForm::add_field(std::string name, std::string value) {
    fields_.push_back({std::move(name), std::move(value)});
}

void MultipartForm::add_file(UploadedFile file) { files_.push_back(std::move(file)); }

Result<std::string> sanitize_upload_filename(std::string_view raw) {
    if (!is_valid_utf8(raw)) return bad_filename("is not UTF-8");
    if (has_control_or_bidi(raw)) return bad_filename("has a control character");
    auto slash = raw.find_last_of("/\\");
    std::string_view name = slash == std::string_view::npos ? raw : raw.substr(slash + 1);
    if (name.empty() || name == "." || name == "..") return bad_filename("is empty or a directory");
    if (name.size() > max_upload_filename_bytes) return shorten(name);
    return std::string(name);
}

Result<MultipartForm> parse_multipart(std::string_view content_type, std::string_view body,
                                      const MultipartLimits& limits) {
    auto boundary = boundary_of(content_type);
    if (!boundary) return std::unexpected(boundary.error());
    const std::string marker = "\r\n--" + *boundary;

    MultipartForm form;
    std::size_t parts = 0;
    std::size_t files = 0;
    auto delimiter = first_delimiter(body, marker);
    if (!delimiter) return malformed("no boundary delimiter");
    while (!delimiter->close) {
        const std::string part = "part " + std::to_string(++parts) + ": ";
        if (parts > limits.max_parts) return too_large("upload.error.too_many_parts", "more than max_parts parts");

        // The header section ends at the first empty line, searched for only
        // within the limit so an endless header costs no more than a short one.
        std::string_view rest = body.substr(delimiter->next);
        std::string_view header_block;
        std::size_t content_start = delimiter->next + crlf.size();
        if (!rest.starts_with(crlf)) {
            std::size_t window_size = limits.max_header_bytes < rest.size() ? limits.max_header_bytes + 4 : rest.size();
            std::string_view window = rest.substr(0, window_size);
            auto end = window.find("\r\n\r\n");
            if (end == std::string_view::npos)
                return malformed(part +
                                 (rest.size() > window.size() ? "header section too long" : "unterminated headers"));
            header_block = rest.substr(0, end);
            content_start = delimiter->next + end + 4;
        }
        auto headers = parse_part_headers(header_block);
        if (!headers) return std::unexpected(headers.error());
        if (!headers->disposition) return malformed(part + "no Content-Disposition");
        auto disposition = parse_header_value(*headers->disposition);
        if (!disposition || !iequals(disposition->type, "form-data"))
            return malformed(part + "bad Content-Disposition");
        const std::string* name = disposition->param("name");
        if (!name || name->empty()) return malformed(part + "no name");
        if (!is_valid_utf8(*name) || has_control_or_bidi(*name)) return malformed(part + "bad name");
        // RFC 7578 §4.7: senders must not encode; decoding base64 here would
        // only widen what reaches the storage unseen.
        if (headers->transfer_encoding && !iequals(*headers->transfer_encoding, "binary") &&
            !iequals(*headers->transfer_encoding, "8bit") && !iequals(*headers->transfer_encoding, "7bit"))
            return malformed(part + "unsupported Content-Transfer-Encoding");
        if (headers->content_type && !parse_header_value(*headers->content_type))
            return malformed(part + "bad Content-Type");

        auto next = next_delimiter(body, marker, content_start);
        if (!next) return malformed(part + "missing closing boundary");
        std::string_view content = body.substr(content_start, next->begin - content_start);
        delimiter = next;

        if (!disposition->param("filename") && !disposition->param("filename*")) {
            if (content.size() > limits.max_field_bytes)
                return too_large("upload.error.field_too_large", part + "field above max_field_bytes");
            if (!is_valid_utf8(content)) return malformed(part + "field value is not UTF-8");
            form.add_field(*name, std::string(content));
            continue;
        }
        auto raw = raw_filename(*disposition);
        if (!raw) return std::unexpected(raw.error());
        if (raw->empty()) {
            // What a browser sends for a file input left empty.
            if (content.empty()) continue;
            return bad_filename("is empty but data was sent");
        }
        auto filename = sanitize_upload_filename(*raw);
        if (!filename) return std::unexpected(filename.error());
        if (++files > limits.max_files) return too_large("upload.error.too_many_files", "more than max_files files");
        if (content.size() > limits.max_file_bytes)
            return too_large("upload.error.file_too_large", part + "file above max_file_bytes");
        form.add_file({*name, std::move(*filename), std::string(headers->content_type.value_or("")), content});
    }
    return form;
}

Result<MultipartForm> parse_multipart(const Request& request, const MultipartLimits& limits) {
    auto content_type = request.headers.get("Content-Type");
    if (!content_type)
        return fail(ErrorCode::invalid_input, "upload.error.not_multipart", "multipart: no Content-Type");
    return parse_multipart(*content_type, std::string_view(request.body), limits);
}

}  // namespace comptoir::http
