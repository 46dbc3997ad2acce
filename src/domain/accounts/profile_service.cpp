#include "domain/accounts/profile_service.hpp"

#include <algorithm>

#include "core/crypto.hpp"
#include "domain/accounts/auth_service.hpp"
#include "domain/accounts/notices.hpp"
#include "domain/accounts/throttle.hpp"
#include "domain/accounts/tokens.hpp"
#include "domain/accounts/users.hpp"
#include "domain/notify/outbox.hpp"

namespace comptoir::accounts {
namespace {

constexpr std::size_t kMaxNameChars = 100;
constexpr std::size_t kMaxAddressChars = 500;
constexpr std::size_t kMinPhoneDigits = 6;
constexpr std::size_t kMaxPhoneChars = 30;

// The code points of `text`, or nullopt when it is not well-formed UTF-8
// (overlong forms, surrogates and values above U+10FFFF are refused).
std::optional<std::u32string> decode_utf8(std::string_view text) {
    std::u32string out;
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        std::size_t length = 0;
        char32_t cp = 0;
        if (lead < 0x80) {
            length = 1, cp = lead;
        } else if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2, cp = lead & 0x1F;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3, cp = lead & 0x0F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4, cp = lead & 0x07;
        } else {
            return std::nullopt;
        }
        if (i + length > text.size()) return std::nullopt;
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) return std::nullopt;
            cp = (cp << 6) | (next & 0x3F);
        }
        if ((length == 3 && cp < 0x800) || (length == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return std::nullopt;
        out.push_back(cp);
        i += length;
    }
    return out;
}

bool is_control(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

// A one-line text: valid UTF-8, no control characters, `min`..`max` code points.
bool line_ok(std::string_view text, std::size_t min, std::size_t max) {
    auto cps = decode_utf8(text);
    if (!cps || cps->size() < min || cps->size() > max) return false;
    return std::none_of(cps->begin(), cps->end(), is_control);
}

// Several lines: line feeds and tabs allowed, other control characters not.
bool multiline_ok(std::string_view text, std::size_t max) {
    auto cps = decode_utf8(text);
    if (!cps || cps->size() > max) return false;
    return std::none_of(cps->begin(), cps->end(), [](char32_t c) { return is_control(c) && c != '\n' && c != '\t'; });
}

bool phone_ok(std::string_view phone) {
    if (phone.empty()) return true;  // optional
    if (phone.size() > kMaxPhoneChars) return false;
    std::size_t digits = 0;
    for (char c : phone) {
        if (c >= '0' && c <= '9')
            ++digits;
        else if (std::string_view(" +().-").find(c) == std::string_view::npos)
            return false;
    }
    return digits >= kMinPhoneDigits;
}

std::string trim(std::string_view text) {
    const auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string_view::npos) return {};
    const auto end = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(begin, end - begin + 1));
}

// Browsers send CRLF in textareas; store plain line feeds.
std::string unix_lines(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            out += '\n';
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else {
            out += text[i];
        }
    }
    return trim(out);
}

// Password policy errors under this area's keys, so the account pages translate them.
Error password_policy_error(const Error& error) {
    std::string key = error.public_message;
    if (key.starts_with("auth.error.")) key = "account.error." + key.substr(std::string_view("auth.error.").size());
    return Error{ErrorCode::invalid_input, key, error.internal_detail};
}

Result<UserRecord> load_user(storage::Transaction& tx, const Principal& who) {
    auto user = find_user(tx, who.user_id);
    if (!user) return std::unexpected(user.error());
    if (!*user) return fail(ErrorCode::not_found, "account.error.not_found", "user vanished");
    return std::move(**user);
}

// The acting user, unless wrong passwords have locked the account: a wrong
// current password here shares the sign-in's count (see AuthService::sign_in).
Result<UserRecord> load_unlocked_user(storage::Database& db, const Principal& who, std::int64_t now) {
    auto tx = db.read();
    if (!tx) return std::unexpected(tx.error());
    auto user = load_user(*tx, who);
    if (!user) return std::unexpected(user.error());
    auto wait = Throttle::wait_seconds(*tx, throttles::account, throttles::account_subject(user->email), now);
    if (!wait) return std::unexpected(wait.error());
    if (*wait > 0) return fail(ErrorCode::rate_limited, "account.error.throttled");
    return user;
}

std::string user_target(std::int64_t id) { return "user:" + std::to_string(id); }

