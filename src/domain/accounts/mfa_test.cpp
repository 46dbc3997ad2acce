// MfaService on SQLite (a temporary file) and on PostgreSQL (a fresh schema on
// the server named by COMPTOIR_TEST_PG_URL; skipped without it unless
// COMPTOIR_TEST_REQUIRE_PG=1). Time is a fixed clock the tests move.
#include "domain/accounts/mfa.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <latch>
#include <set>
#include <thread>

#include "core/crypto.hpp"
#include "core/totp.hpp"
#include "domain/accounts/auth_service.hpp"
#include "domain/accounts/sessions.hpp"
#include "domain/test_support.hpp"

namespace comptoir::accounts {
namespace {

using storage::Backend;
using test::describe;

constexpr std::string_view kKey = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
constexpr std::string_view kPassword = "correct horse battery staple";
// Five seconds into a 30-second step, so ±30 s stays one step away.
constexpr std::int64_t kStart = 1'800'000'005;

// "abcd-efgh-jkmn": three groups of four from the alphabet without look-alikes.
bool recovery_shaped(std::string_view code) {
    constexpr std::string_view alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
    if (code.size() != 14) return false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const bool dash = i == 4 || i == 9;
        if (dash != (code[i] == '-')) return false;
        if (!dash && alphabet.find(code[i]) == std::string_view::npos) return false;
    }
    return true;
}

class Mfa : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        crypto::init();
        if (!database_.open(GetParam())) GTEST_SKIP() << "COMPTOIR_TEST_PG_URL is not set";
        auto box = crypto::SecretBox::from_hex(kKey);
        ASSERT_TRUE(box);
        box_.emplace(*box);
        Clock clock = [this] { return now_; };
        audit_ = std::make_unique<audit::AuditLog>(GetParam());
        sessions_ = std::make_unique<Sessions>(db(), SessionSettings{}, clock);
        mfa_ = std::make_unique<MfaService>(db(), *box_, *sessions_, *audit_, "Comptoir Test", clock);
        meta_.client_addr = "192.0.2.7";
        meta_.request_id = "req-test";
        meta_.base_url = "https://support.example.test";
    }

    storage::Database& db() { return database_.db(); }

    std::int64_t add_organisation(bool require_mfa = false) {
        const auto id = database_.add_organisation("org-" + storage::test_support::random_suffix(8), "Org", "en", now_);
        if (require_mfa) database_.exec("UPDATE organisations SET require_mfa = 1 WHERE id = $1", id);
        return id;
    }

    std::int64_t add_user(Role role = Role::customer, std::optional<std::int64_t> organisation = std::nullopt) {
        if (!is_staff(role) && !organisation) organisation = add_organisation();
        if (is_staff(role)) organisation.reset();
        return database_.add_user({.email = "u-" + storage::test_support::random_suffix(8) + "@example.test",
                                   .role = std::string(to_string(role)),
                                   .organisation_id = organisation,
                                   .display_name = "Zoé Test",
                                   .password_hash = test::password_hash(kPassword),
                                   .created_at = now_});
    }

    UserRecord user(std::int64_t id) { return database_.user(id); }

    Principal principal(std::int64_t id, std::int64_t session_id = 0) { return to_principal(user(id), session_id); }

    std::int64_t new_session(std::int64_t user_id) {
        auto tx = db().write();
        auto session = sessions_->create(*tx, user_id, SessionStage::full, meta_);
        if (!session) throw std::runtime_error("create session");
        EXPECT_TRUE(tx->commit());
        return session->id;
    }

    static std::string raw_secret(const Enrolment& enrolment) {
        auto raw = totp::from_base32(enrolment.secret_base32);
        if (!raw) throw std::runtime_error("bad base32");
        return *raw;
    }

    std::string code_at(const std::string& secret, std::int64_t when) {
        return totp::code_at(secret, std::chrono::system_clock::time_point{std::chrono::seconds{when}});
    }

    struct Enrolled {
        std::string secret;
        std::vector<std::string> codes;
    };

    /// Enrols `id` now; the clock then moves on 5 minutes so the next code is fresh.
    Enrolled enrol(std::int64_t id, std::int64_t session_id = 0) {
        auto begun = mfa_->begin_enrolment(principal(id, session_id), kPassword, meta_);
        if (!begun) throw std::runtime_error("begin: " + describe(begun.error()));
        Enrolled out{raw_secret(*begun), {}};
        auto codes = mfa_->confirm_enrolment(principal(id, session_id), code_at(out.secret, now_), meta_);
        if (!codes) throw std::runtime_error("confirm: " + describe(codes.error()));
        out.codes = *codes;
        now_ += 300;
        return out;
    }

    /// MfaService::verify as sign-in runs it: in a transaction committed whatever the outcome.
    Result<void> verify(std::int64_t id, std::string_view code) {
        auto tx = db().write();
        if (!tx) return std::unexpected(tx.error());
        auto found = find_user(*tx, id);
        if (!found || !*found) return fail(ErrorCode::internal, "no user");
        auto result = mfa_->verify(*tx, **found, code, meta_);
        EXPECT_TRUE(tx->commit());
        return result;
    }

    std::int64_t count(std::string_view text, std::int64_t id) { return database_.count(text, id); }

    std::int64_t audit_count(std::string_view action) {
        return database_.count("SELECT COUNT(*) FROM audit_log WHERE action = $1", action);
    }

    /// Outbox rows for `id`'s address with the security notice about `event`.
    std::int64_t notices(std::int64_t id, std::string_view event) {
        auto tx = db().read();
        auto rows = tx->query_with("SELECT params FROM outbox WHERE recipient = $1 AND template = 'security_notice'",
                                   user(id).email);
        std::int64_t n = 0;
        for (const auto& row : rows->rows)
            if (row.get<std::string>(0).find("\"" + std::string(event) + "\"") != std::string::npos) ++n;
        return n;
    }

    test::TestDatabase database_;
    std::int64_t now_ = kStart;
    std::optional<crypto::SecretBox> box_;
    std::unique_ptr<audit::AuditLog> audit_;
    std::unique_ptr<Sessions> sessions_;
    std::unique_ptr<MfaService> mfa_;
    RequestMeta meta_;
};

