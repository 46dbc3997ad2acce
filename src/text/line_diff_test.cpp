#include "text/line_diff.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <vector>

namespace comptoir::text {
namespace {

using Kind = DiffLine::Kind;

/// A compact picture of a diff: " a" same, "-a" removed, "+a" added, "~3" a gap of 3.
std::vector<std::string> picture(const std::vector<DiffLine>& diff) {
    std::vector<std::string> out;
    for (const auto& line : diff) {
        switch (line.kind) {
            case Kind::same:
                out.push_back(" " + line.text);
                break;
            case Kind::removed:
                out.push_back("-" + line.text);
                break;
            case Kind::added:
                out.push_back("+" + line.text);
                break;
            case Kind::gap:
                out.push_back("~" + std::to_string(line.skipped));
                break;
        }
    }
    return out;
}

using Picture = std::vector<std::string>;

std::string numbered_lines(int from, int to) {
    std::string text;
    for (int i = from; i <= to; ++i) text += "l" + std::to_string(i) + "\n";
    return text;
}

/// The old text is the same and removed lines in order, the new text the
/// same and added lines, and the line numbers count them.
void expect_consistent(const std::vector<DiffLine>& diff, const std::vector<std::string>& old_lines,
                       const std::vector<std::string>& new_lines) {
    std::vector<std::string> old_seen, new_seen;
    for (const auto& line : diff) {
        if (line.kind != Kind::added) {
            old_seen.push_back(line.text);
            EXPECT_EQ(line.old_line, static_cast<int>(old_seen.size()));
        } else {
            EXPECT_EQ(line.old_line, 0);
        }
        if (line.kind != Kind::removed) {
            new_seen.push_back(line.text);
            EXPECT_EQ(line.new_line, static_cast<int>(new_seen.size()));
        } else {
            EXPECT_EQ(line.new_line, 0);
        }
    }
    EXPECT_EQ(old_seen, old_lines);
    EXPECT_EQ(new_seen, new_lines);
}

std::string join(const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines) text += line + "\n";
    return text;
}

TEST(LineDiff, IdenticalTextsAreAllSame) {
    const auto diff = diff_lines("a\nb\nc\n", "a\nb\nc\n");
    EXPECT_EQ(picture(diff), (Picture{" a", " b", " c"}));
    EXPECT_EQ(diff[2].old_line, 3);
    EXPECT_EQ(diff[2].new_line, 3);
}

TEST(LineDiff, FindsInsertedLines) {
    const auto diff = diff_lines("a\nb\nc\n", "a\nb\nx\ny\nc\n");
    EXPECT_EQ(picture(diff), (Picture{" a", " b", "+x", "+y", " c"}));
    EXPECT_EQ(diff[2].old_line, 0);
    EXPECT_EQ(diff[2].new_line, 3);
    EXPECT_EQ(diff[4].old_line, 3);
    EXPECT_EQ(diff[4].new_line, 5);
}

TEST(LineDiff, FindsDeletedLines) {
    const auto diff = diff_lines("a\nb\nc\nd\n", "a\nd\n");
    EXPECT_EQ(picture(diff), (Picture{" a", "-b", "-c", " d"}));
    EXPECT_EQ(diff[1].old_line, 2);
    EXPECT_EQ(diff[1].new_line, 0);
}

TEST(LineDiff, ShowsAReplacementAsRemovedThenAdded) {
    EXPECT_EQ(picture(diff_lines("a\nb\nc\n", "a\nB\nc\n")), (Picture{" a", "-b", "+B", " c"}));
    EXPECT_EQ(picture(diff_lines("a\nb\nc\nd\n", "a\nX\nY\nd\n")), (Picture{" a", "-b", "-c", "+X", "+Y", " d"}));
    EXPECT_EQ(picture(diff_lines("x\n", "y\n")), (Picture{"-x", "+y"}));
}

TEST(LineDiff, HandlesEmptySides) {
    EXPECT_TRUE(diff_lines("", "").empty());
    EXPECT_EQ(picture(diff_lines("", "a\nb")), (Picture{"+a", "+b"}));
    EXPECT_EQ(picture(diff_lines("a\nb", "")), (Picture{"-a", "-b"}));
    EXPECT_EQ(picture(diff_lines("\n", "")), (Picture{"-"}));  // one empty line
}

TEST(LineDiff, IgnoresLineEndingStyleAndFinalNewline) {
    EXPECT_EQ(picture(diff_lines("a\r\nb\r\n", "a\nb")), (Picture{" a", " b"}));
    EXPECT_EQ(picture(diff_lines("a\n\nb\n", "a\r\n\r\nb")), (Picture{" a", " ", " b"}));
}

TEST(LineDiff, IsAShortestEditScript) {
    // Against a plain longest-common-subsequence count on random texts drawn
    // from few distinct lines (so that many lines match).
    std::mt19937 random(42);
    for (int round = 0; round < 200; ++round) {
        std::vector<std::string> a(random() % 12), b(random() % 12);
        for (auto& line : a) line = std::string(1, static_cast<char>('a' + random() % 4));
        for (auto& line : b) line = std::string(1, static_cast<char>('a' + random() % 4));
        std::vector<std::vector<int>> lcs(a.size() + 1, std::vector<int>(b.size() + 1, 0));
        for (std::size_t i = 1; i <= a.size(); ++i)
            for (std::size_t j = 1; j <= b.size(); ++j)
                lcs[i][j] = a[i - 1] == b[j - 1] ? lcs[i - 1][j - 1] + 1 : std::max(lcs[i - 1][j], lcs[i][j - 1]);

        const auto diff = diff_lines(join(a), join(b));
        expect_consistent(diff, a, b);
        const auto same = std::count_if(diff.begin(), diff.end(), [](const auto& l) { return l.kind == Kind::same; });
        EXPECT_EQ(same, lcs[a.size()][b.size()]) << join(a) << "--\n" << join(b);
    }
}

TEST(LineDiff, FindsOneChangeInAVeryLongText) {
    std::string old_text = numbered_lines(1, 20000);
    std::string new_text = old_text;
    new_text.replace(new_text.find("l10000\n"), 7, "changed\n");
    const auto diff = diff_lines(old_text, new_text);
    ASSERT_EQ(diff.size(), 20001u);
    EXPECT_EQ(diff[9999].kind, Kind::removed);
    EXPECT_EQ(diff[9999].text, "l10000");
    EXPECT_EQ(diff[10000].kind, Kind::added);
    EXPECT_EQ(diff[10000].text, "changed");
}

TEST(LineDiff, FallsBackQuicklyOnHugeUnrelatedTexts) {
    std::string old_text, new_text;
    for (int i = 0; i < 6000; ++i) {
        old_text += "old " + std::to_string(i) + "\n";
        new_text += "new " + std::to_string(i) + "\n";
    }
    const auto start = std::chrono::steady_clock::now();
    const auto diff = diff_lines(old_text, new_text);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
    ASSERT_EQ(diff.size(), 12000u);
    EXPECT_EQ(diff[5999].kind, Kind::removed);
    EXPECT_EQ(diff[6000].kind, Kind::added);
    EXPECT_EQ(diff[6000].new_line, 1);
}

TEST(LineDiff, FallsBackWhenTooManyEditsButStaysCorrect) {
    // 1,500 interleaved changes: more edits than the search keeps.
    std::vector<std::string> a, b;
    for (int i = 0; i < 1500; ++i) {
        a.push_back("same " + std::to_string(i));
        a.push_back("old " + std::to_string(i));
        b.push_back("same " + std::to_string(i));
        b.push_back("new " + std::to_string(i));
    }
    expect_consistent(diff_lines(join(a), join(b)), a, b);
}

TEST(CollapseUnchanged, KeepsThreeLinesOfContextAroundChanges) {
    std::string new_text = numbered_lines(1, 20);
    new_text.replace(new_text.find("l10\n"), 4, "dix\n");
    const auto collapsed = collapse_unchanged(diff_lines(numbered_lines(1, 20), new_text));
    EXPECT_EQ(picture(collapsed), (Picture{"~6", " l7", " l8", " l9", "-l10", "+dix", " l11", " l12", " l13", "~7"}));
    EXPECT_EQ(collapsed[0].old_line, 1);
    EXPECT_EQ(collapsed[0].new_line, 1);
    EXPECT_EQ(collapsed.back().old_line, 14);
    EXPECT_EQ(collapsed.back().new_line, 14);
}

TEST(CollapseUnchanged, SplitsLongRunsBetweenChangesOnly) {
    // Changes at lines 2 and 12: the 9 lines between keep 3 on each side.
    std::string new_text = numbered_lines(1, 13);
    new_text.replace(new_text.find("l2\n"), 3, "deux\n");
    new_text.replace(new_text.find("l12\n"), 4, "douze\n");
    EXPECT_EQ(
        picture(collapse_unchanged(diff_lines(numbered_lines(1, 13), new_text))),
        (Picture{" l1", "-l2", "+deux", " l3", " l4", " l5", "~3", " l9", " l10", " l11", "-l12", "+douze", " l13"}));
}

TEST(CollapseUnchanged, NeverHidesASingleLine) {
    // 7 unchanged lines between changes: 3 + 3 kept, the 7th is shown rather than a gap of 1.
    const auto diff = diff_lines("a\n1\n2\n3\n4\n5\n6\n7\nb\n", "A\n1\n2\n3\n4\n5\n6\n7\nB\n");
    EXPECT_EQ(collapse_unchanged(diff).size(), diff.size());
}

TEST(CollapseUnchanged, CollapsesTextsWithoutChanges) {
    EXPECT_EQ(picture(collapse_unchanged(diff_lines(numbered_lines(1, 5), numbered_lines(1, 5)))), (Picture{"~5"}));
    EXPECT_EQ(picture(collapse_unchanged(diff_lines("a\n", "a\n"))), (Picture{" a"}));
    EXPECT_TRUE(collapse_unchanged({}).empty());
}

TEST(CollapseUnchanged, HonoursTheContextSize) {
    const auto diff = diff_lines("1\n2\n3\nx\n4\n5\n6\n", "1\n2\n3\ny\n4\n5\n6\n");
    EXPECT_EQ(picture(collapse_unchanged(diff, 0)), (Picture{"~3", "-x", "+y", "~3"}));
    EXPECT_EQ(picture(collapse_unchanged(diff, -2)), (Picture{"~3", "-x", "+y", "~3"}));
    EXPECT_EQ(picture(collapse_unchanged(diff, 1)), (Picture{"~2", " 3", "-x", "+y", " 4", "~2"}));
    EXPECT_EQ(collapse_unchanged(diff, 10).size(), diff.size());
}

}  // namespace
}  // namespace comptoir::text
