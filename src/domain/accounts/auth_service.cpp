#include "domain/accounts/auth_service.hpp"

#include <spdlog/spdlog.h>

#include "core/crypto.hpp"
#include "core/password_policy.hpp"
#include "domain/accounts/notices.hpp"
#include "domain/accounts/throttle.hpp"
#include "domain/accounts/tokens.hpp"
#include "domain/notify/outbox.hpp"

namespace comptoir::accounts {
namespace {

template <class T>
Result<void> check(const Result<T>& r) {
    if (!r) return std::unexpected(r.error());
    return {};
}

Result<void> commit(storage::Transaction& tx) { return tx.commit(); }

}  // namespace

Result<void> check_new_password(std::string_view password) {
    switch (passwords::check(password)) {
        case passwords::Problem::none:
            return {};
        case passwords::Problem::too_short:
            return fail(ErrorCode::invalid_input, "auth.error.password_too_short");
        case passwords::Problem::too_long:
            return fail(ErrorCode::invalid_input, "auth.error.password_too_long");
        case passwords::Problem::too_common:
            return fail(ErrorCode::invalid_input, "auth.error.password_too_common");
        case passwords::Problem::not_utf8:
            return fail(ErrorCode::invalid_input, "auth.error.password_invalid");
    }
    return fail(ErrorCode::invalid_input, "auth.error.password_invalid");
}

AuthService::AuthService(storage::Database& db, const Sessions& sessions, MfaService& mfa, const audit::AuditLog& audit,
                         AuthSettings settings, Clock clock)
    : db_(db), sessions_(sessions), mfa_(mfa), audit_(audit), settings_(settings), clock_(std::move(clock)) {
    auto dummy = crypto::hash_password(crypto::random_hex(16));
    if (!dummy) throw std::runtime_error("cannot hash a password: " + dummy.error().internal_detail);
    dummy_hash_ = std::move(*dummy);
}

Result<SignInOutcome> AuthService::sign_in(std::string_view raw_email, std::string_view password,
                                           const RequestMeta& meta) {
    const std::string email = normalise_email(raw_email);
    const std::string subject = throttles::account_subject(email);
    // The trail keeps what was typed only when it is an address: a password
    // typed into the e-mail field must not end up there.
    const std::string typed_email = is_valid_email(email) ? email : "";
    const auto now = clock_();

    // The attempt is counted as a failure before the password is checked, in
    // the same write as the decision to check it: guesses sent at once see
    // each other and stop at the lock. Argon2 then runs outside any
    // transaction (on SQLite it would hold the only writer for its duration).
    Attempt by_account, by_address;
    std::optional<UserRecord> user;
    std::int64_t wait = 0;
    {
        auto tx = db_.write();
        if (!tx) return std::unexpected(tx.error());
        auto account = Throttle::begin_attempt(*tx, throttles::account, subject, now);
        if (!account) return std::unexpected(account.error());
        wait = account->wait_seconds;
        if (wait == 0) {
            auto address = Throttle::begin_attempt(*tx, throttles::address, meta.client_addr, now);
            if (!address) return std::unexpected(address.error());
            wait = address->wait_seconds;
            by_account = *account;
            by_address = *address;
        }
        if (wait == 0) {
            auto found = find_user_by_email(*tx, email);
            if (!found) return std::unexpected(found.error());
            user = std::move(*found);
            if (auto r = commit(*tx); !r) return std::unexpected(r.error());
        }
        // Locked: the transaction ends uncommitted, so nothing is counted.
    }
    if (wait > 0) {
        auto tx = db_.write();
        if (!tx) return std::unexpected(tx.error());
        auto event = audit_event(meta, "signin.throttled", nullptr, {}, {{"retry_after", std::to_string(wait)}});
        event.actor_email = typed_email;
        if (auto r = audit_.append(*tx, event, now); !r) return std::unexpected(r.error());
        if (auto r = commit(*tx); !r) return std::unexpected(r.error());
        return fail(ErrorCode::rate_limited, "auth.error.throttled",
                    "sign-in locked for " + std::to_string(wait) + " s");
    }

    // Unknown addresses cost the same Argon2 verification as known ones.
    const bool has_password = user && user->password_hash;
    const bool password_ok =
        crypto::verify_password(has_password ? *user->password_hash : dummy_hash_, password) && has_password;
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    if (!password_ok || !user->active || !user->organisation_active) {
        // Already counted; only the trail is left to write.
        auto event = audit_event(meta, "signin.failure", nullptr, user ? "user:" + std::to_string(user->id) : "",
                                 {{"reason", !password_ok ? "credentials" : "inactive"}});
        event.actor_email = typed_email;
        if (user) event.organisation_id = user->organisation_id;
        if (auto r = audit_.append(*tx, event, now); !r) return std::unexpected(r.error());
        if (auto r = commit(*tx); !r) return std::unexpected(r.error());
        return fail(ErrorCode::unauthenticated, "auth.error.invalid_credentials");
    }
    if (!user->email_verified) {
        // The right password: not a failure, but no success either.
        if (auto r = Throttle::forgive(*tx, throttles::account, subject, by_account); !r)
            return std::unexpected(r.error());
        if (auto r = Throttle::forgive(*tx, throttles::address, meta.client_addr, by_address); !r)
            return std::unexpected(r.error());
        if (auto r = commit(*tx); !r) return std::unexpected(r.error());
        return fail(ErrorCode::forbidden, "auth.error.unverified");
    }

    if (auto r = Throttle::reset(*tx, throttles::account, subject); !r) return std::unexpected(r.error());
    // The address keeps its other failures (others may be guessing from it).
    if (auto r = Throttle::forgive(*tx, throttles::address, meta.client_addr, by_address); !r)
        return std::unexpected(r.error());
    const bool mfa_due = user->mfa_enabled();
    auto session = sessions_.create(*tx, user->id, mfa_due ? SessionStage::mfa : SessionStage::full, meta);
    if (!session) return std::unexpected(session.error());
    const Principal who = to_principal(*user, session->id);
    auto event = audit_event(meta, mfa_due ? "signin.password_ok" : "signin.success", &who,
                             "session:" + std::to_string(session->id), {{"method", "password"}});
    if (auto r = audit_.append(*tx, event, now); !r) return std::unexpected(r.error());
    if (auto r = commit(*tx); !r) return std::unexpected(r.error());
    return SignInOutcome{std::move(*session), mfa_due, user->language};
}

Result<NewSession> AuthService::complete_mfa(std::int64_t session_id, std::string_view code, const RequestMeta& meta) {
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    auto rows =
        tx->query_with("SELECT user_id, stage, expires_at, last_seen_at FROM sessions WHERE id = $1", session_id);
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty() || rows->one().get<std::string>(1) != "mfa" || rows->one().get<std::int64_t>(2) <= now ||
        now - rows->one().get<std::int64_t>(3) >= sessions_.settings().idle_seconds)
        return fail(ErrorCode::unauthenticated, "auth.error.session_ended");
    auto user = find_user(*tx, rows->one().get<std::int64_t>(0));
    if (!user) return std::unexpected(user.error());
    if (!*user || !(*user)->active || !(*user)->organisation_active)
        return fail(ErrorCode::unauthenticated, "auth.error.session_ended");
    const Principal who = to_principal(**user, session_id);
    auto verified = mfa_.verify(*tx, **user, code, meta);
    if (!verified) {
        auto event = audit_event(meta, "mfa.failure", &who, "session:" + std::to_string(session_id));
        if (auto r = audit_.append(*tx, event, now); !r) return std::unexpected(r.error());
        if (auto r = commit(*tx); !r) return std::unexpected(r.error());
        return std::unexpected(verified.error());
    }
    auto rotated = sessions_.rotate(*tx, session_id, SessionStage::full);
    if (!rotated) return std::unexpected(rotated.error());
    auto event = audit_event(meta, "signin.success", &who, "session:" + std::to_string(session_id),
                             {{"method", "password+mfa"}});
    if (auto r = audit_.append(*tx, event, now); !r) return std::unexpected(r.error());
    if (auto r = commit(*tx); !r) return std::unexpected(r.error());
    return rotated;
}