TEST_P(Mfa, EnrolmentRoundTrip) {
    const auto id = add_user();
    auto begun = mfa_->begin_enrolment(principal(id), kPassword, meta_);
    ASSERT_TRUE(begun) << describe(begun.error());
    EXPECT_EQ(begun->secret_base32.size(), 32u);  // 20 bytes
    EXPECT_TRUE(begun->otpauth_uri.starts_with("otpauth://totp/Comptoir%20Test:")) << begun->otpauth_uri;
    EXPECT_NE(begun->otpauth_uri.find("secret=" + begun->secret_base32), std::string::npos);
    EXPECT_FALSE(user(id).mfa_enabled());

    // A reload shows the same secret.
    auto pending = mfa_->pending_enrolment(principal(id));
    ASSERT_TRUE(pending) << describe(pending.error());
    EXPECT_EQ(pending->secret_base32, begun->secret_base32);
    EXPECT_EQ(pending->otpauth_uri, begun->otpauth_uri);

    const std::string secret = raw_secret(*begun);
    auto codes = mfa_->confirm_enrolment(principal(id), code_at(secret, now_), meta_);
    ASSERT_TRUE(codes) << describe(codes.error());
    ASSERT_EQ(codes->size(), 10u);
    for (const auto& code : *codes) EXPECT_TRUE(recovery_shaped(code)) << code;
    EXPECT_EQ(std::set<std::string>(codes->begin(), codes->end()).size(), 10u);

    const auto record = user(id);
    EXPECT_TRUE(record.mfa_enabled());
    EXPECT_EQ(record.mfa_enabled_at, now_);
    EXPECT_EQ(record.mfa_last_step, now_ / 30);
    EXPECT_EQ(mfa_->recovery_codes_left(principal(id)).value_or(-1), 10);
    EXPECT_EQ(audit_count("mfa.enabled"), 1);
    EXPECT_EQ(notices(id, "mfa_enabled"), 1);

    // Only hashes are stored; no secret or code reaches the audit trail.
    auto tx = db().read();
    auto hashes = tx->query_with("SELECT code_hash FROM recovery_codes WHERE user_id = $1", id);
    ASSERT_EQ(hashes->rows.size(), 10u);
    auto trail = tx->query("SELECT action, target, details FROM audit_log");
    for (const auto& row : hashes->rows) {
        for (const auto& code : *codes) EXPECT_EQ(row.get<std::string>(0).find(code.substr(0, 4)), std::string::npos);
    }
    for (const auto& row : trail->rows) {
        const std::string text = row.get<std::string>(0) + row.get<std::string>(1) + row.get<std::string>(2);
        EXPECT_EQ(text.find(begun->secret_base32), std::string::npos);
        for (const auto& code : *codes) EXPECT_EQ(text.find(code), std::string::npos);
    }

    // Enrolment is over: nothing pending, and a new one cannot start.
    EXPECT_EQ(mfa_->pending_enrolment(principal(id)).error().code, ErrorCode::not_found);
    EXPECT_EQ(mfa_->begin_enrolment(principal(id), kPassword, meta_).error().code, ErrorCode::conflict);
    EXPECT_EQ(mfa_->confirm_enrolment(principal(id), code_at(secret, now_ + 30), meta_).error().code,
              ErrorCode::conflict);
}

