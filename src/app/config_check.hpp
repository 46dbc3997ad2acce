#pragma once
// Checks of a loaded configuration against the machine: the files and
// directories it names, and the database it points to. load_config validates
// values alone; these look outside the process, so only the commands that need
// them run them (serve, check-config). Every error names the key to fix.
#include <string>

#include "app/config.hpp"

namespace comptoir::app {

/// theme.dir, paths.themes and paths.locales name directories that exist, and
/// every language of i18n.languages has its catalogue (locales/<code>.toml).
Result<void> check_paths(const Config& config);

/// Connects to database.url (creating nothing: a SQLite file that does not
/// exist yet is reported, not made) and compares its schema version with the
/// migrations. Returns one line for the operator: reachable, and whether the
/// schema is current or needs `comptoir migrate`. Fails, naming database.url,
/// when the database cannot be reached or opened, or is newer than this binary.
Result<std::string> check_database(const Config& config);

}  // namespace comptoir::app
