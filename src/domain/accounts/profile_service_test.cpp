// ProfileService on a migrated database: SQLite (a temporary file) always, and
// PostgreSQL (a fresh schema) when COMPTOIR_TEST_PG_URL is set. The clock is
// fixed and moved by hand, so throttle locks and expiry are checked without waiting.
#include "domain/accounts/profile_service.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <stdexcept>

#include "core/crypto.hpp"
#include "domain/accounts/sessions.hpp"
#include "domain/accounts/throttle.hpp"
#include "domain/test_support.hpp"

namespace comptoir::accounts {
namespace {

using storage::Backend;
using test::describe;

constexpr std::int64_t kNow = 1780000000;
constexpr std::string_view kPassword = "correct horse battery staple";
constexpr std::string_view kNewPassword = "a brand new passphrase 2026";

ProfileChoices choices() {
    ProfileChoices c;
    c.languages = {"en", "fr"};
    c.time_zone_exists = [](std::string_view zone) {
        return zone == "UTC" || zone == "Europe/Paris" || zone == "America/New_York";
    };
    return c;
}

ProfileUpdate valid_update() {
    ProfileUpdate u;
    u.display_name = "Lucas Bernard";
    u.phone = "+33 (0)1 23 45 67 89";
    u.postal_address = "12 rue des Lilas\n75011 Paris";
    u.billing_address = "";
    u.language = "fr";
    u.time_zone = "Europe/Paris";
    u.notify_updates = true;
    u.notify_news = false;
    return u;
}

RequestMeta meta() {
    return RequestMeta{"203.0.113.7", "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0", "req-1",
                       "https://support.example"};
}

// The keys of check_profile's errors, in order.
std::vector<std::string> keys(const std::vector<FieldError>& errors) {
    std::vector<std::string> out;
    for (const auto& e : errors) out.push_back(e.field + "=" + e.key);
    return out;
}

class ProfileServiceTest : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        crypto::init();
        if (!database_.open(GetParam())) GTEST_SKIP() << "COMPTOIR_TEST_PG_URL is not set";
        Clock clock = [this] { return now_; };
        audit_ = std::make_unique<audit::AuditLog>(GetParam());
        sessions_ = std::make_unique<Sessions>(db(), SessionSettings{}, clock);
        service_ = std::make_unique<ProfileService>(db(), *sessions_, *audit_, clock);

        org_a_ = database_.add_organisation("alpha", "Alpha", "fr", now_);
        org_b_ = database_.add_organisation("beta", "Beta", "en", now_);
        alice_ = add_user(org_a_, "alice@alpha.example", "Alice");
        bob_ = add_user(org_b_, "bob@beta.example", "Bob");
    }

    storage::Database& db() { return database_.db(); }

    std::int64_t add_user(std::int64_t org, const std::string& email, const std::string& name) {
        return database_.add_user({.email = email,
                                   .organisation_id = org,
                                   .display_name = name,
                                   .password_hash = test::password_hash(kPassword),
                                   .created_at = now_});
    }

    UserRecord user(std::int64_t id) { return database_.user(id); }

    // A signed-in session of `id`, and the principal acting through it.
    Principal sign_in(std::int64_t id) {
        auto tx = db().write();
        auto session = sessions_->create(*tx, id, SessionStage::full, meta());
        if (!session) throw std::runtime_error(describe(session.error()));
        if (auto done = tx->commit(); !done) throw std::runtime_error(describe(done.error()));
        return to_principal(user(id), session->id);
    }

    std::vector<std::int64_t> session_ids(std::int64_t user_id) {
        std::vector<std::int64_t> ids;
        for (const auto& row : database_.select("SELECT id FROM sessions WHERE user_id = $1 ORDER BY id", user_id).rows)
            ids.push_back(row.get<std::int64_t>(0));
        return ids;
    }

    // Outbox rows as "recipient|template|params".
    std::vector<std::string> outbox() {
        std::vector<std::string> out;
        for (const auto& row : database_.select("SELECT recipient, template, params FROM outbox ORDER BY id").rows)
            out.push_back(row.get<std::string>(0) + "|" + row.get<std::string>(1) + "|" + row.get<std::string>(2));
        return out;
    }

    std::int64_t audit_count(std::string_view action) {
        return database_.count("SELECT COUNT(*) FROM audit_log WHERE action = $1", action);
    }

    // The token of the latest change_email link in the outbox.
    std::string email_change_token() {
        auto rows = database_.select("SELECT params FROM outbox WHERE template = 'change_email' ORDER BY id DESC");
        if (rows.empty()) return {};
        const auto params = rows.rows.front().get<std::string>(0);
        const auto at = params.find("token=");
        if (at == std::string::npos) return {};
        const auto begin = at + 6;
        const auto end = params.find_first_not_of("0123456789abcdefABCDEF", begin);
        return params.substr(begin, end - begin);
    }

