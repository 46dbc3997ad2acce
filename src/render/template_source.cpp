#include "render/template_source.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace comptoir::render {

namespace {

constexpr std::string_view kPragmaStart = "{{%AUTOESCAPE";
constexpr std::string_view kMarkerOpen = "[[t:";
constexpr std::string_view kMarkerClose = "]]";

bool is_key_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
}

}  // namespace

std::optional<std::string> autoescape_context(std::string_view source) {
    std::string_view line = source.substr(0, source.find('\n'));
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (!line.starts_with(kPragmaStart) || !line.ends_with("}}")) return std::nullopt;
    constexpr std::string_view kContext = " context=\"";
    const auto at = line.find(kContext);
    if (at == std::string_view::npos) return std::nullopt;
    const auto begin = at + kContext.size();
    const auto end = line.find('"', begin);
    if (end == std::string_view::npos || end == begin) return std::nullopt;
    return std::string(line.substr(begin, end - begin));
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            case '{':
                out += "&#123;";
                break;
            case '}':
                out += "&#125;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

Result<std::string> expand_translations(std::string_view source, std::string_view context,
                                        const std::map<std::string, std::string, std::less<>>& catalogue) {
    const bool html = context == "HTML" || context == "XML";
    std::string out;
    out.reserve(source.size() + source.size() / 2);
    std::size_t pos = 0;
    while (true) {
        const auto open = source.find(kMarkerOpen, pos);
        if (open == std::string_view::npos) break;
        out.append(source.substr(pos, open - pos));
        const auto key_begin = open + kMarkerOpen.size();
        const auto close = source.find(kMarkerClose, key_begin);
        const std::string_view key = close == std::string_view::npos ? source.substr(key_begin, 40)
                                                                     : source.substr(key_begin, close - key_begin);
        if (close == std::string_view::npos || key.empty() || !std::ranges::all_of(key, is_key_char)) {
            return fail(ErrorCode::internal, fmt::format("malformed translation marker [[t:{}", key));
        }
        auto found = catalogue.find(key);
        if (found == catalogue.end()) {
            return fail(ErrorCode::internal, fmt::format("unknown translation key {}", key));
        }
        if (html) {
            out += html_escape(found->second);
        } else if (found->second.find("{{") != std::string::npos) {
            return fail(ErrorCode::internal, fmt::format("translation {} contains \"{{{{\"", key));
        } else {
            out += found->second;
        }
        pos = close + kMarkerClose.size();
    }
    out.append(source.substr(pos));
    return out;
}

}  // namespace comptoir::render
