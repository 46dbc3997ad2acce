#pragma once
// Signing in and out, self-service sign-up with e-mail verification, and
// password reset. Responses that could reveal whether an address has an
// account are the same either way (same result, same work, same e-mail count
// towards the throttle). Error public messages are catalogue keys ("auth.error.*").
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/accounts/mfa.hpp"
#include "domain/accounts/model.hpp"
#include "domain/accounts/sessions.hpp"
#include "domain/audit/audit_log.hpp"
#include "storage/database.hpp"

namespace comptoir::accounts {

struct AuthSettings {
    bool self_registration = false;
    std::int64_t reset_ttl_seconds = 15 * 60;
    std::int64_t verify_ttl_seconds = 48 * 3600;
};

struct SignInOutcome {
    NewSession session;
    bool mfa_due = false;  // the session is in the 'mfa' stage: ask for a code
    std::string language;  // the user's language, to remember in the language cookie
};

struct SignUp {
    std::string email;
    std::string display_name;
    std::string password;
    std::string language;
    std::string organisation_name;  // optional: a company; empty: a household named after the person
};

class AuthService {
  public:
    AuthService(storage::Database& db, const Sessions& sessions, MfaService& mfa, const audit::AuditLog& audit,
                AuthSettings settings, Clock clock);

    const AuthSettings& settings() const { return settings_; }

    /// Checks e-mail and password (throttled per account and per client address).
    Result<SignInOutcome> sign_in(std::string_view email, std::string_view password, const RequestMeta& meta);
    /// Second step: a TOTP or recovery code for a session in the 'mfa' stage.
    /// The session gets a new token (privilege change).
    Result<NewSession> complete_mfa(std::int64_t session_id, std::string_view code, const RequestMeta& meta);
    Result<void> sign_out(const Principal& who, const RequestMeta& meta);

    /// Self sign-up (when enabled): creates an unverified customer and mails a
    /// verification link; an address that already has an account gets a mail
    /// saying so instead. Same outcome either way.
    Result<void> sign_up(const SignUp& request, const RequestMeta& meta);
    /// Follows a verification link: the address is verified, sign-in allowed.
    Result<void> verify_email(std::string_view token, const RequestMeta& meta);

    /// Mails a reset link valid 15 minutes, in the account's language, if the
    /// address has an account. Succeeds either way (throttled per address).
    Result<void> request_password_reset(std::string_view email, const RequestMeta& meta);
    /// Checks a reset link is valid (before showing the form).
    Result<void> check_reset_token(std::string_view token);
    /// Sets a new password from a reset link: ends every session (MFA is still
    /// asked at the next sign-in) and e-mails a notice.
    Result<void> reset_password(std::string_view token, std::string_view new_password, const RequestMeta& meta);

  private:
    storage::Database& db_;
    const Sessions& sessions_;
    MfaService& mfa_;
    const audit::AuditLog& audit_;
    AuthSettings settings_;
    Clock clock_;
    std::string dummy_hash_;  // verified against for unknown addresses, so timing does not tell
};

/// Checks a new password against the policy; the error names the problem
/// ("auth.error.password_too_short", …).
Result<void> check_new_password(std::string_view password);

}  // namespace comptoir::accounts