    test::TestDatabase database_;
    std::int64_t now_ = kNow;
    std::unique_ptr<audit::AuditLog> audit_;
    std::unique_ptr<Sessions> sessions_;
    std::unique_ptr<ProfileService> service_;
    std::int64_t org_a_ = 0, org_b_ = 0, alice_ = 0, bob_ = 0;
};

// ------------------------------------------------------------------ profile

TEST(ProfileValidation, AcceptsAValidForm) { EXPECT_TRUE(check_profile(valid_update(), choices()).empty()); }

TEST(ProfileValidation, NamesEachBadField) {
    auto u = valid_update();
    u.display_name = "   ";
    u.phone = "call me";
    u.postal_address = std::string(501, 'x');
    u.billing_address = "ok\x01";
    u.language = "de";
    u.time_zone = "Mars/Olympus_Mons";
    EXPECT_EQ(keys(check_profile(u, choices())),
              (std::vector<std::string>{
                  "display_name=account.error.name_required", "phone=account.error.phone_invalid",
                  "postal_address=account.error.address_invalid", "billing_address=account.error.address_invalid",
                  "language=account.error.language_invalid", "time_zone=account.error.time_zone_invalid"}));
}

TEST(ProfileValidation, NameLengthCountsCharactersNotBytes) {
    auto u = valid_update();
    std::string hundred;
    for (int i = 0; i < 100; ++i) hundred += "é";  // 200 bytes, 100 characters
    u.display_name = hundred;
    EXPECT_TRUE(check_profile(u, choices()).empty());
    u.display_name = hundred + "e";
    EXPECT_EQ(keys(check_profile(u, choices())), std::vector<std::string>{"display_name=account.error.name_invalid"});
    u.display_name = "Bad\nName";
    EXPECT_EQ(keys(check_profile(u, choices())), std::vector<std::string>{"display_name=account.error.name_invalid"});
    u.display_name = "\xC3\x28";  // not UTF-8
    EXPECT_EQ(keys(check_profile(u, choices())), std::vector<std::string>{"display_name=account.error.name_invalid"});
}

TEST(ProfileValidation, PhoneRules) {
    auto u = valid_update();
    for (const char* ok : {"", "0123456789", "+1 (212) 555-0100", "01.23.45.67.89"}) {
        u.phone = ok;
        EXPECT_TRUE(check_profile(u, choices()).empty()) << ok;
    }
    for (const char* bad :
         {"12345", "+1 (2)", "0123456789x", "0123456789 ext 5", "1234567890123456789012345678901", "<script>123456"}) {
        u.phone = bad;
        EXPECT_EQ(keys(check_profile(u, choices())), std::vector<std::string>{"phone=account.error.phone_invalid"})
            << bad;
    }
}

TEST(ProfileValidation, AddressesAreMultiLineUpTo500Characters) {
    auto u = valid_update();
    u.postal_address = "Line 1\r\nLine 2\r\n\tLine 3";
    u.billing_address = std::string(500, 'a');
    EXPECT_TRUE(check_profile(u, choices()).empty());
    EXPECT_EQ(normalised(u).postal_address, "Line 1\nLine 2\n\tLine 3");
    u.billing_address += "a";
    EXPECT_EQ(keys(check_profile(u, choices())),
              std::vector<std::string>{"billing_address=account.error.address_invalid"});
}

TEST(ProfileValidation, TimeZoneNeedsTheCheck) {
    auto u = valid_update();
    auto c = choices();
    c.time_zone_exists = nullptr;  // no way to check: refuse rather than store anything
    EXPECT_EQ(keys(check_profile(u, c)), std::vector<std::string>{"time_zone=account.error.time_zone_invalid"});
    u.time_zone = "";
    EXPECT_EQ(keys(check_profile(u, choices())), std::vector<std::string>{"time_zone=account.error.time_zone_invalid"});
}

TEST_P(ProfileServiceTest, ReadsTheOwnProfileWithoutSecrets) {
    const auto who = sign_in(alice_);
    auto p = service_->profile(who);
    ASSERT_TRUE(p) << describe(p.error());
    EXPECT_EQ(p->id, alice_);
    EXPECT_EQ(p->email, "alice@alpha.example");
    EXPECT_EQ(p->display_name, "Alice");
    EXPECT_FALSE(p->mfa_enabled);
}

