#include "text/line_diff.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <unordered_map>

namespace comptoir::text {
namespace {

/// Above this many lines on both sides (after the common beginning and end
/// are set aside) the texts are compared as wholly different.
constexpr std::int64_t kMaxCells = 5000LL * 5000LL;
/// Myers' search keeps one row per edit: past this many edits it stops and
/// falls back (memory grows with the square of the number of edits).
constexpr int kMaxEdits = 1000;

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        const std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        start = next;
    }
    return lines;
}

/// The edit script between a and b (line ids), as a sequence of
/// same/removed/added marks, or nothing if it needs more than kMaxEdits edits.
/// Myers, "An O(ND) Difference Algorithm and Its Variations" (1986): for each
/// number of edits d, the furthest point reached on each diagonal k = x - y;
/// the rows are kept to walk the path back.
std::optional<std::vector<DiffLine::Kind>> myers(std::span<const int> a, std::span<const int> b) {
    const int n = static_cast<int>(a.size());
    const int m = static_cast<int>(b.size());
    const int max_d = std::min(n + m, kMaxEdits);
    const int offset = max_d + 1;
    std::vector<int> v(2 * static_cast<std::size_t>(max_d) + 3, 0);
    // trace holds, for each d, v[-d..d] as it was before step d (d*d values
    // precede the row of step d).
    std::vector<int> trace;

    int found = -1;
    for (int d = 0; d <= max_d && found < 0; ++d) {
        trace.insert(trace.end(), v.begin() + (offset - d), v.begin() + (offset + d + 1));
        for (int k = -d; k <= d; k += 2) {
            int x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
                        ? v[offset + k + 1]       // down: add
                        : v[offset + k - 1] + 1;  // right: remove
            int y = x - k;
            while (x < n && y < m && a[x] == b[y]) ++x, ++y;
            v[offset + k] = x;
            if (x >= n && y >= m) {
                found = d;
                break;
            }
        }
    }
    if (found < 0) return std::nullopt;

    // Walk back from (n, m), collecting the script in reverse.
    std::vector<DiffLine::Kind> script;
    int x = n, y = m;
    for (int d = found; d > 0; --d) {
        const int* row = trace.data() + static_cast<std::size_t>(d) * d;  // row[i] is v[i - d]
        const auto at = [&](int k) { return row[k + d]; };
        const int k = x - y;
        const int previous_k = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1;
        const int previous_x = at(previous_k);
        const int previous_y = previous_x - previous_k;
        while (x > previous_x && y > previous_y) {
            script.push_back(DiffLine::Kind::same);
            --x, --y;
        }
        script.push_back(x == previous_x ? DiffLine::Kind::added : DiffLine::Kind::removed);
        x = previous_x;
        y = previous_y;
    }
    while (x > 0 && y > 0) {  // the snake of d = 0
        script.push_back(DiffLine::Kind::same);
        --x, --y;
    }
    std::reverse(script.begin(), script.end());
    return script;
}

/// Within each run of changes, removed lines first, then added ones: the edit
/// script can interleave them, which reads badly.
void group_changes(std::vector<DiffLine>& lines) {
    const auto is_change = [](const DiffLine& line) { return line.kind != DiffLine::Kind::same; };
    for (auto it = lines.begin(); it != lines.end();) {
        it = std::find_if(it, lines.end(), is_change);
        const auto end = std::find_if_not(it, lines.end(), is_change);
        std::stable_partition(it, end, [](const DiffLine& line) { return line.kind == DiffLine::Kind::removed; });
        it = end;
    }
}

}  // namespace

std::vector<DiffLine> diff_lines(std::string_view old_text, std::string_view new_text) {
    const std::vector<std::string_view> old_lines = split_lines(old_text);
    const std::vector<std::string_view> new_lines = split_lines(new_text);

    // Compare small integers rather than strings: equal lines get equal ids.
    std::unordered_map<std::string_view, int> ids;
    const auto to_ids = [&](const std::vector<std::string_view>& lines) {
        std::vector<int> out;
        out.reserve(lines.size());
        for (auto line : lines) out.push_back(ids.emplace(line, static_cast<int>(ids.size())).first->second);
        return out;
    };
    const std::vector<int> a = to_ids(old_lines);
    const std::vector<int> b = to_ids(new_lines);

    // The common beginning and end need no search (most revisions change a
    // few lines in the middle).
    std::size_t prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
    std::size_t suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
           a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
        ++suffix;
    const std::span<const int> a_middle(a.data() + prefix, a.size() - prefix - suffix);
    const std::span<const int> b_middle(b.data() + prefix, b.size() - prefix - suffix);

    std::optional<std::vector<DiffLine::Kind>> script;
    const auto n = static_cast<std::int64_t>(a_middle.size());
    const auto m = static_cast<std::int64_t>(b_middle.size());
    if (n * m <= kMaxCells && std::llabs(n - m) <= kMaxEdits) script = myers(a_middle, b_middle);
    if (!script) {  // wholly different, or too big to search: replace the middle
        script.emplace(static_cast<std::size_t>(n), DiffLine::Kind::removed);
        script->insert(script->end(), static_cast<std::size_t>(m), DiffLine::Kind::added);
    }

    std::vector<DiffLine> out;
    out.reserve(prefix + script->size() + suffix);
    int old_index = 0, new_index = 0;  // 0-based positions in old_lines / new_lines
    const auto emit = [&](DiffLine::Kind kind) {
        switch (kind) {
            case DiffLine::Kind::same:
                out.push_back({kind, std::string(old_lines[old_index]), old_index + 1, new_index + 1});
                ++old_index, ++new_index;
                break;
            case DiffLine::Kind::removed:
                out.push_back({kind, std::string(old_lines[old_index]), old_index + 1, 0});
                ++old_index;
                break;
            case DiffLine::Kind::added:
                out.push_back({kind, std::string(new_lines[new_index]), 0, new_index + 1});
                ++new_index;
                break;
            case DiffLine::Kind::gap:
                break;
        }
    };
    for (std::size_t i = 0; i < prefix; ++i) emit(DiffLine::Kind::same);
    for (auto kind : *script) emit(kind);
    for (std::size_t i = 0; i < suffix; ++i) emit(DiffLine::Kind::same);
    group_changes(out);
    return out;
}

std::vector<DiffLine> collapse_unchanged(std::span<const DiffLine> diff, int context) {
    const std::size_t keep = static_cast<std::size_t>(std::max(context, 0));
    std::vector<DiffLine> out;
    const auto is_same = [](const DiffLine& line) { return line.kind == DiffLine::Kind::same; };
    const auto copy = [&](std::size_t from, std::size_t to) {
        const auto part = diff.subspan(from, to - from);
        out.insert(out.end(), part.begin(), part.end());
    };
    for (std::size_t i = 0; i < diff.size();) {
        if (!is_same(diff[i])) {
            out.push_back(diff[i++]);
            continue;
        }
        std::size_t end = i;
        while (end < diff.size() && is_same(diff[end])) ++end;
        // Keep `keep` lines next to each neighbouring change.
        const std::size_t hide_from = i == 0 ? i : std::min(end, i + keep);
        const std::size_t hide_to = end == diff.size() ? end : std::max(hide_from, end - std::min(keep, end - i));
        if (hide_to - hide_from >= 2) {
            copy(i, hide_from);
            out.push_back({DiffLine::Kind::gap,
                           {},
                           diff[hide_from].old_line,
                           diff[hide_from].new_line,
                           static_cast<int>(hide_to - hide_from)});
            copy(hide_to, end);
        } else {
            copy(i, end);
        }
        i = end;
    }
    return out;
}

}  // namespace comptoir::text
