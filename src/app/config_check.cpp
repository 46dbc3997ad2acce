#include "app/config_check.hpp"

#include <unistd.h>

#include <filesystem>

#include "storage/migrations.hpp"

namespace comptoir::app {
namespace {

namespace fs = std::filesystem;

// libpq's messages span several lines; the operator gets one.
std::string one_line(std::string_view text) {
    std::string out;
    bool gap = false;
    for (char c : text) {
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
            gap = !out.empty();
            continue;
        }
        if (gap) out += ' ';
        gap = false;
        out += c;
    }
    return out;
}

std::string describe(const Error& error) {
    std::string text = error.public_message;
    if (!error.internal_detail.empty()) text += " (" + error.internal_detail + ")";
    return one_line(text);
}

// What went wrong talking to the server: the backend's own words when it gave
// some ("connection refused"), rather than the generic "database unavailable".
std::string cause(const Error& error) {
    return one_line(error.internal_detail.empty() ? error.public_message : error.internal_detail);
}

// check-config changes nothing, so the applied version is read without the
// CREATE TABLE IF NOT EXISTS that storage::current_schema_version runs first.
constexpr std::string_view kSqliteHasVersions =
    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";
constexpr std::string_view kPostgresHasVersions =
    "SELECT CASE WHEN to_regclass('schema_version') IS NULL THEN 0 ELSE 1 END";
constexpr std::string_view kAppliedVersion = "SELECT COALESCE(MAX(version), 0) FROM schema_version";

Result<int> applied_version(storage::Database& db) {
    auto tx = db.read();
    if (!tx) return std::unexpected(tx.error());
    auto has = tx->query(db.backend() == storage::Backend::sqlite ? kSqliteHasVersions : kPostgresHasVersions);
    if (!has) return std::unexpected(has.error());
    if (has->one().get<std::int64_t>(0) == 0) return 0;
    auto version = tx->query(kAppliedVersion);
    if (!version) return std::unexpected(version.error());
    return static_cast<int>(version->one().get<std::int64_t>(0));
}

Result<int> latest_version(const Config& config, storage::Backend backend) {
    auto migrations = storage::load_migrations(config.migrations_dir, backend);
    if (!migrations) return fail(ErrorCode::invalid_input, "paths.migrations: " + describe(migrations.error()));
    return migrations->empty() ? 0 : migrations->back().version;
}

// The nearest existing directory above `file`: where `comptoir migrate` would
// create the missing directories and the database.
fs::path existing_ancestor(const fs::path& file) {
    std::error_code ec;
    fs::path dir = fs::absolute(file, ec).parent_path();
    while (dir.has_relative_path() && !fs::exists(dir, ec)) dir = dir.parent_path();
    return dir;
}

}  // namespace

Result<void> check_paths(const Config& config) {
    std::error_code ec;
    if (!config.theme_dir.empty() && !fs::is_directory(config.theme_dir, ec))
        return fail(ErrorCode::invalid_input, "theme.dir: " + config.theme_dir.string() + " is not a directory");
    if (!fs::is_directory(config.themes_root / "default", ec))
        return fail(ErrorCode::invalid_input,
                    "paths.themes: " + config.themes_root.string() + " holds no default/ theme directory");
    if (!fs::is_directory(config.locales_dir, ec))
        return fail(ErrorCode::invalid_input, "paths.locales: " + config.locales_dir.string() + " is not a directory");
    for (const auto& language : config.languages) {
        const auto catalogue = config.locales_dir / (language + ".toml");
        if (!fs::is_regular_file(catalogue, ec))
            return fail(ErrorCode::invalid_input,
                        "i18n.languages: \"" + language + "\" has no catalogue " + catalogue.string());
    }
    return {};
}

Result<std::string> check_database(const Config& config) {
    const std::string& url = config.database.url;
    // Opening a SQLite file creates it: a check must not leave an empty database behind.
    if (url.starts_with("sqlite:")) {
        const fs::path file = url.substr(7);
        std::error_code ec;
        const bool special = file == ":memory:" || url.starts_with("sqlite:file:");  // refused by open_database
        if (!special && !fs::exists(file, ec)) {
            const auto dir = existing_ancestor(file);
            if (!fs::is_directory(dir, ec) || ::access(dir.c_str(), W_OK) != 0)
                return fail(ErrorCode::unavailable, "database.url: cannot create " + file.string() + ": " +
                                                        dir.string() + " is not a writable directory");
            auto latest = latest_version(config, storage::Backend::sqlite);
            if (!latest) return std::unexpected(latest.error());
            return "database: sqlite file " + file.string() + " does not exist yet; `comptoir migrate` creates it " +
                   "(schema version " + std::to_string(*latest) + ")";
        }
    }
    auto db = storage::open_database(config.database);
    if (!db) return fail(db.error().code, describe(db.error()));  // these messages name database.url
    const std::string backend(storage::to_string((*db)->backend()));
    if (auto ping = (*db)->ping(); !ping)
        return fail(ErrorCode::unavailable,
                    "database.url: cannot reach the " + backend + " database: " + cause(ping.error()));
    auto latest = latest_version(config, (*db)->backend());
    if (!latest) return std::unexpected(latest.error());
    auto current = applied_version(**db);
    if (!current)
        return fail(ErrorCode::unavailable, "database.url: cannot read the schema version: " + cause(current.error()));
    if (*current > *latest)
        return fail(ErrorCode::unavailable, "database.url: the schema is at version " + std::to_string(*current) +
                                                ", newer than this comptoir knows (" + std::to_string(*latest) +
                                                "): upgrade comptoir");
    std::string line = "database: " + backend + " reachable, schema version " + std::to_string(*current);
    if (*current == *latest) return line + " (current)";
    return line + ", behind " + std::to_string(*latest) + ": run `comptoir migrate` before `comptoir serve`";
}

}  // namespace comptoir::app
