#include "storage/sqlite/sqlite_database.hpp"

#include <sqlite3.h>

#include <cctype>
#include <chrono>
#include <filesystem>
#include <system_error>
#include <unordered_map>

#include "storage/pool.hpp"
#include "storage/sqlite/placeholders.hpp"
#include "storage/sqlite/snowball_tokenizer.hpp"
#include "storage/sqlite/unicode_lower.hpp"

namespace comptoir::storage::sqlite {
namespace {

std::unexpected<Error> error_from(sqlite3* db, int rc, std::string_view context) {
    std::string detail = std::string(context) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    int primary = rc & 0xff;
    // A STRICT-table type mismatch is a programming error, as on PostgreSQL, not a conflict.
    if (primary == SQLITE_CONSTRAINT && rc != SQLITE_CONSTRAINT_DATATYPE)
        return fail(ErrorCode::conflict, "conflict", std::move(detail));
    switch (primary) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
        case SQLITE_IOERR:
        case SQLITE_CANTOPEN:
        case SQLITE_FULL:
        case SQLITE_READONLY:
        case SQLITE_PROTOCOL:
            return fail(ErrorCode::unavailable, "database unavailable", std::move(detail));
        default:
            return fail(ErrorCode::internal, "database error", std::move(detail));
    }
}

/// One sqlite3 handle and the statements prepared on it. Used by one thread at a time.
class Connection {
  public:
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection() {
        for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
        sqlite3_close_v2(db_);
    }

    static Result<std::unique_ptr<Connection>> open(const std::string& path, const DatabaseOptions& options,
                                                    bool reader) {
        sqlite3* db = nullptr;
        // NOMUTEX: the pool already guarantees one thread per connection at a time.
        int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
        std::unique_ptr<Connection> conn(new Connection(db));
        if (rc != SQLITE_OK) return error_from(db, rc, "cannot open " + path);
        sqlite3_extended_result_codes(db, 1);
        sqlite3_busy_timeout(db, options.busy_timeout_ms);
        // Before anything touches the knowledge-base index (migrations create it with this tokenizer).
        if (int tokenizer = register_snowball_tokenizer(db); tokenizer != SQLITE_OK)
            return error_from(nullptr, tokenizer, "cannot register the FTS5 tokenizer on " + path);
        if (int lower = register_unicode_lower(db); lower != SQLITE_OK)
            return error_from(db, lower, "cannot register lower() on " + path);
        // Readers get query_only so that a write through read() fails here as it
        // does on PostgreSQL (READ ONLY), instead of passing tests on one backend.
        std::string pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";
        if (reader) pragmas += " PRAGMA query_only=ON;";
        if (auto r = conn->exec(pragmas, "cannot configure " + path); !r) return std::unexpected(r.error());
        return conn;
    }

    Result<void> exec(std::string_view sql, std::string_view context) {
        std::string text(sql);
        int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
        if (rc != SQLITE_OK) return error_from(db_, rc, context);
        return {};
    }

    Result<ResultSet> query(std::string_view sql, std::span<const Value> params) {
        auto prepared = statement(sql);
        if (!prepared) return std::unexpected(prepared.error());
        sqlite3_stmt* stmt = *prepared;
        // Reset on every exit path so the statement can be reused and holds no read lock.
        struct Reset {
            sqlite3_stmt* s;
            ~Reset() {
                sqlite3_reset(s);
                sqlite3_clear_bindings(s);
            }
        } reset{stmt};

        int expected = sqlite3_bind_parameter_count(stmt);
        if (static_cast<std::size_t>(expected) != params.size()) {
            return fail(ErrorCode::internal, "database error",
                        "statement expects " + std::to_string(expected) + " parameters, got " +
                            std::to_string(params.size()) + ": " + std::string(sql));
        }
        for (std::size_t i = 0; i < params.size(); ++i) {
            int rc = bind(stmt, static_cast<int>(i) + 1, params[i]);
            if (rc != SQLITE_OK) return error_from(db_, rc, "bind");
        }

        ResultSet result;
        int columns = sqlite3_column_count(stmt);
        for (int c = 0; c < columns; ++c) result.columns.emplace_back(sqlite3_column_name(stmt, c));
        auto changes_before = sqlite3_total_changes64(db_);
        for (;;) {
            int rc = sqlite3_step(stmt);
            if (rc == SQLITE_DONE) break;
            if (rc != SQLITE_ROW) return error_from(db_, rc, "query");
            std::vector<Value> cells;
            cells.reserve(columns);
            for (int c = 0; c < columns; ++c) cells.push_back(column(stmt, c));
            result.rows.emplace_back(std::move(cells));
        }
        // total_changes moves only when this statement changed rows; sqlite3_changes
        // alone would report the previous INSERT's count for a SELECT or DDL.
        if (sqlite3_total_changes64(db_) != changes_before) result.affected = sqlite3_changes64(db_);
        return result;
    }