TEST_P(Mfa, EnrolmentNeedsThePassword) {
    // A stolen session must not put its own authenticator on the account.
    const auto id = add_user();
    auto wrong = mfa_->begin_enrolment(principal(id), "not my password at all", meta_);
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().public_message, "mfa.error.wrong_password");
    EXPECT_EQ(mfa_->begin_enrolment(principal(id), "", meta_).error().public_message, "mfa.error.password_required");
    EXPECT_EQ(mfa_->pending_enrolment(principal(id)).error().code, ErrorCode::not_found) << "nothing started";
    EXPECT_EQ(audit_count("mfa.password_failed"), 1);
    ASSERT_TRUE(mfa_->begin_enrolment(principal(id), kPassword, meta_));
    EXPECT_TRUE(mfa_->pending_enrolment(principal(id)));
}

TEST_P(Mfa, SecretColumnHoldsNeitherTheBase32NorTheRawSecret) {
    const auto id = add_user();
    auto begun = mfa_->begin_enrolment(principal(id), kPassword, meta_);
    ASSERT_TRUE(begun);
    const std::string raw = raw_secret(*begun);
    const auto stored = user(id).mfa_secret.value_or("");
    ASSERT_FALSE(stored.empty());
    EXPECT_EQ(stored.find(begun->secret_base32), std::string::npos);
    EXPECT_EQ(stored.find(raw), std::string::npos);
    std::string hex;
    for (unsigned char c : raw) {
        static constexpr char digits[] = "0123456789abcdef";
        hex += digits[c >> 4];
        hex += digits[c & 15];
    }
    EXPECT_EQ(stored.find(hex), std::string::npos);
}

TEST_P(Mfa, SealedSecretDoesNotOpenOnAnotherRow) {
    const auto alice = add_user();
    const auto bob = add_user();
    ASSERT_TRUE(mfa_->begin_enrolment(principal(alice), kPassword, meta_));
    database_.exec("UPDATE users SET mfa_secret = (SELECT mfa_secret FROM users WHERE id = $1) WHERE id = $2", alice,
                   bob);
    auto pending = mfa_->pending_enrolment(principal(bob));
    ASSERT_FALSE(pending);
    EXPECT_EQ(pending.error().code, ErrorCode::internal);
}

TEST_P(Mfa, RestartingEnrolmentReplacesThePendingSecret) {
    const auto id = add_user();
    auto first = mfa_->begin_enrolment(principal(id), kPassword, meta_);
    auto second = mfa_->begin_enrolment(principal(id), kPassword, meta_);
    ASSERT_TRUE(first && second);
    EXPECT_NE(first->secret_base32, second->secret_base32);
    auto old_code = mfa_->confirm_enrolment(principal(id), code_at(raw_secret(*first), now_), meta_);
    ASSERT_FALSE(old_code);
    EXPECT_EQ(old_code.error().public_message, "mfa.error.invalid_code");
    EXPECT_TRUE(mfa_->confirm_enrolment(principal(id), code_at(raw_secret(*second), now_), meta_));
}