TEST_P(ProfileServiceTest, UpdateSavesAndAuditsFieldNamesOnly) {
    const auto who = sign_in(alice_);
    auto u = valid_update();
    u.postal_address = "12 rue des Lilas\r\n75011 Paris";
    u.notify_news = true;
    auto done = service_->update_profile(who, u, choices(), meta());
    ASSERT_TRUE(done) << describe(done.error());
    const auto saved = user(alice_);
    EXPECT_EQ(saved.display_name, "Lucas Bernard");
    EXPECT_EQ(saved.phone, "+33 (0)1 23 45 67 89");
    EXPECT_EQ(saved.postal_address, "12 rue des Lilas\n75011 Paris");
    EXPECT_EQ(saved.language, "fr");
    EXPECT_EQ(saved.time_zone, "Europe/Paris");
    EXPECT_TRUE(saved.notify_updates);
    EXPECT_TRUE(saved.notify_news);

    auto rows = database_.select("SELECT details, actor_id, target FROM audit_log WHERE action = 'profile.updated'");
    ASSERT_EQ(rows.rows.size(), 1u);
    const auto details = rows.rows[0].get<std::string>(0);
    EXPECT_NE(details.find("display_name,phone,postal_address,language,time_zone,notify_news"), std::string::npos)
        << details;
    EXPECT_EQ(details.find("Lilas"), std::string::npos) << "values stay out of the trail";
    EXPECT_EQ(details.find("45 67"), std::string::npos);
    EXPECT_EQ(rows.rows[0].get<std::int64_t>(1), alice_);

    // Saving the same values again changes nothing and records nothing.
    ASSERT_TRUE(service_->update_profile(who, u, choices(), meta()));
    EXPECT_EQ(audit_count("profile.updated"), 1);
}