// Counts a wrong current password against the account and records it in the trail.
Result<void> record_wrong_password(storage::Transaction& tx, const audit::AuditLog& audit, const Principal& who,
                                   const UserRecord& user, std::string_view action, const RequestMeta& meta,
                                   std::int64_t now) {
    if (auto r = Throttle::record_failure(tx, throttles::account, throttles::account_subject(user.email), now); !r)
        return std::unexpected(r.error());
    auto event = audit_event(meta, std::string(action), &who, user_target(user.id), {{"reason", "current_password"}});
    if (auto r = audit.append(tx, event, now); !r) return std::unexpected(r.error());
    return tx.commit();
}

}  // namespace

ProfileUpdate normalised(ProfileUpdate update) {
    update.display_name = trim(update.display_name);
    update.phone = trim(update.phone);
    update.postal_address = unix_lines(update.postal_address);
    update.billing_address = unix_lines(update.billing_address);
    update.language = trim(update.language);
    update.time_zone = trim(update.time_zone);
    return update;
}

std::vector<FieldError> check_profile(const ProfileUpdate& raw, const ProfileChoices& choices) {
    const ProfileUpdate u = normalised(raw);
    std::vector<FieldError> errors;
    if (u.display_name.empty())
        errors.push_back({"display_name", "account.error.name_required"});
    else if (!line_ok(u.display_name, 1, kMaxNameChars))
        errors.push_back({"display_name", "account.error.name_invalid"});
    if (!phone_ok(u.phone)) errors.push_back({"phone", "account.error.phone_invalid"});
    if (!multiline_ok(u.postal_address, kMaxAddressChars))
        errors.push_back({"postal_address", "account.error.address_invalid"});
    if (!multiline_ok(u.billing_address, kMaxAddressChars))
        errors.push_back({"billing_address", "account.error.address_invalid"});
    if (std::find(choices.languages.begin(), choices.languages.end(), u.language) == choices.languages.end())
        errors.push_back({"language", "account.error.language_invalid"});
    if (u.time_zone.empty() || u.time_zone.size() > 64 || !choices.time_zone_exists ||
        !choices.time_zone_exists(u.time_zone))
        errors.push_back({"time_zone", "account.error.time_zone_invalid"});
    return errors;
}

Result<Profile> ProfileService::profile(const Principal& who) const {
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    auto user = load_user(*tx, who);
    if (!user) return std::unexpected(user.error());
    Profile p;
    p.id = user->id;
    p.email = user->email;
    p.display_name = user->display_name;
    p.role = user->role;
    p.phone = user->phone;
    p.postal_address = user->postal_address;
    p.billing_address = user->billing_address;
    p.language = user->language;
    p.time_zone = user->time_zone;
    p.notify_updates = user->notify_updates;
    p.notify_news = user->notify_news;
    p.mfa_enabled = user->mfa_enabled();
    p.mfa_required = user->mfa_required();
    return p;
}

Result<void> ProfileService::update_profile(const Principal& who, const ProfileUpdate& raw,
                                            const ProfileChoices& choices, const RequestMeta& meta) {
    if (auto errors = check_profile(raw, choices); !errors.empty())
        return fail(ErrorCode::invalid_input, errors.front().key, "profile field " + errors.front().field);
    const ProfileUpdate u = normalised(raw);
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    auto user = load_user(*tx, who);
    if (!user) return std::unexpected(user.error());

    std::string changed;
    auto note = [&changed](bool differs, std::string_view field) {
        if (!differs) return;
        if (!changed.empty()) changed += ',';
        changed += field;
    };
    note(u.display_name != user->display_name, "display_name");
    note(u.phone != user->phone, "phone");
    note(u.postal_address != user->postal_address, "postal_address");
    note(u.billing_address != user->billing_address, "billing_address");
    note(u.language != user->language, "language");
    note(u.time_zone != user->time_zone, "time_zone");
    note(u.notify_updates != user->notify_updates, "notify_updates");
    note(u.notify_news != user->notify_news, "notify_news");
    if (changed.empty()) return {};  // nothing to save, nothing to record

    auto updated = tx->query_with(
        "UPDATE users SET display_name = $1, phone = $2, postal_address = $3, billing_address = $4, language = $5, "
        "time_zone = $6, notify_updates = $7, notify_news = $8 WHERE id = $9",
        u.display_name, u.phone, u.postal_address, u.billing_address, u.language, u.time_zone, u.notify_updates,
        u.notify_news, who.user_id);
    if (!updated) return std::unexpected(updated.error());
    auto event = audit_event(meta, "profile.updated", &who, user_target(who.user_id), {{"fields", changed}});
    if (auto r = audit_.append(*tx, event, now); !r) return std::unexpected(r.error());
    return tx->commit();
}

