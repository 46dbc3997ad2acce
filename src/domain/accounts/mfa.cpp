#include "domain/accounts/mfa.hpp"

#include <algorithm>
#include <chrono>
#include <optional>

#include "core/crypto.hpp"
#include "core/totp.hpp"
#include "domain/accounts/notices.hpp"
#include "domain/accounts/sessions.hpp"
#include "domain/accounts/throttle.hpp"

namespace comptoir::accounts {
namespace {

// Recovery codes use lower-case letters and digits without the look-alikes
// (0/o, 1/l/i): 31 symbols, 12 of them per code = 59 bits, read aloud or typed
// from paper without confusion.
constexpr std::string_view kRecoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
constexpr std::size_t kRecoveryLength = 12;
constexpr std::size_t kRecoveryGroup = 4;

// Password re-checks before changing the second factor: a stolen session
// must not be able to guess the password at full speed.
const ThrottlePolicy kReauth{"reauth", 5, 15 * 60, 30, 15 * 60};

std::string associated_data(std::int64_t user_id) { return "totp:user:" + std::to_string(user_id); }
std::string subject_of(std::int64_t user_id) { return std::to_string(user_id); }
std::string target_of(std::int64_t user_id) { return "user:" + std::to_string(user_id); }

std::chrono::system_clock::time_point time_of(std::int64_t unix_seconds) {
    return std::chrono::system_clock::time_point{std::chrono::seconds{unix_seconds}};
}

template <class T>
std::unexpected<Error> error_of(const Result<T>& r) {
    return std::unexpected(r.error());
}

// Uniform symbols by rejection sampling: bytes ≥ 248 (8 × 31) are dropped so
// that no symbol is more likely than another.
std::string random_recovery_code() {
    const std::size_t n = kRecoveryAlphabet.size();
    const unsigned limit = 256 - (256 % n);
    std::string symbols;
    while (symbols.size() < kRecoveryLength) {
        const std::string hex = crypto::random_hex(32);
        for (std::size_t i = 0; i + 1 < hex.size() && symbols.size() < kRecoveryLength; i += 2) {
            const unsigned byte = static_cast<unsigned>(std::stoul(hex.substr(i, 2), nullptr, 16));
            if (byte < limit) symbols += kRecoveryAlphabet[byte % n];
        }
    }
    std::string code;
    for (std::size_t i = 0; i < symbols.size(); ++i) {
        if (i > 0 && i % kRecoveryGroup == 0) code += '-';
        code += symbols[i];
    }
    return code;
}

// What a recovery code is compared as: lower case, without dashes and spaces.
// nullopt when what remains cannot be a recovery code.
std::optional<std::string> normalise_recovery_code(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '-' || c == ' ' || c == '\t') continue;
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (kRecoveryAlphabet.find(c) == std::string_view::npos) return std::nullopt;
        out += c;
    }
    if (out.size() != kRecoveryLength) return std::nullopt;
    return out;
}

std::string recovery_hash(std::string_view normalised) { return crypto::sha256_hex(normalised); }

// A TOTP code as typed: spaces removed; nullopt unless exactly six digits remain.
std::optional<std::string> totp_digits(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == ' ' || c == '\t') continue;
        if (c < '0' || c > '9') return std::nullopt;
        out += c;
    }
    if (out.size() != static_cast<std::size_t>(totp::kDigits)) return std::nullopt;
    return out;
}

bool blank(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t'; });
}

Result<UserRecord> load_user(storage::Transaction& tx, const Principal& who) {
    auto user = find_user(tx, who.user_id);
    if (!user) return error_of(user);
    if (!*user) return fail(ErrorCode::not_found, "mfa.error.unavailable", "no user " + std::to_string(who.user_id));
    return std::move(**user);
}

// Ten new codes replace every previous one; returns them in plain text.
Result<std::vector<std::string>> replace_recovery_codes(storage::Transaction& tx, std::int64_t user_id) {
    if (auto r = tx.query_with("DELETE FROM recovery_codes WHERE user_id = $1", user_id); !r) return error_of(r);
    std::vector<std::string> codes;
    for (int i = 0; i < kRecoveryCodeCount; ++i) {
        codes.push_back(random_recovery_code());
        const auto hash = recovery_hash(*normalise_recovery_code(codes.back()));
        if (auto r = tx.query_with("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)", user_id, hash);
            !r)
            return error_of(r);
    }
    return codes;
}

