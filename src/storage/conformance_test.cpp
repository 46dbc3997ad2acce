// The storage conformance suite: every test runs on SQLite (a temporary file)
// and on PostgreSQL (a fresh schema on the server named by
// COMPTOIR_TEST_PG_URL). Without that variable the PostgreSQL cases are
// skipped, unless COMPTOIR_TEST_REQUIRE_PG=1, when they fail.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <thread>

#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "storage/test_support.hpp"

namespace comptoir::storage {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string describe(const Error& e) {
    return std::string(to_string(e.code)) + ": " + e.public_message + " / " + e.internal_detail;
}

std::unique_ptr<Database> open_or_throw(const std::string& url, int pool_size = 8, int timeout_ms = 5000) {
    DatabaseOptions options;
    options.url = url;
    options.pool_size = pool_size;
    options.busy_timeout_ms = timeout_ms;
    auto db = open_database(options);
    if (!db) throw std::runtime_error("open_database: " + describe(db.error()));
    return std::move(*db);
}

Transaction must(Result<Transaction> tx) {
    if (!tx) throw std::runtime_error("begin: " + describe(tx.error()));
    return std::move(*tx);
}

template <class... Args>
ResultSet run(Transaction& tx, std::string_view sql, Args&&... args) {
    auto r = tx.query_with(sql, std::forward<Args>(args)...);
    if (!r) throw std::runtime_error(std::string(sql) + ": " + describe(r.error()));
    return std::move(*r);
}

class Conformance : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        if (GetParam() == Backend::sqlite) {
            dir_ = test_support::make_temp_dir("comptoir_conformance");
            // Nested on purpose: open_database creates the missing parent directories.
            url_ = "sqlite:" + (dir_ / "nested" / "dir" / "test.db").string();
        } else {
            const char* admin = std::getenv("COMPTOIR_TEST_PG_URL");
            if (!admin || !*admin) {
                const char* require = std::getenv("COMPTOIR_TEST_REQUIRE_PG");
                if (require && std::string_view(require) == "1")
                    FAIL() << "COMPTOIR_TEST_REQUIRE_PG=1 but COMPTOIR_TEST_PG_URL is not set "
                              "(eval \"$(scripts/test-services start DIR)\")";
                GTEST_SKIP() << "COMPTOIR_TEST_PG_URL is not set";
            }
            admin_url_ = admin;
            // A schema of its own per test: no state shared between tests or runs.
            std::string schema = "comptoir_test_" + test_support::random_suffix();
            auto admin_db = open_or_throw(admin_url_, 1);
            auto tx = must(admin_db->write());
            run(tx, "CREATE SCHEMA " + schema);
            ASSERT_TRUE(tx.commit());
            schema_ = schema;
            url_ = admin_url_ + (admin_url_.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
                   schema_;
        }
        db_ = open_or_throw(url_);
    }

    void TearDown() override {
        db_.reset();
        if (!dir_.empty()) fs::remove_all(dir_);
        if (!schema_.empty()) {
            auto admin_db = open_or_throw(admin_url_, 1);
            auto tx = must(admin_db->write());
            run(tx, "DROP SCHEMA " + schema_ + " CASCADE");
            EXPECT_TRUE(tx.commit());
        }
    }

    bool postgres() const { return GetParam() == Backend::postgres; }

    void apply_schema() {
        auto migrations = load_migrations(test_support::source_root() / "migrations", GetParam());
        ASSERT_TRUE(migrations) << describe(migrations.error());
        auto applied = migrate(*db_, *migrations);
        ASSERT_TRUE(applied) << describe(applied.error());
    }

    template <class... Args>
    ResultSet write(std::string_view sql, Args&&... args) {
        auto tx = must(db_->write());
        auto rs = run(tx, sql, std::forward<Args>(args)...);
        auto committed = tx.commit();
        if (!committed) throw std::runtime_error("commit: " + describe(committed.error()));
        return rs;
    }

