#pragma once
// The domain services of one running node, built from the configuration and
// the database. Owned here; pages get pointers through web::Services.
#include <memory>

#include "app/config.hpp"
#include "core/secret_box.hpp"
#include "domain/accounts/api_keys.hpp"
#include "domain/accounts/auth_service.hpp"
#include "domain/accounts/mfa.hpp"
#include "domain/accounts/organisation_service.hpp"
#include "domain/accounts/profile_service.hpp"
#include "domain/accounts/sessions.hpp"
#include "domain/audit/audit_log.hpp"
#include "domain/kb/article_service.hpp"
#include "domain/kb/catalogue_service.hpp"
#include "domain/kb/feedback_service.hpp"
#include "domain/kb/search_service.hpp"
#include "storage/database.hpp"
#include "web/deps.hpp"

namespace comptoir::app {

/// The key that seals secrets at rest: auth.secret_key, else auth.secret_key_file
/// (created with a new random key when missing).
Result<crypto::SecretBox> open_secret_box(const Config& config);

struct AppServices {
    std::unique_ptr<crypto::SecretBox> secret_box;
    std::unique_ptr<audit::AuditLog> audit;
    std::unique_ptr<accounts::Sessions> sessions;
    std::unique_ptr<accounts::MfaService> mfa;
    std::unique_ptr<accounts::AuthService> auth;
    std::unique_ptr<accounts::ProfileService> profile;
    std::unique_ptr<accounts::OrganisationService> organisations;
    std::unique_ptr<accounts::ApiKeyService> api_keys;
    std::unique_ptr<kb::CatalogueService> kb_catalogue;
    std::unique_ptr<kb::ArticleService> kb_articles;
    std::unique_ptr<kb::FeedbackService> kb_feedback;
    std::unique_ptr<kb::SearchService> kb_search;

    /// Pointers for web::Deps.
    web::Services view() const;
};

Result<AppServices> build_services(const Config& config, storage::Database& db, Clock clock = system_clock());

}  // namespace comptoir::app
