#include "text/slug.hpp"

#include <algorithm>

#include "text/icu_transform.hpp"

namespace comptoir::text {
namespace {

constexpr std::string_view kToAscii = "Any-Latin; Latin-ASCII; Lower";
constexpr std::string_view kFallback = "article";

/// Transliteration costs time in proportion to the input, and a slug keeps at
/// most max_bytes of it, so a pathological title is cut first (on a UTF-8
/// character boundary). The margin leaves room for punctuation that vanishes.
std::string_view bounded(std::string_view title, std::size_t max_bytes) {
    const std::size_t limit = std::max<std::size_t>(4096, 8 * max_bytes);
    if (title.size() <= limit) return title;
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0) == 0x80) --cut;
    return title.substr(0, cut);
}

}  // namespace

std::string slugify(std::string_view title, std::size_t max_bytes) {
    const std::string ascii = detail::transform(kToAscii, bounded(title, max_bytes));

    std::string slug;
    bool separator_pending = false;
    for (char c : ascii) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');  // "Lower" already did this; belt and braces
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (separator_pending && !slug.empty()) slug += '-';
            separator_pending = false;
            slug += c;
        } else {
            separator_pending = true;
        }
    }

    if (slug.size() > max_bytes) {
        // slug[max_bytes] == '-' means the first max_bytes end on a whole word.
        const std::size_t dash = slug.rfind('-', max_bytes);
        slug.resize(dash == std::string::npos || dash == 0 ? max_bytes : dash);
        while (!slug.empty() && slug.back() == '-') slug.pop_back();
    }
    if (slug.empty()) return std::string(kFallback);
    return slug;
}

}  // namespace comptoir::text