TEST_P(Mfa, WrongFirstCodeIsRefused) {
    const auto id = add_user();
    auto begun = mfa_->begin_enrolment(principal(id), kPassword, meta_);
    ASSERT_TRUE(begun);
    const std::string secret = raw_secret(*begun);
    const std::string right = code_at(secret, now_);
    const std::string wrong = right == "000000" ? "000001" : "000000";
    for (std::string_view bad : {std::string_view(wrong), std::string_view("12345"), std::string_view("abcdef"),
                                 std::string_view("1234567")}) {
        auto refused = mfa_->confirm_enrolment(principal(id), bad, meta_);
        ASSERT_FALSE(refused) << bad;
        EXPECT_EQ(refused.error().code, ErrorCode::unauthenticated);
        EXPECT_EQ(refused.error().public_message, "mfa.error.invalid_code");
    }
    auto empty = mfa_->confirm_enrolment(principal(id), "  ", meta_);
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().code, ErrorCode::invalid_input);
    EXPECT_FALSE(user(id).mfa_enabled());
    EXPECT_EQ(count("SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1", id), 0);
    EXPECT_EQ(audit_count("mfa.enrolment_failed"), 4);
    // Spaces inside the code are fine.
    auto ok = mfa_->confirm_enrolment(principal(id), right.substr(0, 3) + " " + right.substr(3), meta_);
    EXPECT_TRUE(ok) << describe(ok.error());
}

TEST_P(Mfa, ConfirmationIsThrottled) {
    const auto id = add_user();
    auto begun = mfa_->begin_enrolment(principal(id), kPassword, meta_);
    ASSERT_TRUE(begun);
    const std::string right = code_at(raw_secret(*begun), now_);
    const std::string wrong = right == "999999" ? "999998" : "999999";
    for (int i = 0; i < 6; ++i) ASSERT_FALSE(mfa_->confirm_enrolment(principal(id), wrong, meta_));
    auto locked = mfa_->confirm_enrolment(principal(id), right, meta_);
    ASSERT_FALSE(locked);
    EXPECT_EQ(locked.error().code, ErrorCode::rate_limited);
    now_ += 31;
    EXPECT_TRUE(mfa_->confirm_enrolment(principal(id), code_at(raw_secret(*begun), now_), meta_));
}

TEST_P(Mfa, CodeUsedAtEnrolmentCannotSignIn) {
    const auto id = add_user();
    auto begun = mfa_->begin_enrolment(principal(id), kPassword, meta_);
    const std::string code = code_at(raw_secret(*begun), now_);
    ASSERT_TRUE(mfa_->confirm_enrolment(principal(id), code, meta_));
    auto replay = verify(id, code);
    ASSERT_FALSE(replay);
    EXPECT_EQ(replay.error().public_message, "mfa.error.code_used");
}

TEST_P(Mfa, ReplayOfTheSameCodeIsRefused) {
    const auto id = add_user();
    const auto enrolled = enrol(id);
    const std::string code = code_at(enrolled.secret, now_);
    auto first = verify(id, code);
    EXPECT_TRUE(first) << describe(first.error());
    auto second = verify(id, code);
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().code, ErrorCode::unauthenticated);
    EXPECT_EQ(second.error().public_message, "mfa.error.code_used");
    // The previous step's code is older than the one used: refused too.
    auto older = verify(id, code_at(enrolled.secret, now_ - 30));
    ASSERT_FALSE(older);
    EXPECT_EQ(older.error().public_message, "mfa.error.code_used");
    // The next step's code still works once.
    now_ += 30;
    EXPECT_TRUE(verify(id, code_at(enrolled.secret, now_)));
}

