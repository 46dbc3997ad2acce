#pragma once
// Line-by-line comparison of two texts, for authors comparing two revisions
// of an article. Myers' algorithm gives the shortest edit script (the same
// kind of diff as `git diff`); two guards keep time and memory bounded on
// huge or unrelated texts, where the result falls back to "every old line
// removed, every new line added" for the part that differs — still a correct
// diff, only not the shortest.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::text {

/// One line of a diff.
struct DiffLine {
    enum class Kind {
        same,     ///< in both texts
        added,    ///< only in the new text
        removed,  ///< only in the old text
        gap,      ///< stands for `skipped` unchanged lines left out (collapse_unchanged only)
    };
    Kind kind = Kind::same;
    std::string text;  ///< the line without its line ending; empty for a gap
    int old_line = 0;  ///< 1-based line number in the old text; 0 for an added line
    int new_line = 0;  ///< 1-based line number in the new text; 0 for a removed line
    int skipped = 0;   ///< gap only: how many unchanged lines it replaces (from old_line/new_line on)
};

/// Every line of both texts in order: `same`, `removed` or `added`. Lines end
/// at "\n" or "\r\n" (a revision typed in a browser has CRLF, one loaded from
/// a file LF: the same line either way); a final line ending adds no empty
/// line, and an empty text has no lines. Within each run of changes the
/// removed lines come before the added ones.
std::vector<DiffLine> diff_lines(std::string_view old_text, std::string_view new_text);

/// The diff as shown to people: unchanged lines more than `context` lines away
/// from any change are replaced by one `gap` line (only when that hides at
/// least two lines: a gap standing for one line takes as much room as the
/// line). Texts without changes collapse to a single gap. A negative context
/// counts as 0.
std::vector<DiffLine> collapse_unchanged(std::span<const DiffLine> diff, int context = 3);

}  // namespace comptoir::text
