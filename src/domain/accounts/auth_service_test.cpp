// Sessions, throttling and the sign-in / sign-up / reset flows, on SQLite and
// PostgreSQL, with a clock the tests move forward.
#include "domain/accounts/auth_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <latch>
#include <thread>
#include <vector>

#include "core/crypto.hpp"
#include "domain/accounts/throttle.hpp"
#include "domain/accounts/tokens.hpp"
#include "domain/test_support.hpp"

namespace comptoir::accounts {
namespace {

using storage::Backend;
using test::exec;
using test::must;

constexpr std::int64_t kStart = 1'800'000'000;
const std::string kPassword = "correct horse battery staple";

class Auth : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        crypto::init();
        if (!database_.open(GetParam())) GTEST_SKIP() << "COMPTOIR_TEST_PG_URL is not set";
        org_ = database_.add_organisation("acme", "Acme");
        other_org_ = database_.add_organisation("globex", "Globex");
        customer_ = add_user("ana@acme.test", "customer", org_);
        audit_ = std::make_unique<audit::AuditLog>(GetParam());
        sessions_ = std::make_unique<Sessions>(db(), SessionSettings{30 * 60, 12 * 3600}, clock());
        box_ = std::make_unique<crypto::SecretBox>(must(crypto::SecretBox::from_hex(std::string(64, 'a'))));
        mfa_ = std::make_unique<MfaService>(db(), *box_, *sessions_, *audit_, "Test", clock());
        AuthSettings settings;
        settings.self_registration = true;
        auth_ = std::make_unique<AuthService>(db(), *sessions_, *mfa_, *audit_, settings, clock());
    }

    storage::Database& db() { return database_.db(); }
    Clock clock() {
        return [this] { return now_.load(); };
    }
    void advance(std::int64_t seconds) { now_ += seconds; }

    std::int64_t add_user(const std::string& email, const std::string& role, std::optional<std::int64_t> org) {
        auto id = database_.add_user(email, role, org);
        exec(db(), "UPDATE users SET password_hash = $1 WHERE id = $2", must(crypto::hash_password(kPassword)), id);
        return id;
    }

    RequestMeta meta(std::string addr = "192.0.2.1") {
        return RequestMeta{addr, "TestAgent/1.0", "req-1", "https://portal.test"};
    }

    std::int64_t count(const std::string& sql) { return exec(db(), sql).one().get<std::int64_t>(0); }

    test::TestDatabase database_;
    std::atomic<std::int64_t> now_{kStart};
    std::int64_t org_ = 0, other_org_ = 0, customer_ = 0;
    std::unique_ptr<audit::AuditLog> audit_;
    std::unique_ptr<Sessions> sessions_;
    std::unique_ptr<crypto::SecretBox> box_;
    std::unique_ptr<MfaService> mfa_;
    std::unique_ptr<AuthService> auth_;
};

TEST_P(Auth, SignInCreatesASessionWhoseTokenIsStoredOnlyHashed) {
    auto outcome = must(auth_->sign_in("  ANA@acme.test ", kPassword, meta()));
    EXPECT_FALSE(outcome.mfa_due);
    EXPECT_EQ(outcome.session.token.size(), 64u);  // 256 bits, hex
    EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE token_hash = '" + outcome.session.token + "'"), 0);
    auto found = must(sessions_->authenticate(outcome.session.token));
    ASSERT_TRUE(found);
    EXPECT_EQ(found->user.id, customer_);
    EXPECT_EQ(found->session.user_agent, "TestAgent/1.0");
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'signin.success'"), 1);
}

TEST_P(Auth, WrongPasswordAndUnknownAddressGetTheSameError) {
    auto wrong = auth_->sign_in("ana@acme.test", "not the password at all", meta());
    auto unknown = auth_->sign_in("nobody@acme.test", kPassword, meta());
    ASSERT_FALSE(wrong);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(wrong.error().code, unknown.error().code);
    EXPECT_EQ(wrong.error().public_message, unknown.error().public_message);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'signin.failure'"), 2);
    // The password tried never reaches the trail.
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE details LIKE '%not the password%'"), 0);
}