    std::int64_t count(std::string_view table) {
        auto tx = must(db_->read());
        return run(tx, "SELECT COUNT(*) FROM " + std::string(table)).one().get<std::int64_t>(0);
    }

    // A committed write that must fail: returns its error.
    template <class... Args>
    Error write_error(std::string_view sql, Args&&... args) {
        auto tx = must(db_->write());
        auto r = tx.query_with(sql, std::forward<Args>(args)...);
        EXPECT_FALSE(r) << sql;
        return r ? Error{} : r.error();
    }

    std::int64_t add_organisation(const std::string& slug) {
        return write("INSERT INTO organisations (slug, name, created_at) VALUES ($1, $2, $3) RETURNING id", slug,
                     "Org " + slug, std::int64_t{1700000000})
            .one()
            .get<std::int64_t>(0);
    }

    fs::path dir_;
    std::string admin_url_;
    std::string schema_;
    std::string url_;
    std::unique_ptr<Database> db_;
};

TEST_P(Conformance, ReportsItsBackendAndAnswersPing) {
    EXPECT_EQ(db_->backend(), GetParam());
    auto ping = db_->ping();
    EXPECT_TRUE(ping) << describe(ping.error());
}

TEST_P(Conformance, LowerCasesEveryLetterOnBothBackends) {
    // SQLite's own lower() knows ASCII only; the backend replaces it.
    auto tx = must(db_->read());
    auto r = run(tx, "SELECT LOWER($1), LOWER(CAST(NULL AS TEXT)) IS NULL", std::string("ÉLODIE Çà ΣΟΦΊΑ abc"));
    EXPECT_EQ(r.one().get<std::string>(0), "élodie çà σοφία abc");
    EXPECT_TRUE(r.one().get<bool>(1));
}

TEST_P(Conformance, TypedRoundTripOfEveryValueKind) {
    write("CREATE TABLE kinds (k INTEGER NOT NULL, i BIGINT, d DOUBLE PRECISION, s TEXT)");
    const std::string unicode = "héllo — 日本語 🎉 'single' \"double\" \\back";
    const std::int64_t max = std::numeric_limits<std::int64_t>::max();
    const std::int64_t min = std::numeric_limits<std::int64_t>::min();
    const std::int64_t beyond_double = 9007199254740993;  // 2^53 + 1: lost if it ever passes through a double
    {
        auto tx = must(db_->write());
        const char* insert = "INSERT INTO kinds (k, i, d, s) VALUES ($1, $2, $3, $4)";
        EXPECT_EQ(run(tx, insert, 1, max, 3.25, unicode).affected, 1);
        run(tx, insert, 2, min, -1e300, std::string());
        run(tx, insert, 3, beyond_double, 0.1, "line\nbreak\ttab");
        run(tx, insert, 4, std::monostate{}, std::optional<double>{}, std::optional<std::string>{});
        ASSERT_TRUE(tx.commit());
    }
    auto tx = must(db_->read());
    auto rs = run(tx, "SELECT k, i, d, s FROM kinds ORDER BY k");
    EXPECT_EQ(rs.columns, (std::vector<std::string>{"k", "i", "d", "s"}));
    ASSERT_EQ(rs.rows.size(), 4u);
    EXPECT_EQ(rs.rows[0].raw(1), Value(max));
    EXPECT_EQ(rs.rows[0].raw(2), Value(3.25));
    EXPECT_EQ(rs.rows[0].raw(3), Value(unicode));
    EXPECT_EQ(rs.rows[1].raw(1), Value(min));
    EXPECT_EQ(rs.rows[1].raw(2), Value(-1e300));
    EXPECT_EQ(rs.rows[1].raw(3), Value(std::string()));  // empty text is not NULL
    EXPECT_EQ(rs.rows[2].raw(1), Value(beyond_double));
    EXPECT_EQ(rs.rows[2].raw(2), Value(0.1));
    EXPECT_EQ(rs.rows[2].get<std::string>(3), "line\nbreak\ttab");
    for (std::size_t c = 1; c < 4; ++c) EXPECT_TRUE(rs.rows[3].is_null(c)) << c;
    EXPECT_EQ(rs.rows[3].get_opt<std::string>(3), std::nullopt);
    // Unicode also round-trips as a bound parameter in a WHERE clause.
    EXPECT_EQ(run(tx, "SELECT k FROM kinds WHERE s = $1", unicode).one().get<std::int64_t>(0), 1);
}

