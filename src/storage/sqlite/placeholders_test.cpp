#include "storage/sqlite/placeholders.hpp"

#include <gtest/gtest.h>

namespace comptoir::storage::sqlite {
namespace {

TEST(TranslatePlaceholders, RewritesNumberedPlaceholders) {
    EXPECT_EQ(translate_placeholders("SELECT a FROM t WHERE b = $1 AND c = $2"),
              "SELECT a FROM t WHERE b = ?1 AND c = ?2");
}

TEST(TranslatePlaceholders, KeepsNumbersReusedAndOutOfOrder) {
    EXPECT_EQ(translate_placeholders("VALUES ($2, $1, $2)"), "VALUES (?2, ?1, ?2)");
    EXPECT_EQ(translate_placeholders("x=$12,y=$3"), "x=?12,y=?3");
}

TEST(TranslatePlaceholders, LeavesStringLiteralsAlone) {
    EXPECT_EQ(translate_placeholders("SELECT '$1', $1"), "SELECT '$1', ?1");
    EXPECT_EQ(translate_placeholders("SELECT 'it''s $1', $2"), "SELECT 'it''s $1', ?2");
}

TEST(TranslatePlaceholders, LeavesQuotedIdentifiersAlone) {
    EXPECT_EQ(translate_placeholders(R"(SELECT "$1", `$2`, [$3], $4)"), R"(SELECT "$1", `$2`, [$3], ?4)");
    EXPECT_EQ(translate_placeholders(R"(SELECT "a""$1", $1)"), R"(SELECT "a""$1", ?1)");
}

TEST(TranslatePlaceholders, LeavesCommentsAlone) {
    EXPECT_EQ(translate_placeholders("SELECT $1 -- uses $2\n, $3"), "SELECT ?1 -- uses $2\n, ?3");
    EXPECT_EQ(translate_placeholders("SELECT /* $1 */ $2"), "SELECT /* $1 */ ?2");
    EXPECT_EQ(translate_placeholders("SELECT $1 -- trailing $2"), "SELECT ?1 -- trailing $2");
}

TEST(TranslatePlaceholders, LeavesOtherDollarsAlone) {
    // `$name` is a SQLite named parameter and a bare `$` is not a placeholder.
    EXPECT_EQ(translate_placeholders("SELECT $name, $, 5$"), "SELECT $name, $, 5$");
    EXPECT_EQ(translate_placeholders("SELECT $"), "SELECT $");
}

TEST(TranslatePlaceholders, SurvivesUnterminatedQuotesAndComments) {
    EXPECT_EQ(translate_placeholders("SELECT '$1"), "SELECT '$1");
    EXPECT_EQ(translate_placeholders("SELECT /* $1"), "SELECT /* $1");
    EXPECT_EQ(translate_placeholders("SELECT \"$1"), "SELECT \"$1");
    EXPECT_EQ(translate_placeholders(""), "");
}

TEST(TranslatePlaceholders, KeepsNonAsciiText) {
    EXPECT_EQ(translate_placeholders("SELECT 'é$1', $1 -- ünï\n"), "SELECT 'é$1', ?1 -- ünï\n");
}

}  // namespace
}  // namespace comptoir::storage::sqlite
