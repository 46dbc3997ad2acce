#pragma once
// The scale-out backend on plain libpq. Only storage/database.cpp includes
// this header; libpq's own headers stay inside postgres_database.cpp.
#include <memory>
#include <string>

#include "storage/database.hpp"

namespace comptoir::storage::postgres {

/// Checks the URL and returns a pool that connects lazily: an unreachable
/// server shows up as ErrorCode::unavailable from read()/write()/ping().
Result<std::unique_ptr<Database>> open(const std::string& url, const DatabaseOptions& options);

/// `message` with every occurrence of the password found in `url` (as written
/// and percent-decoded) replaced by "***". Messages from libpq may echo it.
std::string redact_password(const std::string& url, std::string message);

}  // namespace comptoir::storage::postgres