std::optional<std::int64_t> keep_session(const Principal& who) {
    if (who.session_id == 0) return std::nullopt;
    return who.session_id;
}

}  // namespace

MfaService::MfaService(storage::Database& db, const crypto::SecretBox& box, const Sessions& sessions,
                       const audit::AuditLog& audit, std::string issuer, Clock clock)
    : db_(db), box_(box), sessions_(sessions), audit_(audit), issuer_(std::move(issuer)), clock_(std::move(clock)) {}

Enrolment MfaService::enrolment_for(const UserRecord& user, std::string_view secret) const {
    return Enrolment{totp::to_base32(secret), totp::otpauth_uri(issuer_, user.email, secret)};
}

Result<Enrolment> MfaService::begin_enrolment(const Principal& who, std::string_view password,
                                              const RequestMeta& meta) {
    auto checked = check_password(who, password, meta);
    if (!checked) return error_of(checked);
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return error_of(tx);
    auto user = load_user(*tx, who);
    if (!user) return error_of(user);
    if (user->mfa_enabled()) return fail(ErrorCode::conflict, "mfa.error.already_enabled");
    const std::string secret = totp::generate_secret();
    // Guarded on mfa_enabled_at so a confirmation racing with this cannot be undone.
    auto saved = tx->query_with("UPDATE users SET mfa_secret = $1 WHERE id = $2 AND mfa_enabled_at IS NULL",
                                box_.seal(secret, associated_data(user->id)), user->id);
    if (!saved) return error_of(saved);
    if (saved->affected != 1) return fail(ErrorCode::conflict, "mfa.error.already_enabled");
    if (auto r = audit_.append(*tx, audit_event(meta, "mfa.enrolment_started", &who, target_of(user->id)), now); !r)
        return error_of(r);
    if (auto r = tx->commit(); !r) return error_of(r);
    return enrolment_for(*user, secret);
}

Result<Enrolment> MfaService::pending_enrolment(const Principal& who) {
    auto tx = db_.read();
    if (!tx) return error_of(tx);
    auto user = load_user(*tx, who);
    if (!user) return error_of(user);
    if (user->mfa_enabled() || !user->mfa_secret) return fail(ErrorCode::not_found, "mfa.error.no_enrolment");
    auto secret = box_.open(*user->mfa_secret, associated_data(user->id));
    if (!secret) return error_of(secret);
    return enrolment_for(*user, *secret);
}

Result<std::vector<std::string>> MfaService::confirm_enrolment(const Principal& who, std::string_view code,
                                                               const RequestMeta& meta) {
    if (blank(code)) return fail(ErrorCode::invalid_input, "mfa.error.code_required");
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return error_of(tx);
    const std::string subject = subject_of(who.user_id);
    // Counted as a failure up front (the row stays locked until commit on
    // PostgreSQL); an early return rolls the count back.
    auto attempt = Throttle::begin_attempt(*tx, throttles::mfa, subject, now);
    if (!attempt) return error_of(attempt);
    if (!attempt->allowed()) return fail(ErrorCode::rate_limited, "mfa.error.throttled");
    auto user = load_user(*tx, who);
    if (!user) return error_of(user);
    if (user->mfa_enabled()) return fail(ErrorCode::conflict, "mfa.error.already_enabled");
    if (!user->mfa_secret) return fail(ErrorCode::not_found, "mfa.error.no_enrolment");
    auto secret = box_.open(*user->mfa_secret, associated_data(user->id));
    if (!secret) return error_of(secret);

    std::optional<std::int64_t> step;
    if (auto digits = totp_digits(code)) step = totp::verify(*secret, *digits, time_of(now));
    if (!step) {
        if (auto r = audit_.append(*tx, audit_event(meta, "mfa.enrolment_failed", &who, target_of(user->id)), now); !r)
            return error_of(r);
        if (auto r = tx->commit(); !r) return error_of(r);
        return fail(ErrorCode::unauthenticated, "mfa.error.invalid_code");
    }

    auto enabled = tx->query_with(
        "UPDATE users SET mfa_enabled_at = $1, mfa_last_step = $2 WHERE id = $3 AND mfa_enabled_at IS NULL "
        "AND mfa_secret = $4",
        now, *step, user->id, *user->mfa_secret);
    if (!enabled) return error_of(enabled);
    if (enabled->affected != 1) return fail(ErrorCode::conflict, "mfa.error.already_enabled");
    auto codes = replace_recovery_codes(*tx, user->id);
    if (!codes) return error_of(codes);
    if (auto r = sessions_.revoke_all(*tx, user->id, keep_session(who)); !r) return error_of(r);
    if (auto r = Throttle::reset(*tx, throttles::mfa, subject); !r) return error_of(r);
    if (auto r = send_security_notice(*tx, *user, "mfa_enabled", now); !r) return error_of(r);
    if (auto r = audit_.append(*tx, audit_event(meta, "mfa.enabled", &who, target_of(user->id)), now); !r)
        return error_of(r);
    if (auto r = tx->commit(); !r) return error_of(r);
    return codes;
}