TEST_P(Auth, RepeatedFailuresLockTheAccountWithGrowingDelays) {
    for (int i = 0; i < 5; ++i)
        ASSERT_EQ(auth_->sign_in("ana@acme.test", "wrong password!!", meta()).error().code, ErrorCode::unauthenticated);
    // The sixth failure locks for 30 s; even the right password is refused meanwhile.
    EXPECT_FALSE(auth_->sign_in("ana@acme.test", "wrong password!!", meta()));
    auto locked = auth_->sign_in("ana@acme.test", kPassword, meta("198.51.100.7"));
    ASSERT_FALSE(locked);
    EXPECT_EQ(locked.error().code, ErrorCode::rate_limited);
    advance(31);
    EXPECT_FALSE(auth_->sign_in("ana@acme.test", "wrong password!!", meta()));  // 7th: 60 s
    advance(31);
    EXPECT_EQ(auth_->sign_in("ana@acme.test", kPassword, meta()).error().code, ErrorCode::rate_limited);
    advance(30);
    EXPECT_TRUE(auth_->sign_in("ana@acme.test", kPassword, meta()));
}

TEST_P(Auth, ParallelGuessesStopAtTheLock) {
    // A burst of guesses sent at once must not all be checked: the decision to
    // check one is taken together with counting it.
    constexpr int kGuesses = 12;
    std::vector<ErrorCode> outcomes(kGuesses, ErrorCode::internal);
    test::at_once(kGuesses, [&](int i) {
        auto r = auth_->sign_in("ana@acme.test", "wrong password " + std::to_string(i), meta());
        outcomes[i] = r ? ErrorCode::internal : r.error().code;
    });
    const auto checked = std::count(outcomes.begin(), outcomes.end(), ErrorCode::unauthenticated);
    const auto refused = std::count(outcomes.begin(), outcomes.end(), ErrorCode::rate_limited);
    EXPECT_EQ(checked + refused, kGuesses);
    EXPECT_LE(checked, throttles::account.free_failures + 1);  // the free ones and the one that locks
    // Every checked guess is counted, none lost to a concurrent one.
    EXPECT_EQ(count("SELECT failures FROM throttles WHERE scope = 'account'"), checked);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'signin.failure'"), checked);
    EXPECT_EQ(auth_->sign_in("ana@acme.test", kPassword, meta()).error().code, ErrorCode::rate_limited);
}

TEST_P(Auth, ParallelGuessesFromOneAddressStopAtTheAddressLock) {
    constexpr int kGuesses = 30;
    std::vector<ErrorCode> outcomes(kGuesses, ErrorCode::internal);
    test::at_once(kGuesses, [&](int i) {
        auto r = auth_->sign_in("user" + std::to_string(i) + "@acme.test", "x-wrong-password", meta("203.0.113.9"));
        outcomes[i] = r ? ErrorCode::internal : r.error().code;
    });
    const auto checked = std::count(outcomes.begin(), outcomes.end(), ErrorCode::unauthenticated);
    EXPECT_EQ(checked + std::count(outcomes.begin(), outcomes.end(), ErrorCode::rate_limited), kGuesses);
    EXPECT_LE(checked, throttles::address.free_failures + 1);
    EXPECT_EQ(count("SELECT failures FROM throttles WHERE scope = 'address' AND subject = '203.0.113.9'"), checked);
}

TEST_P(Auth, ASuccessFromAnAddressDoesNotAddToItsFailures) {
    for (int i = 0; i < 20; ++i)
        (void)auth_->sign_in("user" + std::to_string(i) + "@acme.test", "x-wrong-password", meta("203.0.113.9"));
    // The 21st attempt would lock the address, but it is right: it is not a failure.
    EXPECT_TRUE(auth_->sign_in("ana@acme.test", kPassword, meta("203.0.113.9")));
    EXPECT_TRUE(auth_->sign_in("ana@acme.test", kPassword, meta("203.0.113.9")));
    EXPECT_EQ(count("SELECT failures FROM throttles WHERE scope = 'address' AND subject = '203.0.113.9'"), 20);
    EXPECT_EQ(auth_->sign_in("nobody@acme.test", "x-wrong-password", meta("203.0.113.9")).error().code,
              ErrorCode::unauthenticated);
    EXPECT_EQ(auth_->sign_in("ana@acme.test", kPassword, meta("203.0.113.9")).error().code, ErrorCode::rate_limited);
}

