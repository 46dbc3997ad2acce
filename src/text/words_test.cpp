#include "text/words.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace comptoir::text {
namespace {

using Words = std::vector<std::string>;

TEST(Fold, LowerCasesAndRemovesAccents) {
    EXPECT_EQ(fold("Été À Ça Ô Ñandú"), "ete a ca o nandu");
    EXPECT_EQ(fold("FACTURATION"), "facturation");
    EXPECT_EQ(fold("Привет ЁЖ"), "привет еж");
    EXPECT_EQ(fold("İstanbul"), "istanbul");
}

TEST(Fold, KeepsLettersThatAreNotAccentedLetters) {
    // Like SQLite's unicode61 remove_diacritics: ligatures and letters of their own stay.
    EXPECT_EQ(fold("Œuvre Ærø Straße"), "œuvre ærø straße");
}

TEST(Fold, DecomposesCompatibilityCharacters) { EXPECT_EQ(fold("ﬁchier Ｗｉｆｉ"), "fichier wifi"); }

TEST(Fold, KeepsTheMarksOfOtherScripts) {
    EXPECT_EQ(fold("हिन्दी"), "हिन्दी");  // vowel signs and virama are part of the word
}

TEST(Fold, ReplacesInvalidUtf8) {
    EXPECT_EQ(fold("A\xFF"), "a\xEF\xBF\xBD");
    EXPECT_EQ(fold(""), "");
}

TEST(Words, SplitsFoldedTextIntoWords) {
    EXPECT_EQ(words("Télécharger une facture (PDF) : c'est simple, l'état-major!"),
              (Words{"telecharger", "une", "facture", "pdf", "est", "simple", "etat", "major"}));
}

TEST(Words, KeepsRepeatsInOrder) {
    EXPECT_EQ(words("Facture, facture, FACTURE"), (Words{"facture", "facture", "facture"}));
}

TEST(Words, KeepsWordsOfTwoToFortyCharacters) {
    const std::string forty(40, 'a');
    const std::string forty_one(41, 'b');
    EXPECT_EQ(words("a de " + forty + " " + forty_one + " ok"), (Words{"de", forty, "ok"}));
    EXPECT_EQ(words("é ée"), (Words{"ee"}));  // counted in characters, not bytes
}

TEST(Words, DropsNumbersButKeepsWordsWithDigits) {
    EXPECT_EQ(words("Facture 2024 n° 42 du routeur h264 mp3 3g"),
              (Words{"facture", "du", "routeur", "h264", "mp3", "3g"}));
}

TEST(Words, ReadsOtherScripts) {
    EXPECT_EQ(words("Привет, мир!"), (Words{"привет", "мир"}));
    EXPECT_EQ(words("日本語 テキスト"), (Words{"日本語", "テキスト"}));
    EXPECT_EQ(words("हिन्दी भाषा"), (Words{"हिन्दी", "भाषा"}));
}

TEST(Words, SurvivesHostileInput) {
    EXPECT_TRUE(words("").empty());
    EXPECT_TRUE(words("!!! ... 123 — 🔑").empty());
    EXPECT_EQ(words("ab\xFF"
                    "cd\xC3"),
              (Words{"ab", "cd"}));
    EXPECT_EQ(words(std::string("ab\0cd", 5)), (Words{"ab", "cd"}));
}

TEST(EditDistance, CountsOneForEachEdit) {
    EXPECT_EQ(edit_distance("facturaton", "facturation", 3), 1);   // insertion
    EXPECT_EQ(edit_distance("facturation", "facturaton", 3), 1);   // deletion
    EXPECT_EQ(edit_distance("facturation", "facturatoin", 3), 1);  // transposition
    EXPECT_EQ(edit_distance("facturation", "facturetion", 3), 1);  // substitution
    EXPECT_EQ(edit_distance("facturation", "facturation", 3), 0);
    EXPECT_EQ(edit_distance("kitten", "sitting", 5), 3);
    EXPECT_EQ(edit_distance("ca", "abc", 5), 3);  // optimal string alignment: no edit of a transposed pair
}

TEST(EditDistance, CountsCharactersNotBytes) {
    EXPECT_EQ(edit_distance("été", "ete", 5), 2);
    EXPECT_EQ(edit_distance("日本", "本日", 5), 1);
    EXPECT_EQ(edit_distance("🔑a", "a", 5), 1);
}

TEST(EditDistance, StopsAboveTheLimit) {
    EXPECT_EQ(edit_distance("facturation", "abonnement", 2), 3);
    EXPECT_EQ(edit_distance("a", "abcdefgh", 2), 3);  // lengths alone decide
    EXPECT_EQ(edit_distance("abc", "abd", 0), 1);
    EXPECT_EQ(edit_distance("abc", "abc", 0), 0);
    EXPECT_EQ(edit_distance("abc", "abd", -5), 1);  // a negative limit is 0
    EXPECT_EQ(edit_distance("abc", "xyz", 1000000), 3);
    EXPECT_EQ(edit_distance("abc", "xyz", INT32_MAX), 3);
}

TEST(EditDistance, HandlesEmptyAndInvalidInput) {
    EXPECT_EQ(edit_distance("", "", 3), 0);
    EXPECT_EQ(edit_distance("", "abc", 3), 3);
    EXPECT_EQ(edit_distance("abc", "", 2), 3);
    EXPECT_EQ(edit_distance("a\xFF", "a\xFE", 3), 0);  // both U+FFFD
}

/// Full-table optimal string alignment on bytes (ASCII tests only).
int reference_distance(const std::string& a, const std::string& b) {
    std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}

TEST(EditDistance, AgreesWithTheFullTableWithinTheLimit) {
    std::mt19937 random(7);
    const auto random_word = [&] {
        std::string word(random() % 9, 'a');
        for (auto& c : word) c = static_cast<char>('a' + random() % 3);
        return word;
    };
    for (int round = 0; round < 3000; ++round) {
        const std::string a = random_word(), b = random_word();
        const int limit = static_cast<int>(random() % 6);
        const int expected = std::min(reference_distance(a, b), limit + 1);
        EXPECT_EQ(edit_distance(a, b, limit), expected) << a << " / " << b << " limit " << limit;
    }
}

TEST(Lower, LowerCasesEveryScriptAndKeepsAccents) {
    EXPECT_EQ(lower("ÉLODIE Çà SOCIÉTÉ ΣΟΦΊΑ"), "élodie çà société σοφία");
    EXPECT_EQ(lower("abc 123"), "abc 123");
}

TEST(LikeContains, LowerCasesAndEscapesTheWildcards) {
    EXPECT_EQ(like_contains("ÉLO"), "%élo%");
    EXPECT_EQ(like_contains("50%_a\\b"), "%50\\%\\_a\\\\b%");
    EXPECT_EQ(like_contains(""), "%%");
}

}  // namespace
}  // namespace comptoir::text