Result<UserRecord> MfaService::check_password(const Principal& who, std::string_view password,
                                              const RequestMeta& meta) {
    if (password.empty()) return fail(ErrorCode::invalid_input, "mfa.error.password_required");
    const auto now = clock_();
    const std::string subject = subject_of(who.user_id);
    std::optional<UserRecord> user;
    {
        // Counted as a failure before the check, in the write that decides
        // the check may run: parallel guesses stop at the lock.
        auto tx = db_.write();
        if (!tx) return error_of(tx);
        auto attempt = Throttle::begin_attempt(*tx, kReauth, subject, now);
        if (!attempt) return error_of(attempt);
        if (!attempt->allowed()) return fail(ErrorCode::rate_limited, "mfa.error.throttled");
        auto found = load_user(*tx, who);
        if (!found) return error_of(found);
        user = std::move(*found);
        if (auto r = tx->commit(); !r) return error_of(r);
    }
    // Argon2 runs outside any write transaction: on SQLite it would hold the
    // single writer for its whole duration.
    const bool ok = user->password_hash && crypto::verify_password(*user->password_hash, password);
    auto tx = db_.write();
    if (!tx) return error_of(tx);
    if (ok) {
        if (auto r = Throttle::reset(*tx, kReauth, subject); !r) return error_of(r);
        if (auto r = tx->commit(); !r) return error_of(r);
        return std::move(*user);
    }
    if (auto r = audit_.append(*tx, audit_event(meta, "mfa.password_failed", &who, target_of(who.user_id)), now); !r)
        return error_of(r);
    if (auto r = tx->commit(); !r) return error_of(r);
    return fail(ErrorCode::unauthenticated, "mfa.error.wrong_password");
}

Result<std::vector<std::string>> MfaService::regenerate_recovery_codes(const Principal& who, std::string_view password,
                                                                       const RequestMeta& meta) {
    auto checked = check_password(who, password, meta);
    if (!checked) return error_of(checked);
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return error_of(tx);
    auto user = load_user(*tx, who);
    if (!user) return error_of(user);
    if (!user->mfa_enabled()) return fail(ErrorCode::conflict, "mfa.error.not_enabled");
    auto codes = replace_recovery_codes(*tx, user->id);
    if (!codes) return error_of(codes);
    if (auto r = send_security_notice(*tx, *user, "recovery_codes_regenerated", now); !r) return error_of(r);
    if (auto r =
            audit_.append(*tx, audit_event(meta, "mfa.recovery_codes_regenerated", &who, target_of(user->id)), now);
        !r)
        return error_of(r);
    if (auto r = tx->commit(); !r) return error_of(r);
    return codes;
}