TEST_P(Auth, TheRightPasswordOfAnUnverifiedAccountIsNotAFailure) {
    SignUp request{"new@home.test", "Nadia", "a long enough passphrase", "en", ""};
    must(auth_->sign_up(request, meta()));
    for (int i = 0; i < 7; ++i)
        EXPECT_EQ(auth_->sign_in("new@home.test", request.password, meta()).error().public_message,
                  "auth.error.unverified");
    EXPECT_EQ(count("SELECT COUNT(*) FROM throttles WHERE scope IN ('account', 'address') AND failures > 0"), 0);
}

TEST_P(Auth, PasswordsAreNotTruncated) {
    // bcrypt, for one, would read only the first 72 bytes of these.
    const std::string long_password = std::string(127, 'p') + "1";
    const std::string almost = std::string(127, 'p') + "2";
    ASSERT_EQ(long_password.size(), 128u);
    exec(db(), "UPDATE users SET password_hash = $1 WHERE id = $2", must(crypto::hash_password(long_password)),
         customer_);
    EXPECT_EQ(auth_->sign_in("ana@acme.test", almost, meta()).error().code, ErrorCode::unauthenticated);
    EXPECT_EQ(auth_->sign_in("ana@acme.test", long_password.substr(0, 127), meta()).error().code,
              ErrorCode::unauthenticated);
    EXPECT_TRUE(auth_->sign_in("ana@acme.test", long_password, meta()));
}

TEST_P(Auth, TheTrailKeepsWhatWasTypedAsTheAddressOnlyWhenItIsAnAddress) {
    // Someone typing their password into the e-mail field.
    (void)auth_->sign_in("Hunter2-my-secret!", "whatever it is", meta());
    (void)auth_->sign_in("ghost@acme.test", "whatever it is", meta());
    auto rows = exec(db(), "SELECT actor_email FROM audit_log WHERE action = 'signin.failure' ORDER BY id");
    ASSERT_EQ(rows.rows.size(), 2u);
    EXPECT_EQ(rows.rows[0].get_opt<std::string>(0).value_or(""), "");
    EXPECT_EQ(rows.rows[1].get<std::string>(0), "ghost@acme.test");
    // The same for attempts refused by the lock.
    for (int i = 0; i < 7; ++i) (void)auth_->sign_in("Hunter2-my-secret!", "whatever it is", meta());
    EXPECT_GE(count("SELECT COUNT(*) FROM audit_log WHERE action = 'signin.throttled'"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE LOWER(actor_email) LIKE '%hunter2%' OR "
                    "LOWER(details) LIKE '%hunter2%' OR LOWER(target) LIKE '%hunter2%'"),
              0);
}

TEST_P(Auth, ASessionRemembersTheAddressItWasLastUsedFrom) {
    auto outcome = must(auth_->sign_in("ana@acme.test", kPassword, meta("192.0.2.1")));
    auto seen = must(sessions_->authenticate(outcome.session.token, "198.51.100.4"));
    ASSERT_TRUE(seen);
    EXPECT_EQ(seen->session.client_addr, "198.51.100.4");
    auto stored = [&] {
        return exec(db(), "SELECT client_addr FROM sessions WHERE id = $1", outcome.session.id)
            .one()
            .get<std::string>(0);
    };
    EXPECT_EQ(stored(), "198.51.100.4");
    // An unknown address keeps the last one.
    ASSERT_TRUE(must(sessions_->authenticate(outcome.session.token)));
    EXPECT_EQ(stored(), "198.51.100.4");
    auto tx = must(db().read());
    auto listed = must(sessions_->list(tx, customer_));
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].client_addr, "198.51.100.4");
}

TEST_P(Auth, TheLockIsStoredInTheDatabaseSoANewServiceSeesIt) {
    for (int i = 0; i < 6; ++i) (void)auth_->sign_in("ana@acme.test", "wrong password!!", meta());
    // Another node (or this one after a restart) shares nothing with the first but the database.
    Sessions sessions(db(), SessionSettings{}, clock());
    AuthService other(db(), sessions, *mfa_, *audit_, AuthSettings{}, clock());
    EXPECT_EQ(other.sign_in("ana@acme.test", kPassword, meta()).error().code, ErrorCode::rate_limited);
}

