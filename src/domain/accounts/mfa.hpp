#pragma once
// TOTP second factor and recovery codes. The TOTP seed is stored sealed with
// the SecretBox key (which lives outside the database); recovery codes are
// stored hashed and shown once. Verification attempts are throttled per user
// (scope "mfa"), so restarting the sign-in does not reset the count.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/secret_box.hpp"
#include "domain/accounts/model.hpp"
#include "domain/accounts/users.hpp"
#include "domain/audit/audit_log.hpp"
#include "storage/database.hpp"

namespace comptoir::accounts {

class Sessions;

inline constexpr int kRecoveryCodeCount = 10;

struct Enrolment {
    std::string secret_base32;  // shown as text beside the QR code
    std::string otpauth_uri;    // encoded in the QR code
};

class MfaService {
  public:
    MfaService(storage::Database& db, const crypto::SecretBox& box, const Sessions& sessions,
               const audit::AuditLog& audit, std::string issuer, Clock clock);

    /// Starts (or restarts) enrolment: a new secret, stored sealed but not yet
    /// trusted. The password is required, as for every change of the second
    /// factor: a stolen session must not be able to put its own authenticator
    /// on the account. Fails with conflict when MFA is already on.
    Result<Enrolment> begin_enrolment(const Principal& who, std::string_view password, const RequestMeta& meta);
    /// The pending enrolment again (page reload), or not_found.
    Result<Enrolment> pending_enrolment(const Principal& who);
    /// Confirms with a first code: MFA on, other sessions ended, a notice
    /// e-mailed; returns the ten recovery codes (shown once).
    Result<std::vector<std::string>> confirm_enrolment(const Principal& who, std::string_view code,
                                                       const RequestMeta& meta);
    /// New recovery codes replacing the old ones (password required).
    Result<std::vector<std::string>> regenerate_recovery_codes(const Principal& who, std::string_view password,
                                                               const RequestMeta& meta);
    /// Turns MFA off (password required); refused (forbidden) when the role or
    /// the organisation requires MFA.
    Result<void> disable(const Principal& who, std::string_view password, const RequestMeta& meta);
    /// Unused recovery codes left.
    Result<int> recovery_codes_left(const Principal& who);

    /// During sign-in, in the caller's transaction: accepts a current TOTP code
    /// (not one already used: replay refused) or an unused recovery code.
    /// Each attempt is counted as a failure before the code is checked (reset
    /// on success); a locked user gets ErrorCode::rate_limited. The caller
    /// commits `tx` whatever the outcome, so failures are recorded.
    Result<void> verify(storage::Transaction& tx, const UserRecord& user, std::string_view code,
                        const RequestMeta& meta);

  private:
    Enrolment enrolment_for(const UserRecord& user, std::string_view secret) const;
    /// The user when `password` is theirs; wrong passwords are throttled (scope "reauth").
    Result<UserRecord> check_password(const Principal& who, std::string_view password, const RequestMeta& meta);

    storage::Database& db_;
    const crypto::SecretBox& box_;
    const Sessions& sessions_;
    const audit::AuditLog& audit_;
    std::string issuer_;
    Clock clock_;
};

}  // namespace comptoir::accounts