    bool in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

  private:
    explicit Connection(sqlite3* db) : db_(db) {}

    // Prepared once per connection and SQL text; the cache is keyed by the
    // caller's text so translation also happens once.
    Result<sqlite3_stmt*> statement(std::string_view sql) {
        std::string key(sql);
        if (auto it = statements_.find(key); it != statements_.end()) return it->second;
        std::string translated = translate_placeholders(sql);
        sqlite3_stmt* stmt = nullptr;
        const char* tail = nullptr;
        int rc = sqlite3_prepare_v3(db_, translated.c_str(), static_cast<int>(translated.size()) + 1,
                                    SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
        if (rc != SQLITE_OK) return error_from(db_, rc, "prepare: " + key);
        if (!stmt) return fail(ErrorCode::internal, "database error", "empty statement: " + key);
        for (; tail && *tail; ++tail) {
            if (!std::isspace(static_cast<unsigned char>(*tail)) && *tail != ';') {
                sqlite3_finalize(stmt);
                return fail(ErrorCode::internal, "database error",
                            "query() takes one statement (use exec_script for several): " + key);
            }
        }
        statements_.emplace(std::move(key), stmt);
        return stmt;
    }

    static int bind(sqlite3_stmt* stmt, int index, const Value& value) {
        // SQLITE_STATIC is safe: bindings are cleared before `params` goes away.
        return std::visit(
            [&](const auto& v) -> int {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::monostate>) return sqlite3_bind_null(stmt, index);
                if constexpr (std::is_same_v<T, std::int64_t>) return sqlite3_bind_int64(stmt, index, v);
                if constexpr (std::is_same_v<T, double>) return sqlite3_bind_double(stmt, index, v);
                if constexpr (std::is_same_v<T, std::string>)
                    return sqlite3_bind_text64(stmt, index, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
            },
            value);
    }

    static Value column(sqlite3_stmt* stmt, int c) {
        switch (sqlite3_column_type(stmt, c)) {
            case SQLITE_INTEGER:
                return static_cast<std::int64_t>(sqlite3_column_int64(stmt, c));
            case SQLITE_FLOAT:
                return sqlite3_column_double(stmt, c);
            case SQLITE_TEXT: {
                const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
                return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c)));
            }
            case SQLITE_BLOB: {
                const auto* blob = static_cast<const char*>(sqlite3_column_blob(stmt, c));
                auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, c));
                return blob ? std::string(blob, size) : std::string();
            }
            default:
                return std::monostate{};
        }
    }

    sqlite3* db_;
    std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

using ConnectionPool = Pool<Connection>;

class SqliteTransaction final : public detail::TransactionImpl {
  public:
    explicit SqliteTransaction(Lease<Connection> conn) : conn_(std::move(conn)) {}

    Result<ResultSet> query(std::string_view sql, std::span<const Value> params) override {
        return conn_->query(sql, params);
    }
    Result<void> exec_script(std::string_view sql) override { return conn_->exec(sql, "script"); }
    Result<void> commit() override {
        auto r = conn_->exec("COMMIT", "commit");
        // A COMMIT that fails (e.g. disk full) leaves the transaction open; end it here.
        if (!r) rollback();
        return r;
    }
    void rollback() noexcept override {
        // Cannot usefully fail: statements are always reset, so none holds the transaction open.
        (void)conn_->exec("ROLLBACK", "rollback");
    }

