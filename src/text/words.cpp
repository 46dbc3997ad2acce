#include "text/words.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <limits>

#include "text/icu_transform.hpp"

namespace comptoir::text {
namespace {

constexpr std::string_view kFold = "NFKD; [[:Nonspacing Mark:] & [:Script=Inherited:]] Remove; Lower; NFC";

std::vector<UChar32> code_points(std::string_view utf8) {
    std::vector<UChar32> out;
    out.reserve(utf8.size());
    const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
    const auto length = static_cast<int32_t>(std::min<std::size_t>(utf8.size(), std::numeric_limits<int32_t>::max()));
    for (int32_t i = 0; i < length;) {
        UChar32 c;
        U8_NEXT(s, i, length, c);
        out.push_back(c < 0 ? 0xFFFD : c);
    }
    return out;
}

bool starts_word(UChar32 c) { return u_hasBinaryProperty(c, UCHAR_ALPHABETIC) || u_isdigit(c); }

/// Marks that are not Alphabetic (the Devanagari virama, for one) and the
/// zero-width (non-)joiners of Persian and Indic spelling belong to the word
/// they are written in, but never start one.
bool continues_word(UChar32 c) {
    return starts_word(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0 || c == 0x200C || c == 0x200D;
}

}  // namespace

std::string fold(std::string_view text) { return detail::transform(kFold, text); }

std::string lower(std::string_view text) { return detail::transform("Lower", text); }

std::string like_contains(std::string_view query) {
    std::string out = "%";
    for (char c : lower(query)) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out + "%";
}

std::vector<std::string> words(std::string_view text) {
    const std::string folded = fold(text);  // valid UTF-8: ICU wrote it
    const auto* s = reinterpret_cast<const uint8_t*>(folded.data());
    const auto length = static_cast<int32_t>(folded.size());

    std::vector<std::string> out;
    int32_t start = 0;      // byte offset of the current word
    std::size_t count = 0;  // its length in code points
    bool only_digits = true;
    const auto finish = [&](int32_t end) {
        if (count >= kMinWordLength && count <= kMaxWordLength && !only_digits)
            out.emplace_back(folded, static_cast<std::size_t>(start), static_cast<std::size_t>(end - start));
        count = 0;
        only_digits = true;
    };
    for (int32_t i = 0; i < length;) {
        const int32_t at = i;
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c >= 0 && (count > 0 ? continues_word(c) : starts_word(c))) {
            if (count == 0) start = at;
            ++count;
            only_digits = only_digits && u_isdigit(c);
        } else if (count > 0) {
            finish(at);
        }
    }
    if (count > 0) finish(length);
    return out;
}

int edit_distance(std::string_view a_text, std::string_view b_text, int limit) {
    const std::vector<UChar32> a = code_points(a_text);
    const std::vector<UChar32> b = code_points(b_text);
    const auto n = static_cast<int>(a.size());
    const auto m = static_cast<int>(b.size());
    // The distance never exceeds max(n, m): a larger limit changes nothing and
    // clamping it keeps limit + 1 from overflowing.
    limit = std::clamp(limit, 0, std::max(n, m));
    if (std::abs(n - m) > limit) return limit + 1;

    // Three rows of the (n+1)×(m+1) table, and in each row only the band of
    // columns within `limit` of the diagonal: cells outside it exceed the
    // limit anyway. Every value is capped at limit + 1 ("too far").
    const int too_far = limit + 1;
    std::vector<int> before_previous(m + 1, too_far), previous(m + 1, too_far), current(m + 1, too_far);
    for (int j = 0; j <= std::min(m, limit); ++j) previous[j] = j;

    for (int i = 1; i <= n; ++i) {
        const int first = std::max(1, i - limit);
        const int last = std::min(m, i + limit);
        // The cell left of the band is outside it (or column 0, distance i).
        current[first - 1] = (first == 1 && i <= limit) ? i : too_far;
        int best = current[first - 1];
        for (int j = first; j <= last; ++j) {
            const int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            int value = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                value = std::min(value, before_previous[j - 2] + 1);
            current[j] = std::min(value, too_far);
            best = std::min(best, current[j]);
        }
        if (best > limit) return too_far;  // every path through this row is already too long
        // Rotate the rows. The buffer that becomes `current` still holds row
        // i-2, but the bands only move right, so every cell a later row reads
        // was either written by its own row or never written (still too far).
        std::swap(before_previous, previous);
        std::swap(previous, current);
    }
    return std::min(previous[m], too_far);
}

}  // namespace comptoir::text