TEST_P(Mfa, OneStepOfClockSkewIsAccepted) {
    const auto id = add_user();
    const auto enrolled = enrol(id);
    auto behind = verify(id, code_at(enrolled.secret, now_ - 30));
    EXPECT_TRUE(behind) << describe(behind.error());
    now_ += 300;
    auto ahead = verify(id, code_at(enrolled.secret, now_ + 30));
    EXPECT_TRUE(ahead) << describe(ahead.error());
}

TEST_P(Mfa, TwoStepsOfClockSkewAreRefused) {
    const auto id = add_user();
    const auto enrolled = enrol(id);
    for (std::int64_t offset : {-60, 60, -90, 90}) {
        auto refused = verify(id, code_at(enrolled.secret, now_ + offset));
        ASSERT_FALSE(refused) << offset;
        EXPECT_EQ(refused.error().public_message, "mfa.error.invalid_code") << offset;
    }
}

TEST_P(Mfa, RecoveryCodeWorksOnce) {
    const auto id = add_user();
    const auto enrolled = enrol(id);
    // Typed in capitals with spaces instead of dashes: still the code.
    std::string typed;
    for (char c : enrolled.codes[3]) typed += c == '-' ? ' ' : static_cast<char>(std::toupper(c));
    auto used = verify(id, typed);
    EXPECT_TRUE(used) << describe(used.error());
    EXPECT_EQ(mfa_->recovery_codes_left(principal(id)).value_or(-1), 9);
    EXPECT_EQ(audit_count("mfa.recovery_code_used"), 1);

    auto again = verify(id, enrolled.codes[3]);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::unauthenticated);
    EXPECT_EQ(again.error().public_message, "mfa.error.invalid_code");
    // Another user's code is nobody else's.
    const auto other = add_user();
    enrol(other);
    EXPECT_FALSE(verify(other, enrolled.codes[4]));
    EXPECT_TRUE(verify(id, enrolled.codes[4]));
    // Near misses are refused.
    std::string altered = enrolled.codes[5];
    altered[0] = altered[0] == 'a' ? 'b' : 'a';
    EXPECT_FALSE(verify(id, altered));
    EXPECT_FALSE(verify(id, enrolled.codes[5].substr(0, 9)));
    EXPECT_FALSE(verify(id, "'; DROP TABLE users; --"));
}

TEST_P(Mfa, RegenerateInvalidatesOldCodes) {
    const auto id = add_user();
    const auto enrolled = enrol(id);
    auto wrong = mfa_->regenerate_recovery_codes(principal(id), "not my password at all", meta_);
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, ErrorCode::unauthenticated);
    EXPECT_EQ(wrong.error().public_message, "mfa.error.wrong_password");
    EXPECT_EQ(mfa_->regenerate_recovery_codes(principal(id), "", meta_).error().code, ErrorCode::invalid_input);
    EXPECT_TRUE(verify(id, enrolled.codes[0]));  // still the old set

    auto fresh = mfa_->regenerate_recovery_codes(principal(id), kPassword, meta_);
    ASSERT_TRUE(fresh) << describe(fresh.error());
    ASSERT_EQ(fresh->size(), 10u);
    EXPECT_EQ(mfa_->recovery_codes_left(principal(id)).value_or(-1), 10);
    EXPECT_FALSE(verify(id, enrolled.codes[1]));
    EXPECT_TRUE(verify(id, (*fresh)[1]));
    EXPECT_EQ(notices(id, "recovery_codes_regenerated"), 1);
    EXPECT_EQ(audit_count("mfa.recovery_codes_regenerated"), 1);
}

TEST_P(Mfa, RegenerateNeedsMfaOn) {
    const auto id = add_user();
    auto refused = mfa_->regenerate_recovery_codes(principal(id), kPassword, meta_);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::conflict);
}

TEST_P(Mfa, WrongPasswordsAreThrottled) {
    const auto id = add_user();
    enrol(id);
    for (int i = 0; i < 6; ++i)
        EXPECT_EQ(mfa_->regenerate_recovery_codes(principal(id), "wrong password guess", meta_).error().code,
                  ErrorCode::unauthenticated);
    auto locked = mfa_->regenerate_recovery_codes(principal(id), kPassword, meta_);
    ASSERT_FALSE(locked);
    EXPECT_EQ(locked.error().code, ErrorCode::rate_limited);
}

