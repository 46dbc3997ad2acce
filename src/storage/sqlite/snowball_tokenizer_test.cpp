// The FTS5 tokenizer `comptoir_snowball <language>` on an in-memory SQLite
// database: stems and folds as PostgreSQL's comptoir_en/comptoir_fr
// configurations do (the expected stems below are PostgreSQL's answers for
// to_tsvector('comptoir_fr'/'comptoir_en', word)), drops the same stop
// words, keeps prefix queries usable, and refuses unknown languages.
#include "storage/sqlite/snowball_tokenizer.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "storage/database.hpp"
#include "storage/test_support.hpp"

namespace comptoir::storage::sqlite {
namespace {

class SnowballTokenizerTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK);
        ASSERT_EQ(register_snowball_tokenizer(db_), SQLITE_OK);
    }
    void TearDown() override { sqlite3_close(db_); }

    /// Runs statements; returns the SQLite error message, empty on success.
    std::string exec(const std::string& sql) {
        char* message = nullptr;
        int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
        std::string error = rc == SQLITE_OK ? "" : (message ? message : "error");
        sqlite3_free(message);
        return error;
    }

    /// The first column of every row of `sql`, with `param` bound to ?1 when given.
    std::vector<std::string> column(const std::string& sql, const std::string* param = nullptr) {
        sqlite3_stmt* stmt = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sqlite3_errmsg(db_);
        if (param) sqlite3_bind_text(stmt, 1, param->data(), static_cast<int>(param->size()), SQLITE_TRANSIENT);
        std::vector<std::string> out;
        int rc;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
            out.emplace_back(text ? text : "");
        }
        EXPECT_EQ(rc, SQLITE_DONE) << sqlite3_errmsg(db_);
        sqlite3_finalize(stmt);
        return out;
    }

    /// The index terms of `text` in a fresh table tokenized for `language`, in order.
    std::vector<std::string> terms(const std::string& language, const std::string& text) {
        exec("DROP TABLE IF EXISTS probe; DROP TABLE IF EXISTS probe_vocab;");
        EXPECT_EQ(exec("CREATE VIRTUAL TABLE probe USING fts5(body, tokenize='comptoir_snowball " + language + "');" +
                       "CREATE VIRTUAL TABLE probe_vocab USING fts5vocab(probe, 'instance');"),
                  "");
        sqlite3_stmt* stmt = nullptr;
        sqlite3_prepare_v2(db_, "INSERT INTO probe (body) VALUES (?1)", -1, &stmt, nullptr);
        sqlite3_bind_text(stmt, 1, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
        EXPECT_EQ(sqlite3_step(stmt), SQLITE_DONE);
        sqlite3_finalize(stmt);
        return column("SELECT term FROM probe_vocab ORDER BY offset");
    }

    /// Rowids of `table` matching the FTS5 expression `match`.
    std::vector<std::string> matches(const std::string& table, const std::string& match) {
        return column("SELECT rowid FROM " + table + " WHERE " + table + " MATCH ?1 ORDER BY rowid", &match);
    }

    sqlite3* db_ = nullptr;
};

using Stems = std::vector<std::pair<std::string, std::string>>;

TEST_F(SnowballTokenizerTest, FrenchWordsReduceToPostgresStems) {
    const Stems expected = {{"facturation", "factur"},     {"factures", "factur"},      {"développements", "developp"},
                            {"developpement", "developp"}, {"connexion", "connexion"},  {"électricité", "electricit"},
                            {"Électricité", "electricit"}, {"abonnement", "abon"},      {"résiliation", "resili"},
                            {"relevés", "relev"},          {"déménagement", "demenag"}, {"déménager", "demenag"}};
    for (const auto& [word, stem] : expected) EXPECT_EQ(terms("french", word), std::vector{stem}) << word;
}

TEST_F(SnowballTokenizerTest, EnglishWordsReduceToPostgresStems) {
    const Stems expected = {{"passwords", "password"},
                            {"password", "password"},
                            {"billing", "bill"},
                            {"invoices", "invoic"},
                            {"running", "run"},
                            {"connection", "connect"},
                            {"subscriptions", "subscript"},
                            {"electricity", "electr"},
                            {"readings", "read"},
                            {"moving", "move"},
                            {"dry", "dri"},
                            {"café", "cafe"}};
    for (const auto& [word, stem] : expected) EXPECT_EQ(terms("english", word), std::vector{stem}) << word;
}

