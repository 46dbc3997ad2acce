#include "storage/postgres/postgres_database.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <chrono>
#include <unordered_map>

#include "storage/pool.hpp"

namespace comptoir::storage::postgres {
namespace {

// Type OIDs from pg_type.h (stable across versions; that header is server-side).
constexpr Oid kBool = 16, kInt8 = 20, kInt2 = 21, kInt4 = 23, kOid = 26, kFloat4 = 700, kFloat8 = 701, kNumeric = 1700;

std::string percent_decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned value = 0;
        if (s[i] == '%' && i + 2 < s.size() &&
            std::from_chars(s.data() + i + 1, s.data() + i + 3, value, 16).ptr == s.data() + i + 3) {
            out += static_cast<char>(value);
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

void replace_all(std::string& text, const std::string& needle) {
    if (needle.empty()) return;
    for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 3))
        text.replace(pos, needle.size(), "***");
}

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

/// One libpq connection and the statements prepared on it. Used by one thread at a time.
class Connection {
  public:
    explicit Connection(PGconn* conn) : conn_(conn) {}
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection() { PQfinish(conn_); }

    PGconn* raw() const { return conn_; }
    bool healthy() const { return PQstatus(conn_) == CONNECTION_OK; }
    bool idle() const { return PQtransactionStatus(conn_) == PQTRANS_IDLE; }

    /// Name and parameter count of the server-side statement for `sql`, preparing it on first use.
    struct Prepared {
        std::string name;
        int params = 0;
    };
    std::unordered_map<std::string, Prepared> statements;
    int next_statement = 0;

  private:
    PGconn* conn_;
};

using ConnectionPool = Pool<Connection>;
using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

class Session {
  public:
    explicit Session(std::string url) : url_(std::move(url)) {}

    std::unexpected<Error> unavailable(const std::string& detail) const {
        return fail(ErrorCode::unavailable, "database unavailable", redact_password(url_, trim(detail)));
    }

    /// Maps a failed command to an Error by SQLSTATE class.
    std::unexpected<Error> error_from(PGconn* conn, const PGresult* res, std::string_view context) const {
        if (!res || PQstatus(conn) != CONNECTION_OK)
            return unavailable(std::string(context) + ": " + PQerrorMessage(conn));
        const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
        std::string sqlstate = state ? state : "";
        std::string detail = redact_password(url_, std::string(context) + ": " + trim(PQresultErrorMessage(res)));
        if (sqlstate.starts_with("23")) return fail(ErrorCode::conflict, "conflict", std::move(detail));
        // 08 connection exception, 53 insufficient resources, 57P0x shutdown, 40 serialisation/deadlock: retryable.
        if (sqlstate.starts_with("08") || sqlstate.starts_with("53") || sqlstate.starts_with("57P") ||
            sqlstate.starts_with("40"))
            return fail(ErrorCode::unavailable, "database unavailable", std::move(detail));
        return fail(ErrorCode::internal, "database error", std::move(detail));
    }

    const std::string& url() const { return url_; }

  private:
    std::string url_;
};

Value cell(const PGresult* res, int row, int col, Oid type) {
    if (PQgetisnull(res, row, col)) return std::monostate{};
    const char* text = PQgetvalue(res, row, col);
    std::string_view s(text, static_cast<std::size_t>(PQgetlength(res, row, col)));
    const char* end = s.data() + s.size();
    switch (type) {
        case kBool:
            return static_cast<std::int64_t>(s == "t" ? 1 : 0);
        case kInt2:
        case kInt4:
        case kInt8:
        case kOid: {
            std::int64_t v = 0;
            if (std::from_chars(s.data(), end, v).ptr == end) return v;
            break;
        }
        case kNumeric: {
            // SUM() and AVG() over integers are numeric here but INTEGER on SQLite:
            // integral values come back as int64 so both backends agree.
            std::int64_t v = 0;
            auto [ptr, ec] = std::from_chars(s.data(), end, v);
            if (ec == std::errc() && ptr == end) return v;
            [[fallthrough]];
        }
        case kFloat4:
        case kFloat8: {
            double v = 0;
            if (std::from_chars(s.data(), end, v).ptr == end) return v;
            break;
        }
        default:
            break;
    }
    return std::string(s);
}

std::string format_param(const Value& value) {
    char buf[64];
    if (const auto* n = std::get_if<std::int64_t>(&value))
        return std::string(buf, std::to_chars(buf, buf + 64, *n).ptr);
    if (const auto* d = std::get_if<double>(&value)) return std::string(buf, std::to_chars(buf, buf + 64, *d).ptr);
    return std::get<std::string>(value);
}

class PostgresTransaction final : public detail::TransactionImpl {
  public:
    PostgresTransaction(std::shared_ptr<const Session> session, Lease<Connection> conn)
        : session_(std::move(session)), conn_(std::move(conn)) {}

