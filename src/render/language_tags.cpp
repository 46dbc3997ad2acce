#include "render/language_tags.hpp"

#include <algorithm>
#include <ranges>

namespace comptoir::render {

namespace {

// Bounds on what one header may cost us; real browsers send a handful of entries.
constexpr std::size_t kMaxHeaderBytes = 4096;
constexpr std::size_t kMaxEntries = 32;

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view text) {
    const auto is_space = [](char c) { return c == ' ' || c == '\t'; };
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

/// "q=0.8" -> 800; "0", "0.5", "1", "1.000"; anything else is malformed.
std::optional<int> parse_quality(std::string_view value) {
    if (value.empty() || value.size() > 5 || (value[0] != '0' && value[0] != '1')) return std::nullopt;
    int quality = (value[0] - '0') * 1000;
    if (value.size() == 1) return quality;
    if (value[1] != '.') return std::nullopt;
    int scale = 100;
    for (char c : value.substr(2)) {
        if (!is_digit(c)) return std::nullopt;
        quality += (c - '0') * scale;
        scale /= 10;
    }
    if (quality > 1000) return std::nullopt;
    return quality;
}

bool contains(const std::vector<std::string>& list, std::string_view value) {
    return std::ranges::find(list, value) != list.end();
}

std::string_view primary_subtag(std::string_view tag) { return tag.substr(0, tag.find('-')); }

}  // namespace

std::string lowercase_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

std::string uppercase_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

bool is_well_formed_tag(std::string_view tag) {
    if (tag.empty() || tag.size() > 35) return false;
    bool first = true;
    for (auto part : std::views::split(tag, '-')) {
        std::string_view subtag(part.begin(), part.end());
        if (subtag.empty() || subtag.size() > 8) return false;
        const bool ok = first ? std::ranges::all_of(subtag, is_alpha)
                              : std::ranges::all_of(subtag, [](char c) { return is_alpha(c) || is_digit(c); });
        if (!ok) return false;
        first = false;
    }
    return true;
}

std::vector<AcceptedLanguage> parse_accept_language(std::string_view header) {
    std::vector<AcceptedLanguage> entries;
    header = header.substr(0, kMaxHeaderBytes);
    for (auto part : std::views::split(header, ',')) {
        if (entries.size() == kMaxEntries) break;
        std::string_view entry = trim(std::string_view(part.begin(), part.end()));
        if (entry.empty()) continue;
        const auto semicolon = entry.find(';');
        const std::string_view tag = trim(entry.substr(0, semicolon));
        if (tag != "*" && !is_well_formed_tag(tag)) continue;
        AcceptedLanguage accepted{lowercase_ascii(tag), 1000};
        bool malformed = false;
        if (semicolon != std::string_view::npos) {
            for (auto param_part : std::views::split(entry.substr(semicolon + 1), ';')) {
                std::string_view param = trim(std::string_view(param_part.begin(), param_part.end()));
                if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
                    auto quality = parse_quality(trim(param.substr(2)));
                    if (!quality)
                        malformed = true;
                    else
                        accepted.quality = *quality;
                } else {
                    // Only a weight is defined for Accept-Language; anything else means we misread the entry.
                    malformed = true;
                }
            }
        }
        if (!malformed) entries.push_back(std::move(accepted));
    }
    return entries;
}

std::optional<std::string> match_explicit(std::string_view choice, const std::vector<std::string>& supported) {
    choice = trim(choice);
    if (!is_well_formed_tag(choice)) return std::nullopt;
    const std::string tag = lowercase_ascii(choice);
    if (contains(supported, tag)) return tag;
    if (const std::string primary(primary_subtag(tag)); contains(supported, primary)) return primary;
    return std::nullopt;
}

std::optional<std::string> match_accept_language(std::string_view header, const std::vector<std::string>& supported,
                                                 std::string_view default_language) {
    auto entries = parse_accept_language(header);
    std::vector<std::string> refused;
    for (const auto& entry : entries) {
        if (entry.quality == 0) refused.push_back(entry.tag);
    }
    const auto acceptable = [&](const std::string& lang) {
        return contains(supported, lang) && !contains(refused, lang);
    };
    std::ranges::stable_sort(entries, std::ranges::greater{}, &AcceptedLanguage::quality);
    for (const auto& entry : entries) {
        if (entry.quality == 0) break;
        if (entry.tag == "*") {
            if (acceptable(std::string(default_language))) return std::string(default_language);
            for (const auto& lang : supported) {
                if (acceptable(lang)) return lang;
            }
            continue;
        }
        if (acceptable(entry.tag)) return entry.tag;
        if (std::string primary(primary_subtag(entry.tag)); acceptable(primary)) return primary;
    }
    return std::nullopt;
}

}  // namespace comptoir::render