TEST_P(ProfileServiceTest, InvalidUpdateChangesNothing) {
    const auto who = sign_in(alice_);
    auto u = valid_update();
    u.phone = "not a phone";
    auto done = service_->update_profile(who, u, choices(), meta());
    ASSERT_FALSE(done);
    EXPECT_EQ(done.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(done.error().public_message, "account.error.phone_invalid");
    EXPECT_EQ(user(alice_).display_name, "Alice");
    EXPECT_EQ(audit_count("profile.updated"), 0);
}

TEST_P(ProfileServiceTest, UpdateTouchesOnlyTheActorsRow) {
    const auto who = sign_in(alice_);
    ASSERT_TRUE(service_->update_profile(who, valid_update(), choices(), meta()));
    EXPECT_EQ(user(bob_).display_name, "Bob");
    EXPECT_EQ(user(bob_).phone, "");
}

// ------------------------------------------------------------------ password

TEST_P(ProfileServiceTest, PasswordChangeEndsOtherSessionsAndKeepsThisOne) {
    const auto other_device = sign_in(alice_);
    const auto third_device = sign_in(alice_);
    const auto who = sign_in(alice_);
    const auto bobs = sign_in(bob_);
    auto done = service_->change_password(who, kPassword, kNewPassword, meta());
    ASSERT_TRUE(done) << describe(done.error());

    EXPECT_EQ(session_ids(alice_), std::vector<std::int64_t>{who.session_id});
    EXPECT_EQ(session_ids(bob_), std::vector<std::int64_t>{bobs.session_id}) << "other users keep their sessions";
    (void)other_device;
    (void)third_device;
    const auto saved = user(alice_);
    ASSERT_TRUE(saved.password_hash);
    EXPECT_TRUE(crypto::verify_password(*saved.password_hash, kNewPassword));
    EXPECT_FALSE(crypto::verify_password(*saved.password_hash, kPassword));

    const auto mails = outbox();
    ASSERT_EQ(mails.size(), 1u);
    EXPECT_TRUE(mails[0].starts_with("alice@alpha.example|security_notice|")) << mails[0];
    EXPECT_NE(mails[0].find("password_changed"), std::string::npos);
    EXPECT_EQ(mails[0].find(std::string(kNewPassword)), std::string::npos);

    auto trail = database_.select("SELECT details FROM audit_log WHERE action = 'password.changed'");
    ASSERT_EQ(trail.rows.size(), 1u);
    EXPECT_EQ(trail.rows[0].get<std::string>(0).find("passphrase"), std::string::npos);
}

TEST_P(ProfileServiceTest, WrongCurrentPasswordIsRefusedAndThrottled) {
    const auto other_device = sign_in(alice_);
    const auto who = sign_in(alice_);
    // The first failures are answered plainly…
    for (int i = 0; i < throttles::account.free_failures + 1; ++i) {
        auto done = service_->change_password(who, "not the password!!", kNewPassword, meta());
        ASSERT_FALSE(done);
        EXPECT_EQ(done.error().code, ErrorCode::invalid_input) << i;
        EXPECT_EQ(done.error().public_message, "account.error.current_password_wrong");
    }
    // …then the account is locked, even for the right password: no guessing here.
    auto locked = service_->change_password(who, kPassword, kNewPassword, meta());
    ASSERT_FALSE(locked);
    EXPECT_EQ(locked.error().code, ErrorCode::rate_limited);
    EXPECT_EQ(locked.error().public_message, "account.error.throttled");
    // The lock is the sign-in's own: it counts per account.
    {
        auto tx = db().read();
        auto wait = Throttle::wait_seconds(*tx, throttles::account, crypto::sha256_hex("alice@alpha.example"), now_);
        ASSERT_TRUE(wait);
        EXPECT_GT(*wait, 0);
    }
    EXPECT_EQ(audit_count("password.change_failed"), throttles::account.free_failures + 1);
    EXPECT_TRUE(crypto::verify_password(*user(alice_).password_hash, kPassword)) << "unchanged";
    EXPECT_EQ(session_ids(alice_).size(), 2u) << "no session ended";
    EXPECT_TRUE(outbox().empty());
    (void)other_device;

    // After the lock: the right password works again.
    now_ += throttles::account.max_delay_seconds + 1;
    auto done = service_->change_password(who, kPassword, kNewPassword, meta());
    EXPECT_TRUE(done) << describe(done.error());
}

TEST_P(ProfileServiceTest, NewPasswordFollowsThePolicy) {
    const auto who = sign_in(alice_);
    auto short_one = service_->change_password(who, kPassword, "short", meta());
    ASSERT_FALSE(short_one);
    EXPECT_EQ(short_one.error().public_message, "account.error.password_too_short");
    auto common = service_->change_password(who, kPassword, "password1234", meta());
    ASSERT_FALSE(common);
    EXPECT_EQ(common.error().public_message, "account.error.password_too_common");
    EXPECT_TRUE(crypto::verify_password(*user(alice_).password_hash, kPassword));
    EXPECT_EQ(audit_count("password.change_failed"), 0) << "a weak new password is not a guess";
}

// ------------------------------------------------------------------ e-mail

TEST_P(ProfileServiceTest, EmailChangeNeedsTheCurrentPassword) {
    const auto who = sign_in(alice_);
    auto missing = service_->request_email_change(who, "", "alice@new.example", meta());
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().public_message, "account.error.current_password_required");
    auto wrong = service_->request_email_change(who, "not the password!!", "alice@new.example", meta());
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().public_message, "account.error.current_password_wrong");
    EXPECT_EQ(audit_count("email.change_failed"), 1);
    auto invalid = service_->request_email_change(who, kPassword, "not-an-address", meta());
    ASSERT_FALSE(invalid);
    EXPECT_EQ(invalid.error().public_message, "account.error.email_invalid");
    auto same = service_->request_email_change(who, kPassword, " Alice@Alpha.example ", meta());
    ASSERT_FALSE(same);
    EXPECT_EQ(same.error().public_message, "account.error.email_same");
    EXPECT_TRUE(outbox().empty());
    EXPECT_EQ(database_.count("SELECT COUNT(*) FROM one_time_tokens"), 0);
}

TEST_P(ProfileServiceTest, EmailChangeIsConfirmedOnceFromTheNewAddress) {
    const auto who = sign_in(alice_);
    ASSERT_TRUE(service_->request_email_change(who, kPassword, "Alice@New.example", meta()));
    EXPECT_EQ(user(alice_).email, "alice@alpha.example") << "unchanged until confirmed";
    auto mails = outbox();
    ASSERT_EQ(mails.size(), 1u);
    EXPECT_TRUE(mails[0].starts_with("alice@new.example|change_email|")) << mails[0];
    EXPECT_NE(mails[0].find("https://support.example/account/email/confirm?token="), std::string::npos);
    const auto token = email_change_token();
    ASSERT_EQ(token.size(), 64u);

    auto peeked = service_->peek_email_change(token);
    ASSERT_TRUE(peeked);
    EXPECT_EQ(*peeked, "alice@new.example");

    auto confirmed = service_->confirm_email_change(token, meta());
    ASSERT_TRUE(confirmed) << describe(confirmed.error());
    EXPECT_EQ(user(alice_).email, "alice@new.example");
    mails = outbox();
    ASSERT_EQ(mails.size(), 2u);
    EXPECT_TRUE(mails[1].starts_with("alice@alpha.example|security_notice|")) << "the OLD address is told";
    EXPECT_NE(mails[1].find("email_changed"), std::string::npos);
    EXPECT_EQ(audit_count("email.changed"), 1);

    auto again = service_->confirm_email_change(token, meta());
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::not_found);
    EXPECT_EQ(again.error().public_message, "account.error.link_invalid");
    EXPECT_FALSE(service_->peek_email_change(token));
    EXPECT_FALSE(service_->confirm_email_change("0123", meta()));
}