    Result<ResultSet> query(std::string_view sql, std::span<const Value> params) override {
        auto prepared = prepare(sql);
        if (!prepared) return std::unexpected(prepared.error());
        if (static_cast<std::size_t>(prepared->params) != params.size()) {
            return fail(ErrorCode::internal, "database error",
                        "statement expects " + std::to_string(prepared->params) + " parameters, got " +
                            std::to_string(params.size()) + ": " + std::string(sql));
        }
        std::vector<std::string> texts(params.size());
        std::vector<const char*> values(params.size(), nullptr);
        for (std::size_t i = 0; i < params.size(); ++i) {
            if (std::holds_alternative<std::monostate>(params[i])) continue;  // NULL
            texts[i] = format_param(params[i]);
            values[i] = texts[i].c_str();
        }
        PGconn* conn = conn_->raw();
        ResultPtr res(PQexecPrepared(conn, prepared->name.c_str(), static_cast<int>(params.size()), values.data(),
                                     nullptr, nullptr, 0),
                      &PQclear);
        auto status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
            return session_->error_from(conn, res.get(), "query");

        ResultSet result;
        int columns = PQnfields(res.get());
        std::vector<Oid> types(columns);
        for (int c = 0; c < columns; ++c) {
            result.columns.emplace_back(PQfname(res.get(), c));
            types[c] = PQftype(res.get(), c);
        }
        int rows = PQntuples(res.get());
        result.rows.reserve(rows);
        for (int r = 0; r < rows; ++r) {
            std::vector<Value> cells;
            cells.reserve(columns);
            for (int c = 0; c < columns; ++c) cells.push_back(cell(res.get(), r, c, types[c]));
            result.rows.emplace_back(std::move(cells));
        }
        // PQcmdTuples also counts SELECTed rows; `affected` means rows changed, as on SQLite.
        std::string_view command = PQcmdStatus(res.get());
        if (command.starts_with("INSERT") || command.starts_with("UPDATE") || command.starts_with("DELETE") ||
            command.starts_with("MERGE")) {
            std::string_view count = PQcmdTuples(res.get());
            std::from_chars(count.data(), count.data() + count.size(), result.affected);
        }
        return result;
    }

    Result<void> exec_script(std::string_view sql) override { return exec(std::string(sql), "script"); }

    Result<void> commit() override {
        PGconn* conn = conn_->raw();
        ResultPtr res(PQexec(conn, "COMMIT"), &PQclear);
        if (!res || PQresultStatus(res.get()) != PGRES_COMMAND_OK) {
            auto e = session_->error_from(conn, res.get(), "commit");
            rollback();
            return e;
        }
        // COMMIT of a transaction aborted by an earlier error "succeeds" as ROLLBACK.
        if (std::string_view(PQcmdStatus(res.get())) == "ROLLBACK") {
            return fail(ErrorCode::internal, "database error",
                        "commit: the transaction was rolled back because a statement in it failed");
        }
        return {};
    }

    void rollback() noexcept override {
        if (!conn_->healthy()) return;
        ResultPtr res(PQexec(conn_->raw(), "ROLLBACK"), &PQclear);
        (void)res;
    }

    ~PostgresTransaction() override {
        // Never hand a connection in an unknown state to the next borrower.
        if (!conn_->healthy() || !conn_->idle()) conn_.discard();
    }

  private:
    Result<void> exec(const std::string& sql, std::string_view context) {
        PGconn* conn = conn_->raw();
        ResultPtr res(PQexec(conn, sql.c_str()), &PQclear);
        auto status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY)
            return session_->error_from(conn, res.get(), context);
        return {};
    }

    Result<Connection::Prepared> prepare(std::string_view sql) {
        std::string key(sql);
        if (auto it = conn_->statements.find(key); it != conn_->statements.end()) return it->second;
        PGconn* conn = conn_->raw();
        Connection::Prepared prepared{"comptoir_" + std::to_string(conn_->next_statement++), 0};
        ResultPtr res(PQprepare(conn, prepared.name.c_str(), key.c_str(), 0, nullptr), &PQclear);
        if (!res || PQresultStatus(res.get()) != PGRES_COMMAND_OK)
            return session_->error_from(conn, res.get(), "prepare: " + key);
        // The parameter count lets a wrong call fail clearly here rather than as a protocol error.
        ResultPtr described(PQdescribePrepared(conn, prepared.name.c_str()), &PQclear);
        if (!described || PQresultStatus(described.get()) != PGRES_COMMAND_OK)
            return session_->error_from(conn, described.get(), "describe: " + key);
        prepared.params = PQnparams(described.get());
        conn_->statements.emplace(std::move(key), prepared);
        return prepared;
    }

