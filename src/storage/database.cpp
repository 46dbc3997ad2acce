#include "storage/database.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include "storage/postgres/postgres_database.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace comptoir::storage {
namespace {

[[noreturn]] void bad_cell(std::size_t i, const char* wanted) {
    throw std::logic_error("column " + std::to_string(i) + " does not convert to " + wanted);
}

template <class T>
bool parse_whole(const std::string& s, T& out) {
    if (s.empty()) return false;
    const char* end = s.data() + s.size();
    auto [ptr, ec] = std::from_chars(s.data(), end, out);
    return ec == std::errc() && ptr == end;
}

}  // namespace

template <>
std::int64_t Row::get<std::int64_t>(std::size_t i) const {
    const Value& v = cells_.at(i);
    if (const auto* n = std::get_if<std::int64_t>(&v)) return *n;
    if (const auto* d = std::get_if<double>(&v)) {
        // Only exact integers convert: silently truncating 2.5 would hide a wrong column.
        // 2^63 itself is out of range, hence the strict upper bound.
        if (std::isfinite(*d) && std::trunc(*d) == *d && *d >= -9223372036854775808.0 && *d < 9223372036854775808.0)
            return static_cast<std::int64_t>(*d);
        bad_cell(i, "int64 (not an exact integer)");
    }
    if (const auto* s = std::get_if<std::string>(&v)) {
        std::int64_t out = 0;
        if (parse_whole(*s, out)) return out;
        bad_cell(i, "int64 (text is not an integer)");
    }
    bad_cell(i, "int64 (NULL)");
}

template <>
double Row::get<double>(std::size_t i) const {
    const Value& v = cells_.at(i);
    if (const auto* d = std::get_if<double>(&v)) return *d;
    if (const auto* n = std::get_if<std::int64_t>(&v)) return static_cast<double>(*n);
    if (const auto* s = std::get_if<std::string>(&v)) {
        double out = 0;
        if (parse_whole(*s, out)) return out;
        bad_cell(i, "double (text is not a number)");
    }
    bad_cell(i, "double (NULL)");
}

template <>
std::string Row::get<std::string>(std::size_t i) const {
    const Value& v = cells_.at(i);
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    if (const auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
    if (const auto* d = std::get_if<double>(&v)) {
        // Shortest text that reads back as the same double (std::to_string would print 6 decimals).
        char buf[64];
        auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, *d);
        if (ec == std::errc()) return std::string(buf, ptr);
    }
    bad_cell(i, "string (NULL)");
}

template <>
bool Row::get<bool>(std::size_t i) const {
    const Value& v = cells_.at(i);
    if (const auto* n = std::get_if<std::int64_t>(&v)) {
        if (*n == 0 || *n == 1) return *n == 1;
        bad_cell(i, "bool (integer other than 0/1)");
    }
    if (const auto* s = std::get_if<std::string>(&v)) {
        if (*s == "t" || *s == "true" || *s == "1") return true;
        if (*s == "f" || *s == "false" || *s == "0") return false;
        bad_cell(i, "bool (text other than t/f/true/false)");
    }
    if (std::holds_alternative<double>(v)) bad_cell(i, "bool (a real number)");
    bad_cell(i, "bool (NULL)");
}

std::string_view to_string(Backend backend) {
    switch (backend) {
        case Backend::sqlite:
            return "sqlite";
        case Backend::postgres:
            return "postgres";
    }
    return "sqlite";
}

Transaction::~Transaction() {
    if (impl_) impl_->rollback();
}

Transaction& Transaction::operator=(Transaction&& other) noexcept {
    // The defaulted form would drop the old impl without rolling back, handing
    // its connection back to the pool in the middle of a transaction.
    if (this != &other) {
        if (impl_) impl_->rollback();
        impl_ = std::move(other.impl_);
        done_ = other.done_;
    }
    return *this;
}

namespace {
std::unexpected<Error> finished() {
    return fail(ErrorCode::internal, "database error", "transaction used after commit (or after being moved from)");
}
}  // namespace

Result<ResultSet> Transaction::query(std::string_view sql, std::span<const Value> params) {
    if (!impl_) return finished();
    return impl_->query(sql, params);
}

Result<void> Transaction::exec_script(std::string_view sql) {
    if (!impl_) return finished();
    return impl_->exec_script(sql);
}

Result<void> Transaction::commit() {
    if (!impl_) return finished();
    auto result = impl_->commit();
    // Release the connection now (and, on SQLite, the writer lock): a committed
    // Transaction object may live on until the end of its scope. A failed commit
    // has already been rolled back by the backend.
    impl_.reset();
    done_ = true;
    return result;
}

Result<std::unique_ptr<Database>> open_database(const DatabaseOptions& options) {
    const std::string& url = options.url;
    if (url.empty()) {
        return fail(ErrorCode::invalid_input, "database.url is empty (expected sqlite:PATH or postgresql://…)");
    }
    if (options.pool_size < 1) {
        return fail(ErrorCode::invalid_input,
                    "database.pool_size must be at least 1 (got " + std::to_string(options.pool_size) + ")");
    }
    if (options.busy_timeout_ms < 0) {
        return fail(ErrorCode::invalid_input, "database.busy_timeout_ms must not be negative");
    }
    if (url.starts_with("sqlite:")) return sqlite::open(url.substr(7), options);
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) return postgres::open(url, options);
    // Do not echo the URL: it may hold a password.
    auto colon = url.find(':');
    std::string scheme =
        colon == std::string::npos ? std::string("(none)") : url.substr(0, std::min<std::size_t>(colon, 20));
    return fail(ErrorCode::invalid_input,
                "database.url has an unsupported scheme '" + scheme + "' (expected sqlite:PATH or postgresql://…)");
}

Result<void> Database::ping() {
    auto tx = read();
    if (!tx) return std::unexpected(tx.error());
    auto r = tx->query("SELECT 1");
    if (!r) return std::unexpected(r.error());
    return {};
}

}  // namespace comptoir::storage