TEST_P(Mfa, VerifyLocksAfterFiveFailuresAndRestartingSignInDoesNotReset) {
    const auto id = add_user();
    const auto enrolled = enrol(id);
    const auto record = user(id);
    AuthService auth(db(), *sessions_, *mfa_, *audit_, AuthSettings{}, [this] { return now_; });

    auto signed_in = auth.sign_in(record.email, kPassword, meta_);
    ASSERT_TRUE(signed_in) << describe(signed_in.error());
    ASSERT_TRUE(signed_in->mfa_due);
    const std::string right = code_at(enrolled.secret, now_);
    const std::string wrong = right == "123456" ? "654321" : "123456";
    // Five failures are free; the sixth locks.
    for (int i = 0; i < 6; ++i) {
        auto refused = auth.complete_mfa(signed_in->session.id, wrong, meta_);
        ASSERT_FALSE(refused);
        EXPECT_EQ(refused.error().code, ErrorCode::unauthenticated) << i;
    }
    auto locked = auth.complete_mfa(signed_in->session.id, right, meta_);
    ASSERT_FALSE(locked);
    EXPECT_EQ(locked.error().code, ErrorCode::rate_limited);
    EXPECT_EQ(locked.error().public_message, "mfa.error.throttled");

    // A new sign-in (a new session) finds the same lock.
    auto again = auth.sign_in(record.email, kPassword, meta_);
    ASSERT_TRUE(again) << describe(again.error());
    EXPECT_NE(again->session.id, signed_in->session.id);
    auto still_locked = auth.complete_mfa(again->session.id, right, meta_);
    ASSERT_FALSE(still_locked);
    EXPECT_EQ(still_locked.error().code, ErrorCode::rate_limited);
    // Recovery codes are behind the same lock.
    EXPECT_EQ(verify(id, enrolled.codes[0]).error().code, ErrorCode::rate_limited);

    now_ += 31;
    auto done = auth.complete_mfa(again->session.id, code_at(enrolled.secret, now_), meta_);
    EXPECT_TRUE(done) << describe(done.error());
    // The success reset the count: five more free failures.
    for (int i = 0; i < 5; ++i) EXPECT_EQ(verify(id, wrong).error().code, ErrorCode::unauthenticated);
    EXPECT_TRUE(verify(id, enrolled.codes[0]));
}

TEST_P(Mfa, ParallelWrongCodesStopAtTheLock) {
    const auto id = add_user();
    const auto enrolled = enrol(id);
    AuthService auth(db(), *sessions_, *mfa_, *audit_, AuthSettings{}, [this] { return now_; });
    auto signed_in = auth.sign_in(user(id).email, kPassword, meta_);
    ASSERT_TRUE(signed_in) << describe(signed_in.error());
    ASSERT_TRUE(signed_in->mfa_due);
    const std::string right = code_at(enrolled.secret, now_);
    const std::string wrong = right == "123456" ? "654321" : "123456";

    constexpr int kGuesses = 12;
    std::vector<ErrorCode> outcomes(kGuesses, ErrorCode::internal);
    test::at_once(kGuesses, [&](int i) {
        auto r = auth.complete_mfa(signed_in->session.id, wrong, meta_);
        outcomes[i] = r ? ErrorCode::internal : r.error().code;
    });
    const auto checked = std::count(outcomes.begin(), outcomes.end(), ErrorCode::unauthenticated);
    const auto refused = std::count(outcomes.begin(), outcomes.end(), ErrorCode::rate_limited);
    EXPECT_EQ(checked + refused, kGuesses);
    EXPECT_LE(checked, 6);  // five free failures and the one that locks
    EXPECT_EQ(
        database_.count("SELECT failures FROM throttles WHERE scope = 'mfa' AND subject = $1", std::to_string(id)),
        checked);
    EXPECT_EQ(auth.complete_mfa(signed_in->session.id, right, meta_).error().code, ErrorCode::rate_limited);
}