Result<void> ProfileService::change_password(const Principal& who, std::string_view current_password,
                                             std::string_view new_password, const RequestMeta& meta) {
    const auto now = clock_();
    auto loaded = load_unlocked_user(db_, who, now);
    if (!loaded) return std::unexpected(loaded.error());
    UserRecord user = std::move(*loaded);
    // Argon2 runs outside any transaction: it takes ~50 ms and SQLite has one writer.
    const bool current_ok = user.password_hash && crypto::verify_password(*user.password_hash, current_password);
    if (!current_ok) {
        auto tx = db_.write();
        if (!tx) return std::unexpected(tx.error());
        if (auto r = record_wrong_password(*tx, audit_, who, user, "password.change_failed", meta, now); !r)
            return std::unexpected(r.error());
        return fail(ErrorCode::invalid_input, "account.error.current_password_wrong");
    }
    if (auto ok = check_new_password(new_password); !ok) return std::unexpected(password_policy_error(ok.error()));
    auto hash = crypto::hash_password(new_password);
    if (!hash) return std::unexpected(hash.error());

    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    // Only if the hash is still the one just verified: a concurrent change wins.
    auto updated = tx->query_with("UPDATE users SET password_hash = $1 WHERE id = $2 AND password_hash = $3", *hash,
                                  user.id, *user.password_hash);
    if (!updated) return std::unexpected(updated.error());
    if (updated->affected == 0) return fail(ErrorCode::conflict, "account.error.password_changed_meanwhile");
    std::optional<std::int64_t> keep;
    if (who.session_id != 0) keep = who.session_id;
    auto ended = sessions_.revoke_all(*tx, user.id, keep);
    if (!ended) return std::unexpected(ended.error());
    if (auto r = Throttle::reset(*tx, throttles::account, throttles::account_subject(user.email)); !r)
        return std::unexpected(r.error());
    if (auto r = send_security_notice(*tx, user, "password_changed", now); !r) return std::unexpected(r.error());
    auto event =
        audit_event(meta, "password.changed", &who, user_target(user.id), {{"sessions_ended", std::to_string(*ended)}});
    if (auto r = audit_.append(*tx, event, now); !r) return std::unexpected(r.error());
    return tx->commit();
}

Result<void> ProfileService::request_email_change(const Principal& who, std::string_view password,
                                                  std::string_view raw_email, const RequestMeta& meta) {
    const std::string new_email = normalise_email(raw_email);
    if (!is_valid_email(new_email)) return fail(ErrorCode::invalid_input, "account.error.email_invalid");
    if (password.empty()) return fail(ErrorCode::invalid_input, "account.error.current_password_required");
    const auto now = clock_();
    const std::string mail_subject = "change-email:" + std::to_string(who.user_id);
    auto loaded = load_unlocked_user(db_, who, now);
    if (!loaded) return std::unexpected(loaded.error());
    UserRecord user = std::move(*loaded);
    if (new_email == user.email) return fail(ErrorCode::invalid_input, "account.error.email_same");
    const bool password_ok = user.password_hash && crypto::verify_password(*user.password_hash, password);

    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    if (!password_ok) {
        if (auto r = record_wrong_password(*tx, audit_, who, user, "email.change_failed", meta, now); !r)
            return std::unexpected(r.error());
        return fail(ErrorCode::invalid_input, "account.error.current_password_wrong");
    }
    // Each request mails a stranger's address: limit them per user.
    auto mail_wait = Throttle::wait_seconds(*tx, throttles::mail, mail_subject, now);
    if (!mail_wait) return std::unexpected(mail_wait.error());
    if (*mail_wait > 0) return fail(ErrorCode::rate_limited, "account.error.throttled");
    if (auto r = Throttle::record_failure(*tx, throttles::mail, mail_subject, now); !r)
        return std::unexpected(r.error());

    auto taken = find_user_by_email(*tx, new_email);
    if (!taken) return std::unexpected(taken.error());
    std::map<std::string, std::string> details;
    if (*taken) {
        // Same answer as a free address and no mail: the form must not reveal
        // that the address has an account, and its owner did not ask for anything.
        details["outcome"] = "address_taken";
    } else {
        auto token = tokens::issue(*tx, TokenPurpose::change_email, user.id, now, kEmailChangeTtlSeconds, new_email);
        if (!token) return std::unexpected(token.error());
        notify::Email mail;
        mail.to = new_email;
        mail.language = user.language;
        mail.template_name = "change_email";
        mail.params = {{"name", user.display_name},
                       {"link", meta.base_url + "/account/email/confirm?token=" + *token},
                       {"new_email", new_email}};
        if (auto r = notify::enqueue(*tx, mail, now); !r) return std::unexpected(r.error());
        details["outcome"] = "link_sent";
    }
    auto event = audit_event(meta, "email.change_requested", &who, user_target(user.id), std::move(details));
    if (auto r = audit_.append(*tx, event, now); !r) return std::unexpected(r.error());
    return tx->commit();
}