TEST_F(SnowballTokenizerTest, DropsTheStopWordsPostgresDrops) {
    // PostgreSQL: to_tsvector('comptoir_fr', 'les mots de passe') = 'le':1 'mot':2 'pass':4 ("les" is no stop word).
    EXPECT_EQ(terms("french", "les mots de passe"), (std::vector<std::string>{"le", "mot", "pass"}));
    // Accented entries of french.stop never match after unaccent there: "à" and "été" stay.
    EXPECT_EQ(terms("french", "à été même"), (std::vector<std::string>{"a", "ete", "mem"}));
    EXPECT_EQ(terms("english", "The passwords of a user"), (std::vector<std::string>{"password", "user"}));
    EXPECT_EQ(terms("english", "don't"), std::vector<std::string>{});
}

TEST_F(SnowballTokenizerTest, QueriesAreStemmedAndFoldedLikeDocuments) {
    ASSERT_EQ(exec("CREATE VIRTUAL TABLE fr USING fts5(body, tokenize='comptoir_snowball french');"
                   "INSERT INTO fr (rowid, body) VALUES (1, 'La facturation mensuelle'), "
                   "(2, 'Panne d''électricité'), (3, 'Les développements récents'), (4, 'Mot de passe oublié');"),
              "");
    EXPECT_EQ(matches("fr", "\"factures\""), std::vector<std::string>{"1"});
    EXPECT_EQ(matches("fr", "\"electricite\""), std::vector<std::string>{"2"});
    EXPECT_EQ(matches("fr", "\"ÉLECTRICITÉ\""), std::vector<std::string>{"2"});
    EXPECT_EQ(matches("fr", "\"developpement\""), std::vector<std::string>{"3"});
    EXPECT_EQ(matches("fr", "\"mots\" AND \"passe\""), std::vector<std::string>{"4"});
    EXPECT_EQ(matches("fr", "\"abonnement\""), std::vector<std::string>{});
}

// A phrase without tokens makes an FTS5 AND match nothing, where PostgreSQL's
// to_tsquery ignores stop words: comptoir_snowball_indexed() says which query
// words to keep.
TEST_F(SnowballTokenizerTest, ReportsWhichQueryWordsAreIndexed) {
    ASSERT_EQ(exec("CREATE VIRTUAL TABLE fr USING fts5(body, tokenize='comptoir_snowball french');"
                   "INSERT INTO fr (rowid, body) VALUES (1, 'Mot de passe oublié'), (2, 'Facture');"),
              "");
    EXPECT_EQ(matches("fr", "\"de\" AND \"passe\""), std::vector<std::string>{});
    EXPECT_EQ(column("SELECT comptoir_snowball_indexed('french', 'mots de passe')"),
              std::vector<std::string>{"mots passe"});
    EXPECT_EQ(column("SELECT comptoir_snowball_indexed('english', 'how to reset the password')"),
              std::vector<std::string>{"reset password"});
    EXPECT_EQ(column("SELECT comptoir_snowball_indexed('english', 'the of')"), std::vector<std::string>{""});
    EXPECT_EQ(column("SELECT comptoir_snowball_indexed('english', '')"), std::vector<std::string>{""});
    EXPECT_NE(exec("SELECT comptoir_snowball_indexed('klingon', 'word')"), "");
}

TEST_F(SnowballTokenizerTest, PrefixQueriesKeepThePrefixAndTryItsStem) {
    ASSERT_EQ(exec("CREATE VIRTUAL TABLE en USING fts5(body, tokenize='comptoir_snowball english');"
                   "INSERT INTO en (rowid, body) VALUES (1, 'dry'), (2, 'dryness'), (3, 'Invoices'), (4, 'running');"
                   "CREATE VIRTUAL TABLE fr USING fts5(body, tokenize='comptoir_snowball french');"
                   "INSERT INTO fr (rowid, body) VALUES (1, 'Facturation'), (2, 'Factures impayées');"),
              "");
    // "dry" is indexed as its stem "dri": only the stemmed alternative finds it;
    // "dryness" stays "dryness": only the unstemmed prefix finds it.
    EXPECT_EQ(matches("en", "\"dry\"*"), (std::vector<std::string>{"1", "2"}));
    EXPECT_EQ(matches("en", "\"invo\"*"), std::vector<std::string>{"3"});
    EXPECT_EQ(matches("en", "\"runn\"*"), std::vector<std::string>{});  // "running" is indexed as "run"
    EXPECT_EQ(matches("en", "\"running\"*"), std::vector<std::string>{"4"});
    EXPECT_EQ(matches("fr", "\"factu\"*"), (std::vector<std::string>{"1", "2"}));
    EXPECT_EQ(matches("fr", "\"facturation\"*"), (std::vector<std::string>{"1", "2"}));
}