TEST_P(Mfa, ParallelWrongPasswordsStopAtTheLock) {
    const auto id = add_user();
    enrol(id);
    const Principal who = principal(id);
    constexpr int kGuesses = 12;
    std::vector<ErrorCode> outcomes(kGuesses, ErrorCode::internal);
    test::at_once(kGuesses, [&](int i) {
        auto r = mfa_->regenerate_recovery_codes(who, "wrong password " + std::to_string(i), meta_);
        outcomes[i] = r ? ErrorCode::internal : r.error().code;
    });
    const auto checked = std::count(outcomes.begin(), outcomes.end(), ErrorCode::unauthenticated);
    EXPECT_EQ(checked + std::count(outcomes.begin(), outcomes.end(), ErrorCode::rate_limited), kGuesses);
    EXPECT_LE(checked, 6);
    EXPECT_EQ(audit_count("mfa.password_failed"), checked);
}

TEST_P(Mfa, VerifyFailsWithoutMfa) {
    const auto id = add_user();
    ASSERT_TRUE(mfa_->begin_enrolment(principal(id), kPassword, meta_));  // pending is not enabled
    auto refused = verify(id, "123456");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::unauthenticated);
}

TEST_P(Mfa, DisableIsRefusedForStaffAndWhenTheOrganisationRequiresIt) {
    for (const auto role : {Role::agent, Role::admin}) {
        const auto id = add_user(role);
        enrol(id);
        auto refused = mfa_->disable(principal(id), kPassword, meta_);
        ASSERT_FALSE(refused);
        EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
        EXPECT_EQ(refused.error().public_message, "mfa.error.required");
        EXPECT_TRUE(user(id).mfa_enabled());
    }
    const auto contact = add_user(Role::customer, add_organisation(true));
    enrol(contact);
    auto refused = mfa_->disable(principal(contact), kPassword, meta_);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
    EXPECT_TRUE(user(contact).mfa_enabled());
}

TEST_P(Mfa, DisableNeedsThePasswordAndClearsEverything) {
    const auto id = add_user();
    const auto keep = new_session(id);
    const auto enrolled = enrol(id, keep);
    const auto other = new_session(id);

    auto wrong = mfa_->disable(principal(id, keep), "not the password!", meta_);
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, ErrorCode::unauthenticated);
    EXPECT_TRUE(user(id).mfa_enabled());

    auto done = mfa_->disable(principal(id, keep), kPassword, meta_);
    ASSERT_TRUE(done) << describe(done.error());
    const auto record = user(id);
    EXPECT_FALSE(record.mfa_enabled());
    EXPECT_FALSE(record.mfa_secret.has_value());
    EXPECT_EQ(count("SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1", id), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE id = $1", keep), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE id = $1", other), 0);
    EXPECT_EQ(notices(id, "mfa_disabled"), 1);
    EXPECT_EQ(audit_count("mfa.disabled"), 1);
    EXPECT_FALSE(verify(id, enrolled.codes[0]));
    EXPECT_EQ(mfa_->disable(principal(id, keep), kPassword, meta_).error().code, ErrorCode::conflict);

    // It can be turned on again, with a new secret.
    auto again = mfa_->begin_enrolment(principal(id), kPassword, meta_);
    ASSERT_TRUE(again);
    EXPECT_NE(raw_secret(*again), enrolled.secret);
}

TEST_P(Mfa, EnrolmentEndsTheOtherSessionsAndMailsANotice) {
    const auto id = add_user();
    const auto current = new_session(id);
    const auto laptop = new_session(id);
    const auto phone = new_session(id);
    const auto bystander = add_user();
    const auto theirs = new_session(bystander);
    enrol(id, current);
    EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE user_id = $1", id), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE id = $1", current), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE id = $1", laptop), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE id = $1", phone), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE id = $1", theirs), 1);
    EXPECT_EQ(notices(id, "mfa_enabled"), 1);
    EXPECT_EQ(notices(bystander, "mfa_enabled"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, Mfa, ::testing::Values(Backend::sqlite, Backend::postgres), test::backend_name);

}  // namespace
}  // namespace comptoir::accounts
