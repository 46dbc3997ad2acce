#include "web/kb/urls.hpp"

#include <algorithm>

#include "core/crypto.hpp"
#include "text/slug.hpp"

namespace comptoir::web::kb_public {

std::optional<IdSlug> parse_id_slug(std::string_view segment) {
    std::size_t digits = 0;
    while (digits < segment.size() && segment[digits] >= '0' && segment[digits] <= '9') ++digits;
    // 15 digits are far beyond any real id and cannot overflow.
    if (digits == 0 || digits > 15) return std::nullopt;
    if (digits < segment.size() && segment[digits] != '-') return std::nullopt;
    std::int64_t id = 0;
    for (std::size_t i = 0; i < digits; ++i) id = id * 10 + (segment[i] - '0');
    if (id == 0) return std::nullopt;
    IdSlug out;
    out.id = id;
    if (digits < segment.size()) out.slug = segment.substr(digits + 1);
    return out;
}

std::string kb_home_path(std::string_view lang) { return "/kb/" + std::string(lang); }

std::string kb_faq_path(std::string_view lang) { return "/kb/" + std::string(lang) + "/faq"; }

std::string kb_article_path(std::string_view lang, std::int64_t id, std::string_view slug) {
    std::string path = "/kb/" + std::string(lang) + "/articles/" + std::to_string(id);
    if (!slug.empty()) {
        path += '-';
        path += slug;
    }
    return path;
}

std::string kb_category_path(std::string_view lang, std::int64_t id, std::string_view name) {
    return "/kb/" + std::string(lang) + "/categories/" + std::to_string(id) + "-" + text::slugify(name);
}

std::string kb_attachment_path(std::string_view lang, std::int64_t article_id, std::int64_t attachment_id) {
    return "/kb/" + std::string(lang) + "/articles/" + std::to_string(article_id) + "/attachments/" +
           std::to_string(attachment_id);
}

std::string strong_etag(std::initializer_list<std::string_view> parts) {
    // Each part is preceded by its length, so ("ab","c") and ("a","bc") differ.
    std::string material;
    for (auto part : parts) {
        material += std::to_string(part.size());
        material += ':';
        material += part;
    }
    return "\"" + crypto::sha256_hex(material).substr(0, 32) + "\"";
}

std::string_view trim_spaces(std::string_view text) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; };
    while (!text.empty() && space(text.front())) text.remove_prefix(1);
    while (!text.empty() && space(text.back())) text.remove_suffix(1);
    return text;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
    if (trim_spaces(if_none_match) == "*") return true;
    std::string_view wanted = etag;
    if (wanted.starts_with("W/")) wanted.remove_prefix(2);
    while (!if_none_match.empty()) {
        const auto comma = if_none_match.find(',');
        std::string_view tag = trim_spaces(if_none_match.substr(0, comma));
        if (tag.starts_with("W/")) tag.remove_prefix(2);
        if (!tag.empty() && tag == wanted) return true;
        if (comma == std::string_view::npos) break;
        if_none_match.remove_prefix(comma + 1);
    }
    return false;
}

bool is_inline_image(std::string_view content_type) {
    const std::string_view type = trim_spaces(content_type.substr(0, content_type.find(';')));
    std::string lower(type);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower == "image/png" || lower == "image/jpeg" || lower == "image/gif" || lower == "image/webp";
}

std::string content_disposition(std::string_view file_name, std::string_view content_type) {
    if (is_inline_image(content_type)) return "inline";
    std::string fallback;
    std::string encoded;
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (unsigned char c : file_name) {
        if (c < 0x20 || c == 0x7f) continue;  // never a header break, whatever was stored
        const bool attr_char = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                               std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
        if (attr_char) {
            encoded += static_cast<char>(c);
        } else {
            encoded += '%';
            encoded += kHex[c >> 4];
            encoded += kHex[c & 0x0f];
        }
        // Non-ASCII bytes become one '_' per character (continuation bytes are skipped).
        if (c >= 0x80) {
            if ((c & 0xc0) != 0x80) fallback += '_';
        } else if (c == '"' || c == '\\') {
            fallback += '_';
        } else {
            fallback += static_cast<char>(c);
        }
    }
    if (fallback.empty()) fallback = "download";
    std::string out = "attachment; filename=\"" + fallback + "\"";
    if (!encoded.empty()) out += "; filename*=UTF-8''" + encoded;
    return out;
}

std::size_t utf8_length(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
}

}  // namespace comptoir::web::kb_public
