#pragma once
// The subcommands of the `comptoir` binary. Each returns the process exit code.
#include "app/config.hpp"

namespace comptoir::app {

/// serve: checks the schema, builds every component and serves HTTP until SIGTERM.
int serve(const Config& config);
/// migrate: creates or upgrades the database schema.
int migrate(const Config& config);
/// seed-demo: loads the demo company (idempotent) and prints its logins.
int seed_demo(const Config& config);
/// check-config: validates the configuration, that templates, catalogues and assets load, and that the
/// database answers (its schema version: current, or behind and needing `comptoir migrate`).
int check_config(const Config& config);

}  // namespace comptoir::app