Result<void> AuthService::sign_out(const Principal& who, const RequestMeta& meta) {
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    if (auto r = sessions_.revoke(*tx, who.user_id, who.session_id); !r) return std::unexpected(r.error());
    auto event = audit_event(meta, "signout", &who, "session:" + std::to_string(who.session_id));
    if (auto r = audit_.append(*tx, event, clock_()); !r) return std::unexpected(r.error());
    return commit(*tx);
}

Result<void> AuthService::sign_up(const SignUp& request, const RequestMeta& meta) {
    if (!settings_.self_registration) return fail(ErrorCode::not_found, "auth.error.signup_closed");
    const std::string email = normalise_email(request.email);
    if (!is_valid_email(email)) return fail(ErrorCode::invalid_input, "auth.error.email_invalid");
    if (request.display_name.empty() || request.display_name.size() > 100)
        return fail(ErrorCode::invalid_input, "auth.error.name_invalid");
    if (request.organisation_name.size() > 150)
        return fail(ErrorCode::invalid_input, "auth.error.organisation_invalid");
    if (auto ok = check_new_password(request.password); !ok) return ok;
    // Hashed whether or not the address is taken: the response time does not tell.
    auto hash = crypto::hash_password(request.password);
    if (!hash) return std::unexpected(hash.error());
    const auto now = clock_();

    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    // Every request counts (checked and counted in one step, so a burst stops at the lock).
    auto attempt = Throttle::begin_attempt(*tx, throttles::mail, "signup:" + meta.client_addr, now);
    if (!attempt) return std::unexpected(attempt.error());
    if (!attempt->allowed()) return fail(ErrorCode::rate_limited, "auth.error.throttled");

    auto existing = find_user_by_email(*tx, email);
    if (!existing) return std::unexpected(existing.error());
    notify::Email mail;
    mail.to = email;
    mail.language = request.language;
    if (*existing) {
        // The owner learns someone tried; the visitor learns nothing.
        mail.language = (*existing)->language;
        mail.template_name = "signup_existing";
        mail.params = {{"name", (*existing)->display_name},
                       {"signin_link", meta.base_url + "/sign-in"},
                       {"reset_link", meta.base_url + "/password/forgot"}};
    } else {
        const std::string org_name =
            request.organisation_name.empty() ? request.display_name : request.organisation_name;
        auto org = tx->query_with(
            "INSERT INTO organisations (slug, name, default_language, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
            "c-" + crypto::random_hex(6), org_name, request.language, now);
        if (!org) return std::unexpected(org.error());
        const auto org_id = org->one().get<std::int64_t>(0);
        // The person who creates the account manages it (a household or a small company).
        auto user = tx->query_with(
            "INSERT INTO users (organisation_id, email, display_name, role, language, password_hash, "
            "sees_organisation, active, email_verified, created_at) "
            "VALUES ($1, $2, $3, 'org_admin', $4, $5, 1, 1, 0, $6) RETURNING id",
            org_id, email, request.display_name, request.language, *hash, now);
        if (!user) return std::unexpected(user.error());
        const auto user_id = user->one().get<std::int64_t>(0);
        auto token = tokens::issue(*tx, TokenPurpose::verify_email, user_id, now, settings_.verify_ttl_seconds);
        if (!token) return std::unexpected(token.error());
        mail.template_name = "verify_email";
        mail.params = {{"name", request.display_name}, {"link", meta.base_url + "/verify-email?token=" + *token}};
        auto event = audit_event(meta, "signup", nullptr, "user:" + std::to_string(user_id));
        event.actor_id = user_id;
        event.actor_email = email;
        event.organisation_id = org_id;
        if (auto r = audit_.append(*tx, event, now); !r) return std::unexpected(r.error());
    }
    if (auto r = notify::enqueue(*tx, mail, now); !r) return std::unexpected(r.error());
    return commit(*tx);
}