TEST_P(Auth, ManyFailuresFromOneAddressLockThatAddressForEveryAccount) {
    for (int i = 0; i < 21; ++i)
        (void)auth_->sign_in("user" + std::to_string(i) + "@acme.test", "x-wrong-password", meta("203.0.113.9"));
    EXPECT_EQ(auth_->sign_in("ana@acme.test", kPassword, meta("203.0.113.9")).error().code, ErrorCode::rate_limited);
    EXPECT_TRUE(auth_->sign_in("ana@acme.test", kPassword, meta("203.0.113.10")));
}

TEST_P(Auth, SessionsEndWhenIdleOrOld) {
    auto first = must(auth_->sign_in("ana@acme.test", kPassword, meta()));
    advance(29 * 60);
    EXPECT_TRUE(must(sessions_->authenticate(first.session.token)));  // activity recorded
    advance(29 * 60);
    EXPECT_TRUE(must(sessions_->authenticate(first.session.token)));
    advance(31 * 60);  // idle too long
    EXPECT_FALSE(must(sessions_->authenticate(first.session.token)));

    auto second = must(auth_->sign_in("ana@acme.test", kPassword, meta()));
    for (int i = 0; i < 25; ++i) {  // busy all day: the absolute limit still ends it
        advance(29 * 60);
        if (!must(sessions_->authenticate(second.session.token))) {
            EXPECT_GE(now_.load() - (kStart + 89 * 60), 12 * 3600 - 30 * 60);
            return;
        }
    }
    FAIL() << "the session outlived its absolute lifetime";
}

TEST_P(Auth, ADeactivatedUserIsSignedOutOnTheNextRequest) {
    auto outcome = must(auth_->sign_in("ana@acme.test", kPassword, meta()));
    exec(db(), "UPDATE users SET active = 0 WHERE id = $1", customer_);
    EXPECT_FALSE(must(sessions_->authenticate(outcome.session.token)));
    EXPECT_EQ(count("SELECT COUNT(*) FROM sessions"), 0);
    EXPECT_EQ(auth_->sign_in("ana@acme.test", kPassword, meta()).error().code, ErrorCode::unauthenticated);
}

TEST_P(Auth, ADeactivatedOrganisationEndsItsContactsSessions) {
    auto outcome = must(auth_->sign_in("ana@acme.test", kPassword, meta()));
    exec(db(), "UPDATE organisations SET active = 0 WHERE id = $1", org_);
    EXPECT_FALSE(must(sessions_->authenticate(outcome.session.token)));
}

TEST_P(Auth, RevokingOnlyReachesTheUsersOwnSessions) {
    auto mine = must(auth_->sign_in("ana@acme.test", kPassword, meta()));
    add_user("bob@globex.test", "customer", other_org_);
    auto theirs = must(auth_->sign_in("bob@globex.test", kPassword, meta()));
    auto tx = must(db().write());
    EXPECT_FALSE(must(sessions_->revoke(tx, customer_, theirs.session.id)));
    must(tx.commit());
    EXPECT_TRUE(must(sessions_->authenticate(theirs.session.token)));
    EXPECT_TRUE(must(sessions_->authenticate(mine.session.token)));
}

TEST_P(Auth, SignUpNeedsVerificationAndReturnsTheSameForATakenAddress) {
    SignUp request{"new@home.test", "Nadia", "a long enough passphrase", "fr", ""};
    must(auth_->sign_up(request, meta()));
    EXPECT_EQ(auth_->sign_in("new@home.test", request.password, meta()).error().public_message,
              "auth.error.unverified");
    auto link = exec(db(), "SELECT params FROM outbox WHERE recipient = 'new@home.test' AND template = 'verify_email'")
                    .one()
                    .get<std::string>(0);
    const auto at = link.find("token=");
    ASSERT_NE(at, std::string::npos);
    const std::string token = link.substr(at + 6, 64);
    must(auth_->verify_email(token, meta()));
    EXPECT_TRUE(auth_->sign_in("new@home.test", request.password, meta()));
    EXPECT_EQ(auth_->verify_email(token, meta()).error().code, ErrorCode::not_found);  // single use
    // The new person manages their own (household) organisation.
    EXPECT_EQ(exec(db(), "SELECT role FROM users WHERE email = 'new@home.test'").one().get<std::string>(0),
              "org_admin");

    // A taken address: the same outcome, no second account, a mail to the owner.
    SignUp again{"ana@acme.test", "Impostor", "another long passphrase", "en", ""};
    EXPECT_TRUE(auth_->sign_up(again, meta("192.0.2.50")));
    EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE email = 'ana@acme.test'"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE recipient = 'ana@acme.test' AND template = 'signup_existing'"),
              1);
}

