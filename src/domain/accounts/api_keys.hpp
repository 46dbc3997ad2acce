#pragma once
// API keys for integrations: created by admins, shown once, stored hashed, scoped, revocable.
//
// A key reads "ck_" + 12 hex (the prefix, stored in clear to find the row) +
// "_" + 64 hex of secret. The database keeps the prefix and the SHA-256 of the
// whole key, so a leaked table yields no usable key. The reads an integration
// may make are here too, so that the scope check sits beside the data it guards.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/accounts/model.hpp"
#include "domain/audit/audit_log.hpp"
#include "storage/database.hpp"

namespace comptoir::accounts {

class Sessions;

/// Every scope a key may carry; anything else is refused at creation.
inline constexpr std::array<std::string_view, 3> kApiScopes = {"organisations:read", "users:read", "kb:read"};

/// A key as the admin page lists it: never its secret.
struct ApiKeyInfo {
    std::int64_t id = 0;
    std::string name;
    std::string prefix;  // "ck_0123456789ab": identifies the key in lists and logs
    std::vector<std::string> scopes;
    std::optional<std::int64_t> created_by;
    std::string created_by_email;  // empty when the creator was deleted
    std::int64_t created_at = 0;
    std::optional<std::int64_t> last_used_at;
    std::optional<std::int64_t> revoked_at;

    bool revoked() const { return revoked_at.has_value(); }
};

/// A key just created: `key` is the full text, shown once and never again.
struct NewApiKey {
    ApiKeyInfo info;
    std::string key;
};

/// Who is calling the API: resolved from the Authorization header once per request.
struct ApiPrincipal {
    std::int64_t key_id = 0;
    std::string name;
    std::vector<std::string> scopes;
    std::optional<std::int64_t> created_by;

    bool has_scope(std::string_view scope) const;
};

/// An organisation as the API lists it.
struct ApiOrganisation {
    std::int64_t id = 0;
    std::string slug;
    std::string name;
    std::int64_t members = 0;
};

struct ApiOrganisationPage {
    std::vector<ApiOrganisation> items;
    int page = 1;
    bool has_more = false;
};

/// A contact as the API lists it (no password, MFA or session data).
struct ApiUser {
    std::int64_t id = 0;
    std::string email;
    std::string display_name;
    Role role = Role::customer;
    bool active = true;
    std::int64_t created_at = 0;
};

class ApiKeyService {
  public:
    ApiKeyService(storage::Database& db, const Sessions& sessions, const audit::AuditLog& audit, Clock clock)
        : db_(db), sessions_(sessions), audit_(audit), clock_(std::move(clock)) {}

    static constexpr std::size_t kMaxNameLength = 100;
    static constexpr int kPageSize = 50;

    /// Creates a key named `name` with `scopes` (each from kApiScopes, at least
    /// one). Admins only (anyone else: not_found). Audited as api_key.created.
    Result<NewApiKey> create(const Principal& who, std::string_view name, const std::vector<std::string>& scopes,
                             const RequestMeta& meta) const;

    /// Every key, newest first. Admins only.
    Result<std::vector<ApiKeyInfo>> list(const Principal& who) const;

    /// Revokes key `id` (idempotent: revoking a revoked key changes nothing).
    /// Admins only; an unknown id is not_found. Audited as api_key.revoked.
    Result<void> revoke(const Principal& who, std::int64_t id, const RequestMeta& meta) const;

    /// The principal of a key, or nullopt when the text is malformed, unknown,
    /// has a wrong secret, or the key is revoked. Records the use (at most once a minute).
    Result<std::optional<ApiPrincipal>> authenticate(std::string_view key_text) const;

    /// Organisations whose name or slug contains `query` (case-insensitive for
    /// ASCII), by name, kPageSize per page (`page` from 1). Scope organisations:read.
    Result<ApiOrganisationPage> organisations(const ApiPrincipal& caller, std::string_view query, int page) const;

    /// The contacts of organisation `id` (not_found when there is none). Scope users:read.
    Result<std::vector<ApiUser>> organisation_users(const ApiPrincipal& caller, std::int64_t id) const;

  private:
    storage::Database& db_;
    const Sessions& sessions_;
    const audit::AuditLog& audit_;
    Clock clock_;
};

/// True when `key_text` has the shape of a key (it may still be unknown).
bool looks_like_api_key(std::string_view key_text);

}  // namespace comptoir::accounts
