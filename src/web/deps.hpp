#pragma once
// What page actions need, built once by the composition root (src/app) and
// passed by reference: no globals.
#include <string>

#include "http/assets.hpp"
#include "http/metrics.hpp"
#include "render/i18n.hpp"
#include "render/templates.hpp"
#include "storage/database.hpp"

namespace comptoir::accounts {
class Sessions;
class AuthService;
class MfaService;
class ProfileService;
class OrganisationService;
class ApiKeyService;
}  // namespace comptoir::accounts
namespace comptoir::audit {
class AuditLog;
}
namespace comptoir::kb {
class CatalogueService;
class ArticleService;
class FeedbackService;
class SearchService;
}  // namespace comptoir::kb

namespace comptoir::web {

class KbRuntime;  // web/kb/runtime.hpp: public page cache and buffered view counts

/// Operator settings the pages show.
struct Site {
    std::string brand_name = "Comptoir";
    std::string logo_asset;          // logical asset path ("img/logo.svg"); empty: the name is the logo
    std::string public_url;          // "https://support.example.com"; empty: taken from the Host header
    bool self_registration = false;  // the sign-in page offers "create an account"
};

/// The domain services pages call, built by the composition root. Null in
/// tests and benchmarks that do not need them.
struct Services {
    accounts::Sessions* sessions = nullptr;
    accounts::AuthService* auth = nullptr;
    accounts::MfaService* mfa = nullptr;
    accounts::ProfileService* profile = nullptr;
    accounts::OrganisationService* organisations = nullptr;
    accounts::ApiKeyService* api_keys = nullptr;
    const audit::AuditLog* audit = nullptr;
    kb::CatalogueService* kb_catalogue = nullptr;
    kb::ArticleService* kb_articles = nullptr;
    kb::FeedbackService* kb_feedback = nullptr;
    kb::SearchService* kb_search = nullptr;
};

struct Deps {
    const render::I18n& i18n;
    const render::TemplateEngine& templates;
    const http::AssetStore& assets;
    storage::Database& db;
    const http::Metrics& metrics;
    Site site;
    bool test_routes = false;
    Services services;
    KbRuntime* kb_runtime = nullptr;  // null: no page cache, views not counted
};

}  // namespace comptoir::web