TEST_P(Conformance, PlaceholdersMayBeReusedAndOutOfOrder) {
    write("CREATE TABLE p (a BIGINT, b TEXT)");
    write("INSERT INTO p (a, b) VALUES ($2, $1)", "x", 5);
    auto tx = must(db_->read());
    auto rs = run(tx, "SELECT '$1' AS lit, b FROM p WHERE a = $1 AND a >= $1", 5);
    ASSERT_EQ(rs.rows.size(), 1u);
    EXPECT_EQ(rs.one().get<std::string>(0), "$1");  // inside a literal: not a placeholder
    EXPECT_EQ(rs.one().get<std::string>(1), "x");
    EXPECT_TRUE(run(tx, "SELECT b FROM p WHERE a = $1 AND a >= $1", 6).empty());
}

TEST_P(Conformance, WrongParameterCountIsAnErrorNotACrash) {
    write("CREATE TABLE p (a BIGINT, b TEXT)");
    auto tx = must(db_->write());
    auto too_few = tx.query("INSERT INTO p (a, b) VALUES ($1, $2)", std::vector<Value>{std::int64_t{1}});
    ASSERT_FALSE(too_few);
    EXPECT_EQ(too_few.error().code, ErrorCode::internal);
    EXPECT_NE(too_few.error().internal_detail.find("expects 2 parameters, got 1"), std::string::npos)
        << too_few.error().internal_detail;
}

TEST_P(Conformance, QueryTakesOneStatementAndExecScriptSeveral) {
    {
        auto tx = must(db_->write());
        EXPECT_FALSE(tx.query("SELECT 1; SELECT 2"));
    }
    auto tx = must(db_->write());
    auto script = tx.exec_script("CREATE TABLE x (a INTEGER); INSERT INTO x VALUES (1); INSERT INTO x VALUES (2);");
    ASSERT_TRUE(script) << describe(script.error());
    ASSERT_TRUE(tx.commit());
    EXPECT_EQ(count("x"), 2);
}

TEST_P(Conformance, InsertReturningGivesNewIds) {
    apply_schema();
    auto first = add_organisation("acme");
    auto second = add_organisation("globex");
    EXPECT_GT(first, 0);
    EXPECT_GT(second, first);
    auto user = write(
        "INSERT INTO users (organisation_id, email, display_name, role, created_at) "
        "VALUES ($1, $2, $3, 'customer', $4) RETURNING id, language, time_zone, active, sees_organisation",
        first, "zoe@acme.example", "Zoé", std::int64_t{1700000000});
    ASSERT_EQ(user.rows.size(), 1u);
    EXPECT_GT(user.one().get<std::int64_t>(0), 0);
    EXPECT_EQ(user.one().get<std::string>(1), "en");  // defaults from the schema
    EXPECT_EQ(user.one().get<std::string>(2), "UTC");
    EXPECT_TRUE(user.one().get<bool>(3));
    EXPECT_FALSE(user.one().get<bool>(4));
}

TEST_P(Conformance, OnConflictDoNothingSkipsTheDuplicate) {
    apply_schema();
    const char* insert =
        "INSERT INTO organisations (slug, name, created_at) VALUES ($1, 'Acme', 1) ON CONFLICT DO NOTHING RETURNING id";
    auto first = write(insert, "acme");
    EXPECT_EQ(first.affected, 1);
    EXPECT_EQ(first.rows.size(), 1u);
    auto again = write(insert, "acme");
    EXPECT_EQ(again.affected, 0);
    EXPECT_TRUE(again.rows.empty());
    auto targeted = write(
        "INSERT INTO organisations (slug, name, created_at) VALUES ($1, 'A', 1) "
        "ON CONFLICT (slug) DO NOTHING",
        "acme");
    EXPECT_EQ(targeted.affected, 0);
    EXPECT_EQ(count("organisations"), 1);
}