Result<void> AuthService::verify_email(std::string_view token, const RequestMeta& meta) {
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    auto use = tokens::consume(*tx, TokenPurpose::verify_email, token, now);
    if (!use) return std::unexpected(use.error());
    if (auto r = tx->query_with("UPDATE users SET email_verified = 1 WHERE id = $1", use->user_id); !r)
        return std::unexpected(r.error());
    auto user = find_user(*tx, use->user_id);
    if (!user) return std::unexpected(user.error());
    if (!*user) return fail(ErrorCode::not_found, "auth.error.link_invalid");
    const Principal who = to_principal(**user);
    if (auto r =
            audit_.append(*tx, audit_event(meta, "email.verified", &who, "user:" + std::to_string(who.user_id)), now);
        !r)
        return std::unexpected(r.error());
    return commit(*tx);
}

Result<void> AuthService::request_password_reset(std::string_view raw_email, const RequestMeta& meta) {
    const std::string email = normalise_email(raw_email);
    if (!is_valid_email(email)) return fail(ErrorCode::invalid_input, "auth.error.email_invalid");
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    // Counted per address asked for and per client, whether or not the account exists.
    const std::string subject = "reset:" + throttles::account_subject(email);
    // A refusal returns without committing, so neither count moves.
    for (const std::string& counted : {subject, "reset-client:" + meta.client_addr}) {
        auto attempt = Throttle::begin_attempt(*tx, throttles::mail, counted, now);
        if (!attempt) return std::unexpected(attempt.error());
        if (!attempt->allowed()) return fail(ErrorCode::rate_limited, "auth.error.throttled");
    }
    auto user = find_user_by_email(*tx, email);
    if (!user) return std::unexpected(user.error());
    if (*user && (*user)->active && (*user)->organisation_active) {
        const auto& u = **user;
        auto token = tokens::issue(*tx, TokenPurpose::reset_password, u.id, now, settings_.reset_ttl_seconds);
        if (!token) return std::unexpected(token.error());
        notify::Email mail{u.email,
                           u.language,
                           "reset_password",
                           {{"name", u.display_name}, {"link", meta.base_url + "/password/reset?token=" + *token}}};
        if (auto r = notify::enqueue(*tx, mail, now); !r) return std::unexpected(r.error());
        const Principal who = to_principal(u);
        if (auto r = audit_.append(
                *tx, audit_event(meta, "password.reset_requested", &who, "user:" + std::to_string(u.id)), now);
            !r)
            return std::unexpected(r.error());
    } else {
        // Recorded too (someone probing addresses shows in the trail), which
        // also keeps the work, and so the timing, close to the known case.
        auto event = audit_event(meta, "password.reset_requested", nullptr, {}, {{"account", "none"}});
        event.actor_email = email;
        if (auto r = audit_.append(*tx, event, now); !r) return std::unexpected(r.error());
    }
    return commit(*tx);
}

