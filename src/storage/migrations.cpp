#include "storage/migrations.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

namespace comptoir::storage {
namespace {

// The same DDL is valid on both backends.
constexpr std::string_view kCreateSchemaVersion =
    "CREATE TABLE IF NOT EXISTS schema_version ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";

// Serialises migrations across nodes sharing one PostgreSQL server (released at
// transaction end). SQLite needs nothing: write() is BEGIN IMMEDIATE.
constexpr std::string_view kPostgresLock = "SELECT pg_advisory_xact_lock(7310432589261)";

bool is_valid_name(const std::string& stem, int& version) {
    // NNNN_snake_name: at least four digits, an underscore, then [a-z0-9_]+.
    auto underscore = stem.find('_');
    if (underscore == std::string::npos || underscore < 4 || underscore + 1 == stem.size()) return false;
    for (std::size_t i = 0; i < underscore; ++i)
        if (stem[i] < '0' || stem[i] > '9') return false;
    for (std::size_t i = underscore + 1; i < stem.size(); ++i) {
        char c = stem[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    }
    if (underscore > 9) return false;  // would overflow int
    version = std::stoi(stem.substr(0, underscore));
    return version > 0;
}

std::string file_name(const Migration& m) { return m.name + ".sql"; }

Result<void> check_sequence(const std::vector<Migration>& migrations) {
    for (std::size_t i = 0; i < migrations.size(); ++i) {
        const int expected = static_cast<int>(i) + 1;
        const Migration& m = migrations[i];
        if (i > 0 && m.version == migrations[i - 1].version) {
            return fail(ErrorCode::internal, "duplicate migration version " + std::to_string(m.version) + ": " +
                                                 file_name(migrations[i - 1]) + " and " + file_name(m));
        }
        if (m.version != expected) {
            std::string after = i == 0 ? "the first migration" : "after " + file_name(migrations[i - 1]);
            return fail(ErrorCode::internal, "gap in migration numbering: " + file_name(m) + " comes " + after +
                                                 " but version " + std::to_string(expected) + " is missing");
        }
    }
    return {};
}

Result<int> applied_version(Transaction& tx) {
    auto rows = tx.query("SELECT COALESCE(MAX(version), 0) FROM schema_version");
    if (!rows) return std::unexpected(rows.error());
    return static_cast<int>(rows->one().get<std::int64_t>(0));
}

Result<void> prepare_transaction(Database& db, Transaction& tx) {
    if (db.backend() == Backend::postgres) {
        if (auto r = tx.query(kPostgresLock); !r) return std::unexpected(r.error());
    }
    if (auto r = tx.query(kCreateSchemaVersion); !r) return std::unexpected(r.error());
    return {};
}

std::unexpected<Error> migration_failed(const Migration& m, const Error& cause) {
    std::string detail = cause.public_message;
    if (!cause.internal_detail.empty()) detail += ": " + cause.internal_detail;
    return fail(cause.code, "migration " + file_name(m) + " failed", std::move(detail));
}

}  // namespace

Result<std::vector<Migration>> load_migrations(const std::filesystem::path& root, Backend backend) {
    const auto dir = root / std::string(to_string(backend));
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        return fail(ErrorCode::internal, "migrations directory not found: " + dir.string());
    }
    std::vector<Migration> migrations;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (entry.path().extension() != ".sql") continue;  // READMEs and editor files
        Migration m;
        m.name = entry.path().stem().string();
        if (!is_valid_name(m.name, m.version)) {
            return fail(ErrorCode::internal, "bad migration file name " + entry.path().string() +
                                                 " (expected NNNN_snake_name.sql, numbered from 0001)");
        }
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (!in) return fail(ErrorCode::internal, "cannot read migration " + entry.path().string());
        m.sql = text.str();
        migrations.push_back(std::move(m));
    }
    if (ec) return fail(ErrorCode::internal, "cannot list " + dir.string(), ec.message());
    std::sort(migrations.begin(), migrations.end(), [](const Migration& a, const Migration& b) {
        return a.version != b.version ? a.version < b.version : a.name < b.name;
    });
    if (auto r = check_sequence(migrations); !r) return std::unexpected(r.error());
    return migrations;
}

Result<int> current_schema_version(Database& db) {
    auto tx = db.write();
    if (!tx) return std::unexpected(tx.error());
    if (auto r = prepare_transaction(db, *tx); !r) return std::unexpected(r.error());
    auto version = applied_version(*tx);
    if (!version) return version;
    if (auto r = tx->commit(); !r) return std::unexpected(r.error());
    return version;
}

Result<int> migrate(Database& db, const std::vector<Migration>& migrations) {
    if (auto r = check_sequence(migrations); !r) return std::unexpected(r.error());
    auto current = current_schema_version(db);
    if (!current) return current;
    int applied = 0;
    for (const Migration& m : migrations) {
        if (m.version <= *current) continue;
        auto tx = db.write();
        if (!tx) return migration_failed(m, tx.error());
        if (auto r = prepare_transaction(db, *tx); !r) return migration_failed(m, r.error());
        // Another node may have applied it since we looked (we now hold the lock).
        auto version = applied_version(*tx);
        if (!version) return migration_failed(m, version.error());
        if (*version >= m.version) continue;
        if (auto r = tx->exec_script(m.sql); !r) return migration_failed(m, r.error());
        const auto now =
            std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                .count();
        auto recorded = tx->query_with("INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)",
                                       m.version, m.name, static_cast<std::int64_t>(now));
        if (!recorded) return migration_failed(m, recorded.error());
        if (auto r = tx->commit(); !r) return migration_failed(m, r.error());
        ++applied;
    }
    return applied;
}

}  // namespace comptoir::storage