TEST_P(Conformance, ConstraintViolationsAreConflicts) {
    apply_schema();
    auto org = add_organisation("acme");
    write(
        "INSERT INTO users (organisation_id, email, display_name, role, created_at) VALUES ($1, $2, 'A', 'customer', "
        "1)",
        org, "a@acme.example");
    struct Case {
        const char* what;
        Error error;
    } cases[] = {
        {"unique slug", write_error("INSERT INTO organisations (slug, name, created_at) VALUES ('acme', 'B', 1)")},
        {"unique email", write_error("INSERT INTO users (organisation_id, email, display_name, role, created_at) "
                                     "VALUES ($1, 'a@acme.example', 'B', 'customer', 1)",
                                     org)},
        {"foreign key", write_error("INSERT INTO users (organisation_id, email, display_name, role, created_at) "
                                    "VALUES (999999, 'b@acme.example', 'B', 'customer', 1)")},
        {"role check", write_error("INSERT INTO users (organisation_id, email, display_name, role, created_at) "
                                   "VALUES ($1, 'c@acme.example', 'C', 'wizard', 1)",
                                   org)},
        {"customer needs an organisation", write_error("INSERT INTO users (email, display_name, role, created_at) "
                                                       "VALUES ('d@acme.example', 'D', 'customer', 1)")},
        {"staff has no organisation", write_error("INSERT INTO users (organisation_id, email, display_name, role, "
                                                  "created_at) VALUES ($1, 'e@op.example', 'E', 'agent', 1)",
                                                  org)},
        {"not null", write_error("INSERT INTO organisations (slug, created_at) VALUES ('x', 1)")},
        {"boolean range", write_error("INSERT INTO users (email, display_name, role, active, created_at) "
                                      "VALUES ('f@op.example', 'F', 'admin', 2, 1)")},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(c.error.code, ErrorCode::conflict) << c.what << ": " << describe(c.error);
        EXPECT_FALSE(c.error.internal_detail.empty()) << c.what;
    }
    EXPECT_EQ(count("organisations"), 1);
    EXPECT_EQ(count("users"), 1);
    // Staff without an organisation is fine.
    write("INSERT INTO users (email, display_name, role, created_at) VALUES ('g@op.example', 'G', 'admin', 1)");
    EXPECT_EQ(count("users"), 2);
}

TEST_P(Conformance, DroppedTransactionRollsBack) {
    write("CREATE TABLE t (a INTEGER)");
    {
        auto tx = must(db_->write());
        run(tx, "INSERT INTO t (a) VALUES (1)");
        EXPECT_EQ(run(tx, "SELECT COUNT(*) FROM t").one().get<std::int64_t>(0), 1);  // visible inside
    }
    EXPECT_EQ(count("t"), 0);
    write("INSERT INTO t (a) VALUES (2)");  // the writer was released
    EXPECT_EQ(count("t"), 1);
}

TEST_P(Conformance, CommitIsVisibleToALaterRead) {
    write("CREATE TABLE t (a INTEGER)");
    auto tx = must(db_->write());
    run(tx, "INSERT INTO t (a) VALUES (7)");
    ASSERT_TRUE(tx.commit());
    EXPECT_FALSE(tx.query("SELECT 1"));  // a committed transaction is finished
    auto reader = must(db_->read());
    EXPECT_EQ(run(reader, "SELECT a FROM t").one().get<std::int64_t>(0), 7);
}

