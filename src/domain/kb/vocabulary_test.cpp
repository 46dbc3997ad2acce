// update_vocabulary on SQLite and PostgreSQL (skipped without
// COMPTOIR_TEST_PG_URL unless COMPTOIR_TEST_REQUIRE_PG=1): the typo
// vocabulary counts, per language, in how many translations each folded word
// occurs, following every save and deletion.
#include "domain/kb/vocabulary.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "domain/test_support.hpp"

namespace comptoir::kb {
namespace {

using storage::Backend;
using test::must;

class VocabularyTest : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        if (!database_.open(GetParam())) GTEST_SKIP() << "COMPTOIR_TEST_PG_URL is not set";
    }

    void update(std::string_view language, std::string_view old_text, std::string_view new_text) {
        auto tx = must(database_.db().write());
        must(update_vocabulary(tx, language, old_text, new_text));
        must(tx.commit());
    }

    /// word → documents for one language.
    std::map<std::string, std::int64_t> words(const std::string& language) {
        std::map<std::string, std::int64_t> out;
        for (const auto& row :
             database_.select("SELECT word, documents FROM kb_vocabulary WHERE language = $1", language).rows)
            out[row.get<std::string>(0)] = row.get<std::int64_t>(1);
        return out;
    }

    test::TestDatabase database_;
};

using Counts = std::map<std::string, std::int64_t>;

TEST_P(VocabularyTest, CountsFoldedWordsOncePerText) {
    update("fr", "", "Électricité : l'électricité, ELECTRICITE et factures; facture 2024");
    EXPECT_EQ(words("fr"), (Counts{{"electricite", 1}, {"et", 1}, {"factures", 1}, {"facture", 1}}));
    EXPECT_EQ(words("en"), Counts{});
}

TEST_P(VocabularyTest, CountsTranslationsPerLanguage) {
    update("en", "", "Download an invoice");
    update("en", "", "Pay an invoice");
    update("fr", "", "invoice");
    EXPECT_EQ(words("en"), (Counts{{"an", 2}, {"download", 1}, {"invoice", 2}, {"pay", 1}}));
    EXPECT_EQ(words("fr"), (Counts{{"invoice", 1}}));
}

TEST_P(VocabularyTest, MovesCountsWhenATextChangesAndForgetsUnusedWords) {
    update("en", "", "Download an invoice");
    update("en", "", "Pay an invoice");
    update("en", "Download an invoice", "Upload an invoice");
    EXPECT_EQ(words("en"), (Counts{{"an", 2}, {"invoice", 2}, {"pay", 1}, {"upload", 1}}));
    // A deleted translation gives its words back.
    update("en", "Pay an invoice", "");
    EXPECT_EQ(words("en"), (Counts{{"an", 1}, {"invoice", 1}, {"upload", 1}}));
    // Saving the same text again changes nothing.
    update("en", "Upload an invoice", "upload AN Invoice");
    EXPECT_EQ(words("en"), (Counts{{"an", 1}, {"invoice", 1}, {"upload", 1}}));
}

TEST_P(VocabularyTest, HandlesLongTextsInBatches) {
    // 150 distinct words: batches of 64, 8 and 1 all run.
    std::string text;
    Counts expected;
    for (int i = 0; i < 150; ++i) {
        std::string word = "w";
        word += static_cast<char>('a' + i / 26);
        word += static_cast<char>('a' + i % 26);
        text += word + " ";
        expected[word] = 1;
    }
    update("en", "", text);
    EXPECT_EQ(words("en"), expected);
    update("en", "", "wba wzz");  // one known word, one new
    expected["wba"] = 2;
    expected["wzz"] = 1;
    EXPECT_EQ(words("en"), expected);
    update("en", text, "");
    EXPECT_EQ(words("en"), (Counts{{"wba", 1}, {"wzz", 1}}));
}

TEST_P(VocabularyTest, AnUnknownOldTextDoesNotGoNegative) {
    // A translation indexed before the vocabulary existed: its words were never counted.
    update("en", "never counted words", "");
    EXPECT_EQ(words("en"), Counts{});
    update("en", "", "counted");
    update("en", "counted twice", "");
    EXPECT_EQ(words("en"), Counts{});
}

INSTANTIATE_TEST_SUITE_P(Backends, VocabularyTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         test::backend_name);

}  // namespace
}  // namespace comptoir::kb
