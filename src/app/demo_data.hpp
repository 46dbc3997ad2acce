#pragma once
// The demo company: Lumière Énergie, which sells and services home energy
// equipment, with French and English customer organisations, contacts,
// agents and an administrator. Loading is idempotent.
#include <string>
#include <vector>

#include "core/error.hpp"
#include "storage/database.hpp"

namespace comptoir::app {

struct DemoLogin {
    std::string role, email, password, who;
};

/// The demo administrator's address (author of the demo knowledge base).
inline constexpr const char* kDemoAuthorEmail = "admin@lumiere.example";

/// Inserts what is missing of the demo data; returns every demo login.
Result<std::vector<DemoLogin>> load_demo_data(storage::Database& db);

}  // namespace comptoir::app
