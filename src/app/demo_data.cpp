#include "app/demo_data.hpp"

#include <chrono>

#include "core/crypto.hpp"

namespace comptoir::app {
namespace {

struct DemoOrganisation {
    const char* slug;
    const char* name;
    const char* language;
};

struct DemoUser {
    const char* email;
    const char* name;
    const char* role;
    const char* organisation;  // slug; nullptr for the operator's staff
    const char* language;
    const char* time_zone;
    bool sees_organisation;
    const char* who;
};

constexpr DemoOrganisation kOrganisations[] = {
    {"boulangerie-martin", "Boulangerie Martin", "fr"},
    {"northwind-dental", "Northwind Dental Clinic", "en"},
    {"famille-dubois", "Famille Dubois", "fr"},
};

constexpr DemoUser kUsers[] = {
    {"admin@lumiere.example", "Élise Fontaine", "admin", nullptr, "fr", "Europe/Paris", false,
     "administrator, Lumière Énergie"},
    {"camille.rousseau@lumiere.example", "Camille Rousseau", "agent", nullptr, "fr", "Europe/Paris", false,
     "agent, French desk"},
    {"james.carter@lumiere.example", "James Carter", "agent", nullptr, "en", "Europe/London", false,
     "agent, English desk"},
    {"sophie.martin@boulangerie-martin.example", "Sophie Martin", "org_admin", "boulangerie-martin", "fr",
     "Europe/Paris", true, "organisation admin, Boulangerie Martin"},
    {"lucas.bernard@boulangerie-martin.example", "Lucas Bernard", "customer", "boulangerie-martin", "fr",
     "Europe/Paris", false, "customer, Boulangerie Martin (own requests only)"},
    {"emma.wilson@northwind-dental.example", "Emma Wilson", "org_admin", "northwind-dental", "en", "Europe/London",
     true, "organisation admin, Northwind Dental Clinic"},
    {"oliver.brown@northwind-dental.example", "Oliver Brown", "customer", "northwind-dental", "en", "America/New_York",
     true, "customer, Northwind Dental Clinic (sees the organisation)"},
    {"paul.dubois@famille-dubois.example", "Paul Dubois", "org_admin", "famille-dubois", "fr", "Europe/Paris", true,
     "household admin, Famille Dubois"},
};

// Demo passwords are printed by `seed-demo` and in the README; never use them elsewhere.
const char* demo_password(std::string_view role) {
    if (role == "admin") return "Demo-Admin-2026!";
    if (role == "agent") return "Demo-Agent-2026!";
    return "Demo-Client-2026!";
}

}  // namespace

Result<std::vector<DemoLogin>> load_demo_data(storage::Database& db) {
    const std::int64_t now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    auto tx = db.write();
    if (!tx) return std::unexpected(tx.error());

    for (const auto& org : kOrganisations) {
        auto r = tx->query_with(
            "INSERT INTO organisations (slug, name, default_language, created_at) VALUES ($1, $2, $3, $4) "
            "ON CONFLICT (slug) DO NOTHING",
            org.slug, org.name, org.language, now);
        if (!r) return std::unexpected(r.error());
    }

    std::vector<DemoLogin> logins;
    for (const auto& user : kUsers) {
        logins.push_back({user.role, user.email, demo_password(user.role), user.who});
        auto existing = tx->query_with("SELECT id FROM users WHERE email = $1", user.email);
        if (!existing) return std::unexpected(existing.error());
        if (!existing->empty()) continue;  // hashing is slow on purpose: skip users already there

        std::optional<std::int64_t> organisation_id;
        if (user.organisation) {
            auto org = tx->query_with("SELECT id FROM organisations WHERE slug = $1", user.organisation);
            if (!org) return std::unexpected(org.error());
            organisation_id = org->one().get<std::int64_t>(0);
        }
        auto hash = crypto::hash_password(demo_password(user.role));
        if (!hash) return std::unexpected(hash.error());
        auto r = tx->query_with(
            "INSERT INTO users (organisation_id, email, display_name, role, language, time_zone, password_hash, "
            "sees_organisation, active, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9)",
            organisation_id, user.email, user.name, user.role, user.language, user.time_zone, *hash,
            user.sees_organisation, now);
        if (!r) return std::unexpected(r.error());
    }
    if (auto r = tx->commit(); !r) return std::unexpected(r.error());
    return logins;
}

}  // namespace comptoir::app