Result<void> MfaService::disable(const Principal& who, std::string_view password, const RequestMeta& meta) {
    {
        auto tx = db_.read();
        if (!tx) return error_of(tx);
        auto user = load_user(*tx, who);
        if (!user) return error_of(user);
        if (user->mfa_required()) return fail(ErrorCode::forbidden, "mfa.error.required");
        if (!user->mfa_enabled()) return fail(ErrorCode::conflict, "mfa.error.not_enabled");
    }
    auto checked = check_password(who, password, meta);
    if (!checked) return error_of(checked);
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return error_of(tx);
    // Read again in the writing transaction: the organisation may have started
    // requiring MFA meanwhile.
    auto user = load_user(*tx, who);
    if (!user) return error_of(user);
    if (user->mfa_required()) return fail(ErrorCode::forbidden, "mfa.error.required");
    if (!user->mfa_enabled()) return fail(ErrorCode::conflict, "mfa.error.not_enabled");
    if (auto r = tx->query_with("UPDATE users SET mfa_secret = NULL, mfa_enabled_at = NULL WHERE id = $1", user->id);
        !r)
        return error_of(r);
    if (auto r = tx->query_with("DELETE FROM recovery_codes WHERE user_id = $1", user->id); !r) return error_of(r);
    if (auto r = sessions_.revoke_all(*tx, user->id, keep_session(who)); !r) return error_of(r);
    if (auto r = send_security_notice(*tx, *user, "mfa_disabled", now); !r) return error_of(r);
    if (auto r = audit_.append(*tx, audit_event(meta, "mfa.disabled", &who, target_of(user->id)), now); !r)
        return error_of(r);
    return tx->commit();
}

Result<int> MfaService::recovery_codes_left(const Principal& who) {
    auto tx = db_.read();
    if (!tx) return error_of(tx);
    auto rows =
        tx->query_with("SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL", who.user_id);
    if (!rows) return error_of(rows);
    return static_cast<int>(rows->one().get<std::int64_t>(0));
}

Result<void> MfaService::verify(storage::Transaction& tx, const UserRecord& user, std::string_view code,
                                const RequestMeta& meta) {
    const auto now = clock_();
    const std::string subject = subject_of(user.id);
    if (blank(code)) return fail(ErrorCode::invalid_input, "mfa.error.code_required");
    // Counted as a failure before the check, in the caller's transaction: on
    // PostgreSQL the throttle row stays locked until it ends, so codes tried at
    // once are checked one after the other and stop at the lock.
    auto attempt = Throttle::begin_attempt(tx, throttles::mfa, subject, now);
    if (!attempt) return error_of(attempt);
    if (!attempt->allowed())
        return fail(ErrorCode::rate_limited, "mfa.error.throttled",
                    "mfa locked for " + std::to_string(attempt->wait_seconds) + " s");

    auto failed = [](std::string key, std::string detail) -> Result<void> {
        return fail(ErrorCode::unauthenticated, std::move(key), std::move(detail));
    };
    if (!user.mfa_enabled() || !user.mfa_secret) return failed("mfa.error.invalid_code", "MFA is not enabled");

    if (auto digits = totp_digits(code)) {
        auto secret = box_.open(*user.mfa_secret, associated_data(user.id));
        if (!secret) return error_of(secret);
        const auto step = totp::verify(*secret, *digits, time_of(now));
        if (!step) return failed("mfa.error.invalid_code", "wrong TOTP code");
        // The guard makes the check and the update one step: of two requests
        // carrying the same code, only one changes the row.
        auto used =
            tx.query_with("UPDATE users SET mfa_last_step = $1 WHERE id = $2 AND mfa_last_step < $1", *step, user.id);
        if (!used) return error_of(used);
        if (used->affected != 1) return failed("mfa.error.code_used", "TOTP code replayed");
    } else {
        const auto normalised = normalise_recovery_code(code);
        if (!normalised) return failed("mfa.error.invalid_code", "neither a TOTP nor a recovery code");
        auto used = tx.query_with(
            "UPDATE recovery_codes SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL", now,
            user.id, recovery_hash(*normalised));
        if (!used) return error_of(used);
        if (used->affected == 0) return failed("mfa.error.invalid_code", "unknown or used recovery code");
        auto left =
            tx.query_with("SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL", user.id);
        if (!left) return error_of(left);
        const Principal who = to_principal(user);
        auto event = audit_event(meta, "mfa.recovery_code_used", &who, target_of(user.id),
                                 {{"codes_left", std::to_string(left->one().get<std::int64_t>(0))}});
        if (auto r = audit_.append(tx, event, now); !r) return error_of(r);
    }
    if (auto r = Throttle::reset(tx, throttles::mfa, subject); !r) return error_of(r);
    return {};
}

}  // namespace comptoir::accounts