TEST_P(ProfileServiceTest, EmailChangeLinkExpires) {
    const auto who = sign_in(alice_);
    ASSERT_TRUE(service_->request_email_change(who, kPassword, "alice@new.example", meta()));
    const auto token = email_change_token();
    now_ += ProfileService::kEmailChangeTtlSeconds + 1;
    auto late = service_->confirm_email_change(token, meta());
    ASSERT_FALSE(late);
    EXPECT_EQ(late.error().public_message, "account.error.link_invalid");
    EXPECT_EQ(user(alice_).email, "alice@alpha.example");
}

TEST_P(ProfileServiceTest, TakenAddressGetsTheSameAnswerAndNoMail) {
    const auto who = sign_in(alice_);
    auto done = service_->request_email_change(who, kPassword, "bob@beta.example", meta());
    ASSERT_TRUE(done) << "the same answer as for a free address";
    EXPECT_TRUE(outbox().empty()) << "no mail to an address someone else owns";
    EXPECT_EQ(database_.count("SELECT COUNT(*) FROM one_time_tokens"), 0);
    EXPECT_EQ(user(alice_).email, "alice@alpha.example");
}

TEST_P(ProfileServiceTest, AddressTakenBeforeConfirmationIsAConflict) {
    const auto who = sign_in(alice_);
    ASSERT_TRUE(service_->request_email_change(who, kPassword, "shared@new.example", meta()));
    const auto token = email_change_token();
    add_user(org_b_, "shared@new.example", "Someone");
    auto confirmed = service_->confirm_email_change(token, meta());
    ASSERT_FALSE(confirmed);
    EXPECT_EQ(confirmed.error().code, ErrorCode::conflict);
    EXPECT_EQ(confirmed.error().public_message, "account.error.email_taken");
    EXPECT_EQ(user(alice_).email, "alice@alpha.example");
}

TEST_P(ProfileServiceTest, EmailChangeRequestsAreLimited) {
    const auto who = sign_in(alice_);
    for (int i = 0; i < throttles::mail.free_failures + 1; ++i)
        ASSERT_TRUE(
            service_->request_email_change(who, kPassword, "alice" + std::to_string(i) + "@new.example", meta()));
    auto limited = service_->request_email_change(who, kPassword, "alice-more@new.example", meta());
    ASSERT_FALSE(limited);
    EXPECT_EQ(limited.error().code, ErrorCode::rate_limited);
}

// ------------------------------------------------------------------ sessions

TEST_P(ProfileServiceTest, RevokesOwnSessionsOnly) {
    const auto phone = sign_in(alice_);
    const auto who = sign_in(alice_);
    const auto bobs = sign_in(bob_);

    auto listed = service_->sessions(who);
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed->size(), 2u);

    auto foreign = service_->revoke_session(who, bobs.session_id, meta());
    ASSERT_FALSE(foreign);
    EXPECT_EQ(foreign.error().code, ErrorCode::not_found);
    EXPECT_EQ(session_ids(bob_), std::vector<std::int64_t>{bobs.session_id}) << "Bob's session survives";
    auto unknown = service_->revoke_session(who, 999999, meta());
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::not_found);

    auto done = service_->revoke_session(who, phone.session_id, meta());
    ASSERT_TRUE(done) << describe(done.error());
    EXPECT_EQ(session_ids(alice_), std::vector<std::int64_t>{who.session_id});
    EXPECT_EQ(audit_count("session.revoked"), 1);
}

TEST_P(ProfileServiceTest, RevokeOthersKeepsTheCurrentSession) {
    sign_in(alice_);
    sign_in(alice_);
    const auto who = sign_in(alice_);
    const auto bobs = sign_in(bob_);
    auto ended = service_->revoke_other_sessions(who, meta());
    ASSERT_TRUE(ended);
    EXPECT_EQ(*ended, 2);
    EXPECT_EQ(session_ids(alice_), std::vector<std::int64_t>{who.session_id});
    EXPECT_EQ(session_ids(bob_), std::vector<std::int64_t>{bobs.session_id});
    EXPECT_EQ(audit_count("session.revoked"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, ProfileServiceTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         test::backend_name);

}  // namespace
}  // namespace comptoir::accounts