TEST_F(SnowballTokenizerTest, EachTableStemsInItsOwnLanguage) {
    ASSERT_EQ(exec("CREATE VIRTUAL TABLE en USING fts5(body, tokenize='comptoir_snowball english');"
                   "CREATE VIRTUAL TABLE fr USING fts5(body, tokenize='comptoir_snowball french');"
                   "INSERT INTO en (rowid, body) VALUES (1, 'connections');"
                   "INSERT INTO fr (rowid, body) VALUES (1, 'connections');"),
              "");
    EXPECT_EQ(matches("en", "\"connected\""), std::vector<std::string>{"1"});  // connect
    EXPECT_EQ(matches("fr", "\"connected\""), std::vector<std::string>{});     // connect vs connected
}

TEST_F(SnowballTokenizerTest, RefusesAnUnknownOrMissingLanguage) {
    EXPECT_NE(exec("CREATE VIRTUAL TABLE k USING fts5(body, tokenize='comptoir_snowball klingon')").find("tokenizer"),
              std::string::npos);
    EXPECT_NE(exec("CREATE VIRTUAL TABLE k USING fts5(body, tokenize='comptoir_snowball')"), "");
    EXPECT_NE(exec("CREATE VIRTUAL TABLE k USING fts5(body, tokenize='comptoir_snowball english french')"), "");
}

TEST_F(SnowballTokenizerTest, LongAndOddInputsDoNotBreakIt) {
    ASSERT_EQ(exec("CREATE VIRTUAL TABLE en USING fts5(body, tokenize='comptoir_snowball english');"), "");
    std::string long_word(100000, 'a');
    std::string odd = "\xff\xfe broken \xc3 utf-8 ☃ 🙂 " + long_word;
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db_, "INSERT INTO en (rowid, body) VALUES (1, ?1)", -1, &stmt, nullptr);
    sqlite3_bind_text(stmt, 1, odd.data(), static_cast<int>(odd.size()), SQLITE_TRANSIENT);
    EXPECT_EQ(sqlite3_step(stmt), SQLITE_DONE);
    sqlite3_finalize(stmt);
    EXPECT_EQ(matches("en", "\"broken\""), std::vector<std::string>{"1"});
    EXPECT_EQ(matches("en", "\"" + long_word + "\""), std::vector<std::string>{"1"});
}

// Every connection of the SQLite backend has the tokenizer: the writer that
// creates and fills the table, and the readers that query it.
TEST(SnowballTokenizerOnDatabase, EveryPooledConnectionHasIt) {
    auto dir = test_support::make_temp_dir("comptoir_snowball");
    {
        DatabaseOptions options;
        options.url = "sqlite:" + (dir / "test.db").string();
        auto db = open_database(options);
        ASSERT_TRUE(db) << db.error().internal_detail;
        {
            auto tx = (*db)->write();
            ASSERT_TRUE(tx);
            ASSERT_TRUE(
                tx->exec_script("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='comptoir_snowball french');"
                                "INSERT INTO t (rowid, body) VALUES (7, 'Télécharger vos factures');"));
            ASSERT_TRUE(tx->commit());
        }
        std::vector<Transaction> readers;  // held together: three reader connections
        for (int i = 0; i < 3; ++i) {
            auto tx = (*db)->read();
            ASSERT_TRUE(tx);
            readers.push_back(std::move(*tx));
        }
        for (auto& tx : readers) {
            auto rows = tx.query_with("SELECT rowid FROM t WHERE t MATCH $1", std::string("\"facturation\""));
            ASSERT_TRUE(rows) << rows.error().internal_detail;
            ASSERT_EQ(rows->rows.size(), 1u);
            EXPECT_EQ(rows->one().get<std::int64_t>(0), 7);
        }
    }
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace comptoir::storage::sqlite
