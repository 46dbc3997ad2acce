#pragma once
// Reading user rows: one column list and one mapping, shared by every service
// of the module, so a new column is added in one place.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "domain/accounts/model.hpp"
#include "storage/database.hpp"

namespace comptoir::accounts {

struct UserRecord {
    std::int64_t id = 0;
    std::optional<std::int64_t> organisation_id;
    std::string email;
    std::string display_name;
    Role role = Role::customer;
    std::string language;
    std::string time_zone;
    std::optional<std::string> password_hash;  // nullopt: invited, no password yet
    bool sees_organisation = false;
    bool active = true;
    bool email_verified = true;
    std::string phone, postal_address, billing_address;
    bool notify_updates = true;
    bool notify_news = false;
    std::optional<std::string> mfa_secret;  // sealed
    std::optional<std::int64_t> mfa_enabled_at;
    std::int64_t mfa_last_step = 0;
    bool organisation_requires_mfa = false;
    bool organisation_active = true;
    std::int64_t created_at = 0;

    bool mfa_enabled() const { return mfa_enabled_at.has_value(); }
    /// Staff must use MFA; an organisation may require it of its contacts.
    bool mfa_required() const { return is_staff(role) || organisation_requires_mfa; }
    /// May sign in at all.
    bool can_sign_in() const { return active && organisation_active && email_verified && password_hash.has_value(); }
};

Principal to_principal(const UserRecord& user, std::int64_t session_id = 0);

Result<std::optional<UserRecord>> find_user(storage::Transaction& tx, std::int64_t id);
/// `email` must already be normalised.
Result<std::optional<UserRecord>> find_user_by_email(storage::Transaction& tx, std::string_view email);

/// Trimmed and lower-cased (ASCII letters).
std::string normalise_email(std::string_view email);
/// A plausible single address: local@domain.tld, at most 254 bytes, no spaces,
/// control characters, or a second '@'.
bool is_valid_email(std::string_view email);

/// The SELECT column list and FROM clause that read_user() understands; add a
/// WHERE clause after it.
extern const std::string_view kUserSelect;
UserRecord read_user(const storage::Row& row);

}  // namespace comptoir::accounts