TEST_P(Conformance, ReadTransactionSeesOneSnapshot) {
    write("CREATE TABLE t (a INTEGER)");
    write("INSERT INTO t (a) VALUES (1)");
    auto reader = must(db_->read());
    EXPECT_EQ(run(reader, "SELECT COUNT(*) FROM t").one().get<std::int64_t>(0), 1);
    write("INSERT INTO t (a) VALUES (2)");
    EXPECT_EQ(run(reader, "SELECT COUNT(*) FROM t").one().get<std::int64_t>(0), 1);
    EXPECT_EQ(count("t"), 2);  // a new read sees the commit
}

TEST_P(Conformance, ReadTransactionRefusesWrites) {
    write("CREATE TABLE t (a INTEGER)");
    auto reader = must(db_->read());
    auto r = reader.query_with("INSERT INTO t (a) VALUES (1)");
    EXPECT_FALSE(r);
    EXPECT_EQ(count("t"), 0);
}

TEST_P(Conformance, AffectedCountsChangedRowsOnly) {
    write("CREATE TABLE t (a INTEGER)");
    auto tx = must(db_->write());
    for (int i = 1; i <= 3; ++i) EXPECT_EQ(run(tx, "INSERT INTO t (a) VALUES ($1)", i).affected, 1);
    EXPECT_EQ(run(tx, "UPDATE t SET a = a + 10").affected, 3);
    EXPECT_EQ(run(tx, "SELECT a FROM t").affected, 0);
    EXPECT_EQ(run(tx, "DELETE FROM t WHERE a = $1", 99).affected, 0);
    EXPECT_EQ(run(tx, "DELETE FROM t WHERE a > $1", 11).affected, 2);
}

TEST_P(Conformance, AggregatesAndComparisonsReadTheSameOnBothBackends) {
    write("CREATE TABLE t (a BIGINT, d DOUBLE PRECISION)");
    write("INSERT INTO t (a, d) VALUES (1, 0.5), (2, 0.25), (40, 1)");
    auto tx = must(db_->read());
    auto rs = run(tx, "SELECT COUNT(*), SUM(a), MAX(a), SUM(d), a = 1 FROM t WHERE a = 1 GROUP BY a");
    // SUM(bigint) is numeric on PostgreSQL: integral values still arrive as int64.
    EXPECT_EQ(rs.one().raw(0), Value(std::int64_t{1}));
    EXPECT_EQ(rs.one().raw(1), Value(std::int64_t{1}));
    EXPECT_EQ(rs.one().raw(2), Value(std::int64_t{1}));
    EXPECT_EQ(rs.one().get<double>(3), 0.5);
    EXPECT_TRUE(rs.one().get<bool>(4));  // boolean on PostgreSQL, integer on SQLite
    auto total = run(tx, "SELECT SUM(a) FROM t");
    EXPECT_EQ(total.one().get<std::int64_t>(0), 43);
    EXPECT_TRUE(run(tx, "SELECT SUM(a) FROM t WHERE a < 0").one().is_null(0));
}

TEST_P(Conformance, FreshDatabaseIsAtSchemaVersionZero) {
    auto version = current_schema_version(*db_);
    ASSERT_TRUE(version) << describe(version.error());
    EXPECT_EQ(*version, 0);
}

TEST_P(Conformance, MigrationsApplyOnceAndAreRecorded) {
    auto migrations = load_migrations(test_support::source_root() / "migrations", GetParam());
    ASSERT_TRUE(migrations);
    const auto before =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    auto first = migrate(*db_, *migrations);
    ASSERT_TRUE(first) << describe(first.error());
    EXPECT_EQ(*first, static_cast<int>(migrations->size()));
    auto second = migrate(*db_, *migrations);
    ASSERT_TRUE(second) << describe(second.error());
    EXPECT_EQ(*second, 0);
    EXPECT_EQ(current_schema_version(*db_).value_or(-1), static_cast<int>(migrations->size()));

    auto tx = must(db_->read());
    auto rs = run(tx, "SELECT version, name, applied_at FROM schema_version ORDER BY version");
    ASSERT_EQ(rs.rows.size(), migrations->size());
    EXPECT_EQ(rs.rows[0].get<std::int64_t>(0), 1);
    EXPECT_EQ(rs.rows[0].get<std::string>(1), "0001_accounts");
    EXPECT_GE(rs.rows[0].get<std::int64_t>(2), before);
    EXPECT_LE(rs.rows[0].get<std::int64_t>(2), before + 60);
}

