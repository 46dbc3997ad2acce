#pragma once
// The signed-in user's own account: profile and preferences, password and
// e-mail address changes, and the list of their sessions ("your devices").
// Every method acts on the principal's own account only; error public
// messages are catalogue keys ("account.error.*").
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/accounts/model.hpp"
#include "domain/accounts/sessions.hpp"
#include "domain/audit/audit_log.hpp"
#include "storage/database.hpp"

namespace comptoir::accounts {

/// What the account pages show of a user: no password hash, no MFA secret.
struct Profile {
    std::int64_t id = 0;
    std::string email;
    std::string display_name;
    Role role = Role::customer;
    std::string phone, postal_address, billing_address;
    std::string language;
    std::string time_zone;
    bool notify_updates = true;
    bool notify_news = false;
    bool mfa_enabled = false;
    bool mfa_required = false;
};

/// The editable fields of the profile form, as typed.
struct ProfileUpdate {
    std::string display_name;
    std::string phone;
    std::string postal_address;
    std::string billing_address;
    std::string language;
    std::string time_zone;
    bool notify_updates = false;
    bool notify_news = false;
};

/// What the installation offers, known to the caller: the configured languages
/// and a check of time-zone names (ICU lives in the rendering layer, not here).
struct ProfileChoices {
    std::vector<std::string> languages;
    std::function<bool(std::string_view)> time_zone_exists;
};

/// One problem with one field of the form: `key` is a catalogue key.
struct FieldError {
    std::string field;  // "display_name", "phone", …
    std::string key;    // "account.error.phone_invalid"
};

/// Every problem of `update`, in form order (empty: valid). Pages use it to
/// mark each field; update_profile() refuses with the first one.
std::vector<FieldError> check_profile(const ProfileUpdate& update, const ProfileChoices& choices);

/// `update` as it is stored: name trimmed, line ends as "\n".
ProfileUpdate normalised(ProfileUpdate update);

class ProfileService {
  public:
    ProfileService(storage::Database& db, const Sessions& sessions, const audit::AuditLog& audit, Clock clock)
        : db_(db), sessions_(sessions), audit_(audit), clock_(std::move(clock)) {}

    /// Seconds an e-mail change link stays valid.
    static constexpr std::int64_t kEmailChangeTtlSeconds = 24 * 3600;

    Result<Profile> profile(const Principal& who) const;

    /// Saves the profile form; the audit event names the changed fields, not their values.
    Result<void> update_profile(const Principal& who, const ProfileUpdate& update, const ProfileChoices& choices,
                                const RequestMeta& meta);

    /// Needs the current password (a wrong one counts towards the sign-in
    /// throttle of the account, so this form cannot be used to guess it). Ends
    /// every other session of the user and e-mails a notice.
    Result<void> change_password(const Principal& who, std::string_view current_password, std::string_view new_password,
                                 const RequestMeta& meta);

    /// Needs the current password; mails a confirmation link to the new address.
    /// An address that already has an account gets the same answer and no mail,
    /// so this form does not tell which addresses have accounts.
    Result<void> request_email_change(const Principal& who, std::string_view password, std::string_view new_email,
                                      const RequestMeta& meta);
    /// The new address a confirmation link is for (to show before confirming).
    Result<std::string> peek_email_change(std::string_view token) const;
    /// Follows the confirmation link: the new address replaces the old one,
    /// which receives a notice. The link works once.
    Result<void> confirm_email_change(std::string_view token, const RequestMeta& meta);

    /// The user's live sessions, most recently used first.
    Result<std::vector<SessionRecord>> sessions(const Principal& who) const;
    /// Ends one of the user's own sessions; any other id is not_found.
    Result<void> revoke_session(const Principal& who, std::int64_t session_id, const RequestMeta& meta);
    /// Ends every session of the user but the current one; returns how many ended.
    Result<std::int64_t> revoke_other_sessions(const Principal& who, const RequestMeta& meta);

  private:
    storage::Database& db_;
    const Sessions& sessions_;
    const audit::AuditLog& audit_;
    Clock clock_;
};

}  // namespace comptoir::accounts
