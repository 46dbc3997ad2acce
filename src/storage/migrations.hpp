#pragma once
// Numbered migrations: migrations/<backend>/NNNN_name.sql, each applied in its
// own transaction and recorded in schema_version (version, name, applied_at).
#include <filesystem>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace comptoir::storage {

struct Migration {
    int version = 0;
    std::string name;  // file name without .sql
    std::string sql;
};

/// Reads `root`/<backend>/*.sql (root is normally "migrations"), sorted by version; refuses gaps
/// and duplicate numbers.
Result<std::vector<Migration>> load_migrations(const std::filesystem::path& root, Backend backend);

/// The highest applied version (0 on a fresh database; creates schema_version).
Result<int> current_schema_version(Database& db);

/// Applies every migration above the current version, each in its own
/// transaction. Returns the number applied.
Result<int> migrate(Database& db, const std::vector<Migration>& migrations);

}  // namespace comptoir::storage