TEST_P(Conformance, MigrateRefusesAGapAndAppliesNothing) {
    std::vector<Migration> migrations = {{1, "0001_a", "CREATE TABLE a (x INTEGER);"},
                                         {3, "0003_c", "CREATE TABLE c (x INTEGER);"}};
    auto r = migrate(*db_, migrations);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().public_message.find("gap"), std::string::npos) << describe(r.error());
    EXPECT_EQ(current_schema_version(*db_).value_or(-1), 0);
}

TEST_P(Conformance, FailingMigrationIsReportedAndNotRecorded) {
    std::vector<Migration> migrations = {
        {1, "0001_good", "CREATE TABLE a (x INTEGER);"},
        {2, "0002_broken", "CREATE TABLE b (x INTEGER);\nINSERT INTO no_such_table VALUES (1);"},
    };
    auto r = migrate(*db_, migrations);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().public_message.find("0002_broken.sql"), std::string::npos) << describe(r.error());
    EXPECT_NE(r.error().internal_detail.find("no_such_table"), std::string::npos) << describe(r.error());
    EXPECT_EQ(current_schema_version(*db_).value_or(-1), 1);
    EXPECT_EQ(count("a"), 0);  // migration 1 stays applied
    {
        auto tx = must(db_->read());
        EXPECT_FALSE(tx.query("SELECT COUNT(*) FROM b"));  // the broken one left nothing behind
    }

    migrations[1].sql = "CREATE TABLE b (x INTEGER);";
    auto fixed = migrate(*db_, migrations);
    ASSERT_TRUE(fixed) << describe(fixed.error());
    EXPECT_EQ(*fixed, 1);
    EXPECT_EQ(count("b"), 0);
}

TEST_P(Conformance, ConcurrentWritersAllSucceedAndCountExactly) {
    write("CREATE TABLE counter (n BIGINT NOT NULL)");
    write("CREATE TABLE events (thread BIGINT NOT NULL, i BIGINT NOT NULL)");
    write("INSERT INTO counter (n) VALUES (0)");
    constexpr int kThreads = 8, kWrites = 50;
    std::atomic<int> failures{0};
    std::string first_failure;
    std::mutex failure_mutex;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kWrites; ++i) {
                auto result = [&]() -> Result<void> {
                    auto tx = db_->write();
                    if (!tx) return std::unexpected(tx.error());
                    if (auto r = tx->query("UPDATE counter SET n = n + 1"); !r) return std::unexpected(r.error());
                    if (auto r = tx->query_with("INSERT INTO events (thread, i) VALUES ($1, $2)", t, i); !r)
                        return std::unexpected(r.error());
                    return tx->commit();
                }();
                if (!result) {
                    std::lock_guard lock(failure_mutex);
                    if (failures++ == 0) first_failure = describe(result.error());
                }
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(failures.load(), 0) << first_failure;
    auto tx = must(db_->read());
    EXPECT_EQ(run(tx, "SELECT n FROM counter").one().get<std::int64_t>(0), kThreads * kWrites);
    EXPECT_EQ(run(tx, "SELECT COUNT(*) FROM events").one().get<std::int64_t>(0), kThreads * kWrites);
}

