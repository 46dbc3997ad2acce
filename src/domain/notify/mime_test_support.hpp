#pragma once
// A small, strict MIME reader for the notify tests: unfolds headers, decodes
// RFC 2047 encoded-words, splits a multipart body and decodes quoted-printable
// and base64 parts. Strict on purpose: a malformed message fails the test.
#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::notify::testing {

inline std::string decode_base64(std::string_view text) {
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+') return 62;
        if (c == '/') return 63;
        return -1;
    };
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : text) {
        if (c == '=' || c == '\r' || c == '\n') continue;
        const int v = value(c);
        if (v < 0) throw std::runtime_error("bad base64 character");
        buffer = (buffer << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xFF);
        }
    }
    return out;
}

/// Quoted-printable to bytes; CRLF hard breaks become "\n". Throws on a line
/// above 76 characters or a malformed escape.
inline std::string decode_quoted_printable(std::string_view text) {
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find("\r\n", start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (line.size() > 76) throw std::runtime_error("quoted-printable line longer than 76: " + std::string(line));
        if (!line.empty() && (line.back() == ' ' || line.back() == '\t'))
            throw std::runtime_error("quoted-printable line ends with white space");
        bool soft = false;
        for (std::size_t i = 0; i < line.size(); ++i) {
            if (line[i] != '=') {
                out += line[i];
            } else if (i + 1 == line.size()) {
                soft = true;
            } else if (i + 2 < line.size() && std::isxdigit(static_cast<unsigned char>(line[i + 1])) &&
                       std::isxdigit(static_cast<unsigned char>(line[i + 2]))) {
                out += static_cast<char>(std::stoi(std::string(line.substr(i + 1, 2)), nullptr, 16));
                i += 2;
            } else {
                throw std::runtime_error("bad quoted-printable escape in: " + std::string(line));
            }
        }
        if (!soft && end != text.size()) out += '\n';
        start = end + 2;
    }
    return out;
}

/// An unfolded header value with its encoded-words decoded (white space
/// between two adjacent encoded-words is dropped, as RFC 2047 says).
inline std::string decode_header(std::string_view value) {
    std::string out;
    std::size_t i = 0;
    bool last_was_word = false;
    while (i < value.size()) {
        if (value.substr(i).starts_with("=?")) {
            const auto charset_end = value.find('?', i + 2);
            const auto encoding_end =
                charset_end == std::string_view::npos ? charset_end : value.find('?', charset_end + 1);
            const auto text_end =
                encoding_end == std::string_view::npos ? encoding_end : value.find("?=", encoding_end + 1);
            if (text_end == std::string_view::npos) throw std::runtime_error("unterminated encoded-word");
            const auto encoding = value.substr(charset_end + 1, encoding_end - charset_end - 1);
            if (encoding != "B" && encoding != "b") throw std::runtime_error("expected a B encoded-word");
            out += decode_base64(value.substr(encoding_end + 1, text_end - encoding_end - 1));
            i = text_end + 2;
            last_was_word = true;
            continue;
        }
        const auto next = value.find("=?", i);
        std::string_view plain = value.substr(i, next == std::string_view::npos ? std::string_view::npos : next - i);
        const bool only_space = plain.find_first_not_of(" \t") == std::string_view::npos;
        if (!(last_was_word && only_space && next != std::string_view::npos)) out += plain;
        last_was_word = false;
        i = next == std::string_view::npos ? value.size() : next;
    }
    return out;
}

struct Part {
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;                            // decoded
};

struct Message {
    std::multimap<std::string, std::string> headers;  // lower-case names, raw unfolded values
    std::vector<std::string> raw_header_lines;        // as on the wire, for length checks
    std::vector<Part> parts;                          // one for a single-part message

    std::string header(const std::string& name) const {
        auto found = headers.find(name);
        if (found == headers.end()) throw std::runtime_error("no header " + name);
        return found->second;
    }
};

inline std::string lower(std::string text) {
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

/// Header block (CRLF lines, unfolded) and the body after the blank line.
inline std::pair<std::multimap<std::string, std::string>, std::string> split_head(
    std::string_view text, std::vector<std::string>* raw = nullptr) {
    const auto blank = text.find("\r\n\r\n");
    if (blank == std::string_view::npos) throw std::runtime_error("no blank line after the headers");
    std::multimap<std::string, std::string> headers;
    std::string name, value;
    auto flush = [&] {
        if (!name.empty()) headers.emplace(lower(name), value);
        name.clear();
        value.clear();
    };
    std::size_t start = 0;
    const std::string_view head = text.substr(0, blank + 2);
    while (start < head.size()) {
        const auto end = head.find("\r\n", start);
        const std::string_view line = head.substr(start, end - start);
        if (raw) raw->emplace_back(line);
        if (line.find('\n') != std::string_view::npos || line.find('\r') != std::string_view::npos)
            throw std::runtime_error("bare CR or LF in a header line");
        if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
            value += line;  // unfold: drop the CRLF, keep the white space
        } else {
            flush();
            const auto colon = line.find(':');
            if (colon == std::string_view::npos) throw std::runtime_error("header line without colon");
            name = std::string(line.substr(0, colon));
            value = std::string(line.substr(colon + 1));
            if (!value.empty() && value[0] == ' ') value.erase(0, 1);
        }
        start = end + 2;
    }
    flush();
    return {std::move(headers), std::string(text.substr(blank + 4))};
}

inline std::string decode_body(const std::multimap<std::string, std::string>& headers, const std::string& body) {
    auto cte = headers.find("content-transfer-encoding");
    const std::string encoding = cte == headers.end() ? "7bit" : lower(cte->second);
    if (encoding == "quoted-printable") return decode_quoted_printable(body);
    if (encoding == "base64") return decode_base64(body);
    return body;
}

inline Message parse_message(std::string_view text) {
    Message message;
    auto [headers, body] = split_head(text, &message.raw_header_lines);
    message.headers = headers;
    const auto type = headers.find("content-type");
    if (type == headers.end()) throw std::runtime_error("no Content-Type");
    if (!lower(type->second).starts_with("multipart/")) {
        Part part;
        for (const auto& [k, v] : headers) part.headers[k] = v;
        part.body = decode_body(headers, body);
        message.parts.push_back(std::move(part));
        return message;
    }
    const auto b = type->second.find("boundary=\"");
    if (b == std::string::npos) throw std::runtime_error("no quoted boundary");
    const auto b_end = type->second.find('"', b + 10);
    const std::string boundary = "--" + type->second.substr(b + 10, b_end - b - 10);
    std::size_t pos = body.find(boundary + "\r\n");
    if (pos == std::string::npos) throw std::runtime_error("no first boundary");
    for (;;) {
        const std::size_t content = pos + boundary.size() + 2;
        // The CRLF before a boundary belongs to the boundary (RFC 2046), not to the part.
        const std::size_t next = body.find("\r\n" + boundary, content);
        if (next == std::string::npos) throw std::runtime_error("unterminated part");
        auto [part_headers, part_body] = split_head(std::string_view(body).substr(content, next - content));
        Part part;
        for (const auto& [k, v] : part_headers) part.headers[k] = v;
        part.body = decode_body(part_headers, part_body);
        message.parts.push_back(std::move(part));
        pos = next + 2;
        if (std::string_view(body).substr(pos + boundary.size()).starts_with("--")) break;
    }
    return message;
}

}  // namespace comptoir::notify::testing
