#pragma once
// The one storage interface the domain sees. Two backends implement it:
// storage/sqlite (embedded, default) and storage/postgres (libpq, scale-out).
//
// SQL is constant text with `$1`, `$2`… placeholders on both backends (the
// SQLite backend maps `$N` to `?N`). Statements are prepared once per
// connection and reused. Calls block: the HTTP layer runs handlers on a
// worker pool so the network threads never wait on the database.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/error.hpp"

namespace comptoir::storage {

/// A bound parameter or a column value. monostate is SQL NULL.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

/// One row of a result, with typed accessors. Column indexes are 0-based.
class Row {
  public:
    explicit Row(std::vector<Value> cells) : cells_(std::move(cells)) {}
    std::size_t size() const { return cells_.size(); }
    bool is_null(std::size_t i) const { return std::holds_alternative<std::monostate>(cells_.at(i)); }
    /// Converts the cell to T (std::int64_t, double, std::string, bool);
    /// throws std::logic_error on NULL or on a value that does not convert.
    template <class T>
    T get(std::size_t i) const;
    /// As get<T>, but NULL gives std::nullopt.
    template <class T>
    std::optional<T> get_opt(std::size_t i) const {
        if (is_null(i)) return std::nullopt;
        return get<T>(i);
    }
    const Value& raw(std::size_t i) const { return cells_.at(i); }

  private:
    std::vector<Value> cells_;
};

template <>
std::int64_t Row::get<std::int64_t>(std::size_t i) const;
template <>
double Row::get<double>(std::size_t i) const;
template <>
std::string Row::get<std::string>(std::size_t i) const;
template <>
bool Row::get<bool>(std::size_t i) const;

/// Rows returned by a statement, and the number of rows it changed.
struct ResultSet {
    std::vector<std::string> columns;
    std::vector<Row> rows;
    std::int64_t affected = 0;

    bool empty() const { return rows.empty(); }
    const Row& one() const { return rows.at(0); }
};

enum class Backend { sqlite, postgres };
std::string_view to_string(Backend backend);

namespace detail {
/// What a backend provides for one open transaction on one pooled connection.
class TransactionImpl {
  public:
    virtual ~TransactionImpl() = default;
    virtual Result<ResultSet> query(std::string_view sql, std::span<const Value> params) = 0;
    /// Runs several statements without parameters (migrations).
    virtual Result<void> exec_script(std::string_view sql) = 0;
    virtual Result<void> commit() = 0;
    /// Called by the destructor of an uncommitted Transaction; must not throw.
    virtual void rollback() noexcept = 0;
};
}  // namespace detail

/// RAII transaction: `auto tx = db.write(); tx->query(...); tx->commit();`
/// The destructor rolls back whatever was not committed and returns the
/// connection to its pool.
class Transaction {
  public:
    explicit Transaction(std::unique_ptr<detail::TransactionImpl> impl) : impl_(std::move(impl)) {}
    Transaction(Transaction&&) noexcept = default;
    /// Rolls back the transaction being replaced, if it is still open. Note that in
    /// `tx = db.write()` the new write() runs first: on SQLite it waits for the writer
    /// `tx` still holds. End `tx` (commit or scope) before starting the next one.
    Transaction& operator=(Transaction&& other) noexcept;
    ~Transaction();

    Result<ResultSet> query(std::string_view sql, std::span<const Value> params = {});
    /// query() with parameters given inline: tx.query("… $1 … $2", id, name).
    template <class... Args>
    Result<ResultSet> query_with(std::string_view sql, Args&&... args) {
        const Value params[] = {Value(to_value(std::forward<Args>(args)))...};
        return query(sql, std::span<const Value>(params, sizeof...(Args)));
    }
    Result<void> exec_script(std::string_view sql);
    Result<void> commit();

    static Value to_value(std::int64_t v) { return v; }
    static Value to_value(int v) { return static_cast<std::int64_t>(v); }
    static Value to_value(bool v) { return static_cast<std::int64_t>(v ? 1 : 0); }
    static Value to_value(double v) { return v; }
    static Value to_value(std::string v) { return v; }
    static Value to_value(std::string_view v) { return std::string(v); }
    static Value to_value(const char* v) { return std::string(v); }
    static Value to_value(std::monostate) { return std::monostate{}; }
// GCC 12 falsely reports the empty optional<double> as read uninitialised (GCC bug 80635).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
    template <class T>
    static Value to_value(const std::optional<T>& v) {
        return v ? to_value(*v) : Value(std::monostate{});
    }
#pragma GCC diagnostic pop

  private:
    std::unique_ptr<detail::TransactionImpl> impl_;
    bool done_ = false;
};

/// A database: a pool of connections to one SQLite file or one PostgreSQL
/// server. Thread-safe.
class Database {
  public:
    virtual ~Database() = default;
    virtual Backend backend() const = 0;
    /// A read-only transaction (a consistent snapshot). Many run at once.
    virtual Result<Transaction> read() = 0;
    /// A read-write transaction. On SQLite, writers are serialised in
    /// process (one writer connection, BEGIN IMMEDIATE) so that a write
    /// never fails with SQLITE_BUSY under concurrent requests.
    virtual Result<Transaction> write() = 0;
    /// Checks that the database answers (`SELECT 1`), for /readyz.
    Result<void> ping();
};

/// Connection settings from config.
struct DatabaseOptions {
    std::string url = "sqlite:var/comptoir.db";  // or postgresql://…
    int pool_size = 8;
    int busy_timeout_ms = 5000;
};

/// Opens the database named by `options.url` ("sqlite:PATH" or
/// "postgresql://…"/"postgres://…"); errors name the problem in one line.
Result<std::unique_ptr<Database>> open_database(const DatabaseOptions& options);

}  // namespace comptoir::storage