    ~SqliteTransaction() override {
        // Never hand a connection still inside a transaction to the next borrower.
        if (conn_->in_transaction()) conn_.discard();
    }

  private:
    Lease<Connection> conn_;
};

class SqliteDatabase final : public Database {
  public:
    SqliteDatabase(std::string path, const DatabaseOptions& options)
        : path_(std::move(path)),
          options_(options),
          writer_(std::make_shared<ConnectionPool>(1)),
          readers_(std::make_shared<ConnectionPool>(static_cast<std::size_t>(options.pool_size))) {}

    Result<void> start() {
        // The writer first: it creates the file and switches it to WAL before readers attach.
        auto writer = Connection::open(path_, options_, false);
        if (!writer) return std::unexpected(writer.error());
        writer_->add_idle(std::move(*writer));
        for (int i = 0; i < options_.pool_size; ++i) {
            auto reader = Connection::open(path_, options_, true);
            if (!reader) return std::unexpected(reader.error());
            readers_->add_idle(std::move(*reader));
        }
        return {};
    }

    Backend backend() const override { return Backend::sqlite; }

    // DEFERRED: the snapshot starts at the first read and lasts until the end (WAL).
    Result<Transaction> read() override { return begin(readers_, "BEGIN DEFERRED", true); }

    // One writer connection: writers queue in process instead of failing with SQLITE_BUSY.
    // IMMEDIATE takes the file's write lock now, so another process cannot make us fail mid-way.
    Result<Transaction> write() override { return begin(writer_, "BEGIN IMMEDIATE", false); }

  private:
    Result<Transaction> begin(const std::shared_ptr<ConnectionPool>& pool, std::string_view sql, bool reader) {
        auto slot = pool->take(std::chrono::milliseconds(options_.busy_timeout_ms));
        if (!slot) {
            return fail(ErrorCode::unavailable, "database unavailable",
                        std::string("timed out waiting for a ") + (reader ? "reader" : "writer") + " connection");
        }
        if (!*slot) {
            // A slot was freed by a connection that was dropped; open a replacement.
            auto conn = Connection::open(path_, options_, reader);
            if (!conn) {
                pool->give_back(nullptr);
                return std::unexpected(conn.error());
            }
            *slot = std::move(*conn);
        }
        Lease<Connection> lease(pool, std::move(*slot));
        if (auto r = lease->exec(sql, "begin"); !r) return std::unexpected(r.error());
        return Transaction(std::make_unique<SqliteTransaction>(std::move(lease)));
    }

    std::string path_;
    DatabaseOptions options_;
    std::shared_ptr<ConnectionPool> writer_;
    std::shared_ptr<ConnectionPool> readers_;
};

}  // namespace

Result<std::unique_ptr<Database>> open(const std::string& path, const DatabaseOptions& options) {
    if (path.empty()) return fail(ErrorCode::invalid_input, "database.url names no file (expected sqlite:PATH)");
    // Each pooled connection would get its own private in-memory database.
    if (path == ":memory:" || path.starts_with("file:"))
        return fail(ErrorCode::invalid_input, "database.url must name a file (sqlite:PATH), not " + path);
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(parent, ec);
        if (ec) {
            return fail(ErrorCode::unavailable, "database.url: cannot create directory " + parent.string(),
                        ec.message());
        }
    }
    auto db = std::make_unique<SqliteDatabase>(path, options);
    if (auto r = db->start(); !r) {
        auto e = r.error();
        return fail(e.code == ErrorCode::internal ? ErrorCode::unavailable : e.code,
                    "database.url: cannot open SQLite database " + path, e.internal_detail);
    }
    return std::unique_ptr<Database>(std::move(db));
}

}  // namespace comptoir::storage::sqlite