TEST_P(Auth, SignUpValidatesItsInput) {
    auto attempt = [&](SignUp s) { return auth_->sign_up(s, meta("192.0.2.77")).error().public_message; };
    EXPECT_EQ(attempt({"not-an-address", "N", "a long enough passphrase", "en", ""}), "auth.error.email_invalid");
    EXPECT_EQ(attempt({"x@y.test", "", "a long enough passphrase", "en", ""}), "auth.error.name_invalid");
    EXPECT_EQ(attempt({"x@y.test", "N", "short", "en", ""}), "auth.error.password_too_short");
    EXPECT_EQ(attempt({"x@y.test", "N", "password1234", "en", ""}), "auth.error.password_too_common");
    EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE email = 'x@y.test'"), 0);
}

TEST_P(Auth, SignUpIsRefusedWhenClosed) {
    AuthService closed(db(), *sessions_, *mfa_, *audit_, AuthSettings{}, clock());
    EXPECT_EQ(closed.sign_up({"x@y.test", "N", "a long enough passphrase", "en", ""}, meta()).error().code,
              ErrorCode::not_found);
}

TEST_P(Auth, PasswordResetIsSingleUseExpiresAndEndsEverySession) {
    auto session = must(auth_->sign_in("ana@acme.test", kPassword, meta()));
    must(auth_->request_password_reset("ana@acme.test", meta()));
    must(auth_->request_password_reset("ghost@acme.test", meta()));  // same answer, no mail
    EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE template = 'reset_password'"), 1);
    // The probe of an unknown address is in the trail, under the address tried.
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'password.reset_requested' AND "
                    "actor_email = 'ghost@acme.test'"),
              1);
    auto params = exec(db(), "SELECT params FROM outbox WHERE template = 'reset_password'").one().get<std::string>(0);
    const std::string token = params.substr(params.find("token=") + 6, 64);

    EXPECT_EQ(auth_->reset_password(token, "short", meta()).error().public_message, "auth.error.password_too_short");
    must(auth_->reset_password(token, "a brand new passphrase", meta()));
    EXPECT_FALSE(must(sessions_->authenticate(session.session.token)));
    EXPECT_EQ(auth_->reset_password(token, "yet another passphrase", meta()).error().code, ErrorCode::not_found);
    EXPECT_TRUE(auth_->sign_in("ana@acme.test", "a brand new passphrase", meta()));
    EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE template = 'security_notice'"), 1);

    must(auth_->request_password_reset("ana@acme.test", meta()));
    params = exec(db(), "SELECT params FROM outbox WHERE template = 'reset_password' ORDER BY id DESC LIMIT 1")
                 .one()
                 .get<std::string>(0);
    const std::string late = params.substr(params.find("token=") + 6, 64);
    advance(15 * 60 + 1);
    EXPECT_EQ(auth_->reset_password(late, "a brand new passphrase 2", meta()).error().code, ErrorCode::not_found);
}

TEST_P(Auth, ResetRequestsAreThrottledPerAddress) {
    for (int i = 0; i < 6; ++i)
        (void)auth_->request_password_reset("ana@acme.test", meta("192.0.2." + std::to_string(i)));
    EXPECT_EQ(auth_->request_password_reset("ana@acme.test", meta("192.0.2.99")).error().code, ErrorCode::rate_limited);
    // Five free requests, a sixth that starts the lock, then refusals.
    EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE template = 'reset_password'"), 6);
}

TEST_P(Auth, TheAuditTrailStaysVerifiable) {
    (void)auth_->sign_in("ana@acme.test", "wrong password!!", meta());
    must(auth_->sign_in("ana@acme.test", kPassword, meta()));
    auto report = must(audit_->verify(db()));
    EXPECT_EQ(report.entries, 2);
    EXPECT_FALSE(report.first_broken_id);
}

INSTANTIATE_TEST_SUITE_P(Backends, Auth, ::testing::Values(Backend::sqlite, Backend::postgres), test::backend_name);

}  // namespace
}  // namespace comptoir::accounts
