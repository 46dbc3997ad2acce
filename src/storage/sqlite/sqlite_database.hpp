#pragma once
// The embedded backend. Only storage/database.cpp includes this header.
#include <memory>
#include <string>

#include "storage/database.hpp"

namespace comptoir::storage::sqlite {

/// Opens (creating it and its parent directories if needed) the SQLite file at `path`.
Result<std::unique_ptr<Database>> open(const std::string& path, const DatabaseOptions& options);

}  // namespace comptoir::storage::sqlite