// Holds `first` on one thread and checks that `second` waits for it instead of failing.
void expect_waits(const std::function<Result<Transaction>()>& begin) {
    std::optional<Result<Transaction>> held(begin());
    ASSERT_TRUE(*held) << describe(held->error());
    std::atomic<bool> done{false};
    Result<void> outcome;
    std::thread waiter([&] {
        auto tx = begin();
        outcome = tx ? Result<void>() : std::unexpected(tx.error());
        done = true;
    });
    std::this_thread::sleep_for(300ms);
    EXPECT_FALSE(done.load()) << "the second transaction did not wait";
    held.reset();
    waiter.join();
    EXPECT_TRUE(outcome) << (outcome ? "" : describe(outcome.error()));
}

TEST_P(Conformance, ExhaustedReaderPoolWaits) {
    auto db = open_or_throw(url_, 1, 10000);
    expect_waits([&] { return db->read(); });
}

TEST_P(Conformance, SecondWriterWaitsForTheFirst) {
    auto db = open_or_throw(url_, 1, 10000);
    expect_waits([&] { return db->write(); });
}

TEST_P(Conformance, ExhaustedPoolTimesOutAsUnavailable) {
    auto db = open_or_throw(url_, 1, 150);
    auto held = must(db->read());
    auto start = std::chrono::steady_clock::now();
    auto second = db->read();
    auto waited = std::chrono::steady_clock::now() - start;
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().code, ErrorCode::unavailable);
    EXPECT_GE(waited, 140ms);
}

TEST_P(Conformance, TransactionOutlivingItsDatabaseIsSafe) {
    write("CREATE TABLE t (a INTEGER)");
    auto tx = must(db_->write());
    db_.reset();
    EXPECT_TRUE(tx.query("INSERT INTO t (a) VALUES (1)"));
    EXPECT_TRUE(tx.commit());
}

TEST_P(Conformance, SqliteConnectionsUseWalFullSyncAndForeignKeys) {
    if (postgres()) GTEST_SKIP() << "SQLite settings";
    auto tx = must(db_->write());
    EXPECT_EQ(run(tx, "PRAGMA journal_mode").one().get<std::string>(0), "wal");
    EXPECT_EQ(run(tx, "PRAGMA synchronous").one().get<std::int64_t>(0), 2);  // FULL
    EXPECT_EQ(run(tx, "PRAGMA foreign_keys").one().get<std::int64_t>(0), 1);
    EXPECT_EQ(run(tx, "PRAGMA busy_timeout").one().get<std::int64_t>(0), 5000);
    auto reader = must(db_->read());
    EXPECT_EQ(run(reader, "PRAGMA foreign_keys").one().get<std::int64_t>(0), 1);
}

TEST_P(Conformance, PostgresReplacesAConnectionTheServerDropped) {
    if (!postgres()) GTEST_SKIP() << "PostgreSQL connection handling";
    auto db = open_or_throw(url_, 1);
    std::int64_t pid = 0;
    {
        auto tx = must(db->read());
        pid = run(tx, "SELECT pg_backend_pid()").one().get<std::int64_t>(0);
    }
    auto admin = open_or_throw(admin_url_, 1);
    {
        auto tx = must(admin->write());
        run(tx, "SELECT pg_terminate_backend($1)", pid);
        ASSERT_TRUE(tx.commit());
    }
    for (int i = 0; i < 100; ++i) {  // termination is asynchronous
        auto tx = must(admin->read());
        if (run(tx, "SELECT COUNT(*) FROM pg_stat_activity WHERE pid = $1", pid).one().get<std::int64_t>(0) == 0) break;
        std::this_thread::sleep_for(50ms);
    }
    auto ping = db->ping();
    EXPECT_TRUE(ping) << describe(ping.error());
    auto tx = must(db->read());
    EXPECT_NE(run(tx, "SELECT pg_backend_pid()").one().get<std::int64_t>(0), pid);
}

INSTANTIATE_TEST_SUITE_P(Backends, Conformance, ::testing::Values(Backend::sqlite, Backend::postgres),
                         [](const ::testing::TestParamInfo<Backend>& info) {
                             return std::string(to_string(info.param));
                         });

}  // namespace
}  // namespace comptoir::storage