Result<std::string> ProfileService::peek_email_change(std::string_view token) const {
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    auto use = tokens::peek(*tx, TokenPurpose::change_email, token, clock_());
    if (!use || !use->new_email) return fail(ErrorCode::not_found, "account.error.link_invalid");
    return *use->new_email;
}

Result<void> ProfileService::confirm_email_change(std::string_view token, const RequestMeta& meta) {
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    auto use = tokens::consume(*tx, TokenPurpose::change_email, token, now);
    if (!use) {
        if (use.error().code == ErrorCode::not_found) return fail(ErrorCode::not_found, "account.error.link_invalid");
        return std::unexpected(use.error());
    }
    if (!use->new_email) return fail(ErrorCode::not_found, "account.error.link_invalid", "token without address");
    auto found = find_user(*tx, use->user_id);
    if (!found) return std::unexpected(found.error());
    if (!*found || !(*found)->active || !(*found)->organisation_active)
        return fail(ErrorCode::not_found, "account.error.link_invalid", "account gone or inactive");
    const UserRecord user = std::move(**found);
    const std::string& new_email = *use->new_email;

    // Someone may have taken the address since the link was sent.
    auto other = find_user_by_email(*tx, new_email);
    if (!other) return std::unexpected(other.error());
    if (*other && (*other)->id != user.id) return fail(ErrorCode::conflict, "account.error.email_taken");
    auto updated = tx->query_with("UPDATE users SET email = $1, email_verified = 1 WHERE id = $2", new_email, user.id);
    if (!updated) {
        if (updated.error().code == ErrorCode::conflict) return fail(ErrorCode::conflict, "account.error.email_taken");
        return std::unexpected(updated.error());
    }
    // To the old address: if the change was not its owner's doing, they hear of it.
    if (auto r = send_security_notice(*tx, user, "email_changed", now, user.email); !r)
        return std::unexpected(r.error());
    Principal who = to_principal(user);
    auto event = audit_event(meta, "email.changed", &who, user_target(user.id));
    if (auto r = audit_.append(*tx, event, now); !r) return std::unexpected(r.error());
    return tx->commit();
}

Result<std::vector<SessionRecord>> ProfileService::sessions(const Principal& who) const {
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    return sessions_.list(*tx, who.user_id);
}

Result<void> ProfileService::revoke_session(const Principal& who, std::int64_t session_id, const RequestMeta& meta) {
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    // Scoped to the user: another user's session id looks exactly like an unknown one.
    auto revoked = sessions_.revoke(*tx, who.user_id, session_id);
    if (!revoked) return std::unexpected(revoked.error());
    if (!*revoked) return fail(ErrorCode::not_found, "account.error.session_not_found");
    auto event = audit_event(meta, "session.revoked", &who, "session:" + std::to_string(session_id),
                             {{"scope", session_id == who.session_id ? "current" : "one"}});
    if (auto r = audit_.append(*tx, event, clock_()); !r) return std::unexpected(r.error());
    return tx->commit();
}

Result<std::int64_t> ProfileService::revoke_other_sessions(const Principal& who, const RequestMeta& meta) {
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    std::optional<std::int64_t> keep;
    if (who.session_id != 0) keep = who.session_id;
    auto ended = sessions_.revoke_all(*tx, who.user_id, keep);
    if (!ended) return std::unexpected(ended.error());
    auto event = audit_event(meta, "session.revoked", &who, user_target(who.user_id),
                             {{"scope", "others"}, {"count", std::to_string(*ended)}});
    if (auto r = audit_.append(*tx, event, clock_()); !r) return std::unexpected(r.error());
    if (auto r = tx->commit(); !r) return std::unexpected(r.error());
    return *ended;
}

}  // namespace comptoir::accounts