Result<void> AuthService::check_reset_token(std::string_view token) {
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    return check(tokens::peek(*tx, TokenPurpose::reset_password, token, clock_()));
}

Result<void> AuthService::reset_password(std::string_view token, std::string_view new_password,
                                         const RequestMeta& meta) {
    if (auto ok = check_new_password(new_password); !ok) return ok;
    auto hash = crypto::hash_password(new_password);
    if (!hash) return std::unexpected(hash.error());
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    auto use = tokens::consume(*tx, TokenPurpose::reset_password, token, now);
    if (!use) return std::unexpected(use.error());
    auto user = find_user(*tx, use->user_id);
    if (!user) return std::unexpected(user.error());
    if (!*user || !(*user)->active) return fail(ErrorCode::not_found, "auth.error.link_invalid");
    // Following the link proves the address too (an invited user who never set a password).
    if (auto r = tx->query_with("UPDATE users SET password_hash = $1, email_verified = 1 WHERE id = $2", *hash,
                                use->user_id);
        !r)
        return std::unexpected(r.error());
    // Every session ends; MFA (if on) is still asked at the next sign-in.
    if (auto r = sessions_.revoke_all(*tx, use->user_id); !r) return std::unexpected(r.error());
    if (auto r = Throttle::reset(*tx, throttles::account, throttles::account_subject((*user)->email)); !r)
        return std::unexpected(r.error());
    if (auto r = send_security_notice(*tx, **user, "password_changed", now); !r) return r;
    const Principal who = to_principal(**user);
    if (auto r =
            audit_.append(*tx, audit_event(meta, "password.reset", &who, "user:" + std::to_string(who.user_id)), now);
        !r)
        return std::unexpected(r.error());
    return commit(*tx);
}

}  // namespace comptoir::accounts
