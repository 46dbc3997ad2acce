#pragma once
// Shared fixtures for domain tests: a migrated database on SQLite (a temporary
// file) or on PostgreSQL (a fresh schema on the server named by
// COMPTOIR_TEST_PG_URL; the case is skipped without it, unless
// COMPTOIR_TEST_REQUIRE_PG=1), and helpers to seed and read it. Header-only:
// test binaries only.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <latch>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/crypto.hpp"
#include "domain/accounts/users.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "storage/test_support.hpp"

namespace comptoir::test {

/// When seeded rows were created, unless a test says otherwise.
constexpr std::int64_t kCreatedAt = 1700000000;

inline std::string describe(const Error& e) {
    return std::string(to_string(e.code)) + ": " + e.public_message + " / " + e.internal_detail;
}

/// The value of a Result, or a thrown std::runtime_error naming the failure.
template <class T>
T must(Result<T> result, std::string_view what = "call") {
    if (!result) throw std::runtime_error(std::string(what) + ": " + describe(result.error()));
    if constexpr (!std::is_void_v<T>) return std::move(*result);
}

inline std::unique_ptr<storage::Database> open_or_throw(const std::string& url, int pool_size = 8) {
    storage::DatabaseOptions options;
    options.url = url;
    options.pool_size = pool_size;
    options.busy_timeout_ms = 10000;
    return must(storage::open_database(options), "open_database");
}

/// Runs one statement in a write transaction of its own, committed.
template <class... Args>
storage::ResultSet exec(storage::Database& db, std::string_view sql, Args&&... args) {
    auto tx = must(db.write(), "begin");
    auto rows = must(tx.query_with(sql, std::forward<Args>(args)...), sql);
    must(tx.commit(), "commit");
    return rows;
}

/// Runs one query in a read transaction of its own.
template <class... Args>
storage::ResultSet select(storage::Database& db, std::string_view sql, Args&&... args) {
    auto tx = must(db.read(), "begin");
    return must(tx.query_with(sql, std::forward<Args>(args)...), sql);
}

/// A hash of `password`, computed once per password and process: hashing is slow on purpose.
inline const std::string& password_hash(std::string_view password) {
    static std::map<std::string, std::string, std::less<>> hashes;
    auto found = hashes.find(password);
    if (found == hashes.end()) {
        crypto::init();
        found = hashes.emplace(std::string(password), must(crypto::hash_password(password), "hash_password")).first;
    }
    return found->second;
}

/// A user row to seed; what is left out takes the schema's default.
struct NewUser {
    std::string email;
    std::string role = "customer";
    std::optional<std::int64_t> organisation_id;
    std::string display_name;  // "User <email>" when empty
    std::optional<std::string> password_hash;
    std::int64_t created_at = kCreatedAt;
};

/// Holds one migrated database for the life of a test.
class TestDatabase {
  public:
    /// False (and the test skipped or failed) when the backend is unavailable.
    bool open(storage::Backend backend) {
        backend_ = backend;
        if (backend == storage::Backend::sqlite) {
            dir_ = storage::test_support::make_temp_dir("comptoir_domain");
            url_ = "sqlite:" + (dir_ / "test.db").string();
        } else {
            const char* admin = std::getenv("COMPTOIR_TEST_PG_URL");
            if (!admin || !*admin) {
                const char* require = std::getenv("COMPTOIR_TEST_REQUIRE_PG");
                if (require && std::string_view(require) == "1") {
                    ADD_FAILURE() << "COMPTOIR_TEST_REQUIRE_PG=1 but COMPTOIR_TEST_PG_URL is not set";
                    return false;
                }
                return false;
            }
            admin_url_ = admin;
            schema_ = "comptoir_test_" + storage::test_support::random_suffix();
            auto admin_db = open_or_throw(admin_url_, 1);
            test::exec(*admin_db, "CREATE SCHEMA " + schema_);
            url_ = admin_url_ + (admin_url_.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
                   schema_;
        }
        db_ = open_or_throw(url_);
        auto migrations = must(storage::load_migrations(storage::test_support::source_root() / "migrations", backend),
                               "load_migrations");
        must(storage::migrate(*db_, migrations), "migrate");
        return true;
    }

    ~TestDatabase() {
        db_.reset();
        if (!dir_.empty()) std::filesystem::remove_all(dir_);
        if (!schema_.empty()) {
            try {
                auto admin_db = open_or_throw(admin_url_, 1);
                test::exec(*admin_db, "DROP SCHEMA " + schema_ + " CASCADE");
            } catch (const std::exception& e) {
                ADD_FAILURE() << e.what();
            }
        }
    }

    storage::Database& db() { return *db_; }
    storage::Backend backend() const { return backend_; }
    const std::string& url() const { return url_; }
    /// The SQLite file (empty on PostgreSQL).
    std::filesystem::path file() const { return dir_.empty() ? std::filesystem::path{} : dir_ / "test.db"; }

    /// test::exec on this database.
    template <class... Args>
    storage::ResultSet exec(std::string_view sql, Args&&... args) {
        return test::exec(*db_, sql, std::forward<Args>(args)...);
    }

    /// test::select on this database.
    template <class... Args>
    storage::ResultSet select(std::string_view sql, Args&&... args) {
        return test::select(*db_, sql, std::forward<Args>(args)...);
    }

    /// The single integer a query such as SELECT COUNT(*) answers.
    template <class... Args>
    std::int64_t count(std::string_view sql, Args&&... args) {
        return select(sql, std::forward<Args>(args)...).one().template get<std::int64_t>(0);
    }

    std::int64_t add_organisation(const std::string& slug, const std::string& name,
                                  const std::string& default_language = "en", std::int64_t created_at = kCreatedAt) {
        return exec(
                   "INSERT INTO organisations (slug, name, default_language, created_at) VALUES ($1, $2, $3, $4) "
                   "RETURNING id",
                   slug, name, default_language, created_at)
            .one()
            .get<std::int64_t>(0);
    }

    std::int64_t add_user(const NewUser& user) {
        return exec(
                   "INSERT INTO users (organisation_id, email, display_name, role, password_hash, created_at) "
                   "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                   user.organisation_id, user.email,
                   user.display_name.empty() ? "User " + user.email : user.display_name, user.role, user.password_hash,
                   user.created_at)
            .one()
            .get<std::int64_t>(0);
    }

    /// The stored user `id`; throws if there is none.
    accounts::UserRecord user(std::int64_t id) {
        auto tx = must(db_->read(), "begin");
        auto found = must(accounts::find_user(tx, id), "find_user");
        if (!found) throw std::runtime_error("no user " + std::to_string(id));
        return std::move(*found);
    }

    std::int64_t add_user(const std::string& email, const std::string& role,
                          std::optional<std::int64_t> organisation_id = std::nullopt) {
        return add_user({.email = email, .role = role, .organisation_id = organisation_id});
    }

  private:
    storage::Backend backend_ = storage::Backend::sqlite;
    std::filesystem::path dir_;
    std::string admin_url_, schema_, url_;
    std::unique_ptr<storage::Database> db_;
};

/// Parameter names for suites instantiated over both backends.
inline std::string backend_name(const ::testing::TestParamInfo<storage::Backend>& info) {
    return std::string(storage::to_string(info.param));
}

/// Runs `body(i)` on `n` threads released at the same moment (races: a
/// burst of requests arriving together).
template <class Body>
void at_once(int n, Body body) {
    std::latch ready(n);
    std::vector<std::thread> threads;
    for (int i = 0; i < n; ++i)
        threads.emplace_back([&, i] {
            ready.arrive_and_wait();
            body(i);
        });
    for (auto& t : threads) t.join();
}

}  // namespace comptoir::test
