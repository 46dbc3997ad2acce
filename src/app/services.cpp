#include "app/services.hpp"

#include <spdlog/spdlog.h>

namespace comptoir::app {

Result<crypto::SecretBox> open_secret_box(const Config& config) {
    if (!config.auth.secret_key_hex.empty()) return crypto::SecretBox::from_hex(config.auth.secret_key_hex);
    auto box = crypto::SecretBox::from_file(config.auth.secret_key_file, /*create_if_missing=*/true);
    if (!box) {
        return fail(ErrorCode::invalid_input, "auth.secret_key_file: " + box.error().public_message,
                    box.error().internal_detail);
    }
    return box;
}

web::Services AppServices::view() const {
    web::Services s;
    s.sessions = sessions.get();
    s.auth = auth.get();
    s.mfa = mfa.get();
    s.profile = profile.get();
    s.organisations = organisations.get();
    s.api_keys = api_keys.get();
    s.audit = audit.get();
    s.kb_catalogue = kb_catalogue.get();
    s.kb_articles = kb_articles.get();
    s.kb_feedback = kb_feedback.get();
    s.kb_search = kb_search.get();
    return s;
}

Result<AppServices> build_services(const Config& config, storage::Database& db, Clock clock) {
    AppServices s;
    auto box = open_secret_box(config);
    if (!box) return std::unexpected(box.error());
    s.secret_box = std::make_unique<crypto::SecretBox>(std::move(*box));
    s.audit = std::make_unique<audit::AuditLog>(db.backend());
    s.sessions = std::make_unique<accounts::Sessions>(
        db, accounts::SessionSettings{config.auth.session_idle.count(), config.auth.session_absolute.count()}, clock);
    s.mfa = std::make_unique<accounts::MfaService>(db, *s.secret_box, *s.sessions, *s.audit, config.brand.name, clock);
    accounts::AuthSettings auth_settings;
    auth_settings.self_registration = config.auth.self_registration;
    s.auth = std::make_unique<accounts::AuthService>(db, *s.sessions, *s.mfa, *s.audit, auth_settings, clock);
    s.profile = std::make_unique<accounts::ProfileService>(db, *s.sessions, *s.audit, clock);
    s.organisations = std::make_unique<accounts::OrganisationService>(db, *s.sessions, *s.audit, clock);
    s.organisations->set_invitation_ttl(config.auth.invitation_ttl.count());
    s.api_keys = std::make_unique<accounts::ApiKeyService>(db, *s.sessions, *s.audit, clock);
    kb::Languages languages{config.default_language, config.languages};
    s.kb_catalogue = std::make_unique<kb::CatalogueService>(db, *s.audit, languages, clock);
    s.kb_articles = std::make_unique<kb::ArticleService>(db, *s.audit, languages, clock);
    s.kb_feedback = std::make_unique<kb::FeedbackService>(db, *s.audit, clock);
    s.kb_search = std::make_unique<kb::SearchService>(db, languages, clock);
    return s;
}

}  // namespace comptoir::app