    std::shared_ptr<const Session> session_;
    Lease<Connection> conn_;
};

class PostgresDatabase final : public Database {
  public:
    PostgresDatabase(std::string url, const DatabaseOptions& options)
        : session_(std::make_shared<Session>(std::move(url))),
          options_(options),
          pool_(std::make_shared<ConnectionPool>(static_cast<std::size_t>(options.pool_size))) {}

    Backend backend() const override { return Backend::postgres; }

    // REPEATABLE READ: the Database contract promises read() a consistent snapshot;
    // READ COMMITTED would take a new one per statement.
    Result<Transaction> read() override { return begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }
    Result<Transaction> write() override { return begin("BEGIN"); }

  private:
    Result<std::unique_ptr<Connection>> connect() {
        // connect_timeout comes first so that a value in the URL overrides it.
        const char* keywords[] = {"connect_timeout", "fallback_application_name", "dbname", nullptr};
        const char* values[] = {"5", "comptoir", session_->url().c_str(), nullptr};
        auto conn = std::make_unique<Connection>(PQconnectdbParams(keywords, values, 1));
        if (!conn->raw()) return session_->unavailable("cannot allocate a connection");
        if (!conn->healthy()) return session_->unavailable(PQerrorMessage(conn->raw()));
        // Server notices ("relation already exists, skipping") would go to stderr, bypassing the log.
        PQsetNoticeReceiver(
            conn->raw(), [](void*, const PGresult*) {}, nullptr);
        return conn;
    }

    Result<Transaction> begin(const char* sql) {
        // A server restart breaks every pooled connection without telling us; the
        // first command finds out. Retry once on a fresh connection in that case.
        for (int attempt = 0;; ++attempt) {
            auto slot = pool_->take(std::chrono::milliseconds(options_.busy_timeout_ms));
            if (!slot) return session_->unavailable("timed out waiting for a pooled connection");
            if (*slot && !(*slot)->healthy()) {
                PQreset((*slot)->raw());
                (*slot)->statements.clear();  // server-side statements died with the old session
                if (!(*slot)->healthy()) slot->reset();
            }
            if (!*slot) {
                auto conn = connect();
                if (!conn) {
                    pool_->give_back(nullptr);
                    return std::unexpected(conn.error());
                }
                *slot = std::move(*conn);
            }
            Lease<Connection> lease(pool_, std::move(*slot));
            PGconn* conn = lease->raw();
            ResultPtr res(PQexec(conn, sql), &PQclear);
            if (res && PQresultStatus(res.get()) == PGRES_COMMAND_OK)
                return Transaction(std::make_unique<PostgresTransaction>(session_, std::move(lease)));
            auto error = session_->error_from(conn, res.get(), "begin");
            bool broken = !lease->healthy();
            lease.discard();
            if (!broken || attempt > 0) return error;
        }
    }

    std::shared_ptr<const Session> session_;
    DatabaseOptions options_;
    std::shared_ptr<ConnectionPool> pool_;
};

}  // namespace

std::string redact_password(const std::string& url, std::string message) {
    // The password in the authority part: scheme://user:password@host…
    auto start = url.find("://");
    if (start != std::string::npos) {
        start += 3;
        auto authority_end = url.find_first_of("/?", start);
        std::string_view authority = std::string_view(url).substr(start, authority_end - start);
        auto at = authority.rfind('@');
        if (at != std::string_view::npos) {
            auto userinfo = authority.substr(0, at);
            auto colon = userinfo.find(':');
            if (colon != std::string_view::npos) {
                std::string password(userinfo.substr(colon + 1));
                replace_all(message, password);
                replace_all(message, percent_decode(password));
            }
        }
    }
    // …or as a query parameter: ?password=…
    PQconninfoOption* options = PQconninfoParse(url.c_str(), nullptr);
    if (options) {
        for (auto* o = options; o->keyword; ++o) {
            if (std::string_view(o->keyword) == "password" && o->val) replace_all(message, o->val);
        }
        PQconninfoFree(options);
    }
    return message;
}

Result<std::unique_ptr<Database>> open(const std::string& url, const DatabaseOptions& options) {
    char* parse_error = nullptr;
    PQconninfoOption* parsed = PQconninfoParse(url.c_str(), &parse_error);
    if (!parsed) {
        std::string why = parse_error ? trim(parse_error) : "out of memory";
        PQfreemem(parse_error);
        return fail(ErrorCode::invalid_input,
                    "database.url is not a valid PostgreSQL URL: " + redact_password(url, why));
    }
    PQconninfoFree(parsed);
    return std::unique_ptr<Database>(std::make_unique<PostgresDatabase>(url, options));
}

}  // namespace comptoir::storage::postgres
