// OrganisationService on SQLite (a temporary file) and PostgreSQL (a schema of
// its own on COMPTOIR_TEST_PG_URL; skipped without it unless
// COMPTOIR_TEST_REQUIRE_PG=1): who may manage which organisation, invitations,
// role and visibility changes, deactivation and staff administration.
#include "domain/accounts/organisation_service.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>

#include "domain/accounts/sessions.hpp"
#include "domain/accounts/users.hpp"
#include "domain/test_support.hpp"

namespace comptoir::accounts {
namespace {

using storage::Backend;
using test::describe;
using test::must;

constexpr std::int64_t kStart = 1767225600;  // 2026-01-01 00:00 UTC
constexpr const char* kPassword = "correct horse battery staple 42";

class OrganisationServiceTest : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        if (!database_.open(GetParam())) GTEST_SKIP() << "COMPTOIR_TEST_PG_URL is not set";
        Clock clock = [this] { return now_; };
        audit_ = std::make_unique<audit::AuditLog>(GetParam());
        sessions_ = std::make_unique<Sessions>(db(), SessionSettings{}, clock);
        service_ = std::make_unique<OrganisationService>(db(), *sessions_, *audit_, clock);

        org_a_ = database_.add_organisation("alpha", "Alpha SARL", "fr", now_);
        org_b_ = database_.add_organisation("beta", "Beta GmbH", "fr", now_);
        admin_a_ = user(org_a_, "admin@alpha.example", "Ada Admin", "org_admin");
        member_a_ = user(org_a_, "member@alpha.example", "Marc Member", "customer");
        admin_b_ = user(org_b_, "admin@beta.example", "Bea Admin", "org_admin");
        member_b_ = user(org_b_, "member@beta.example", "Bruno Member", "customer");
        agent_ = user(std::nullopt, "agent@operator.example", "Agnes Agent", "agent");
        admin_ = user(std::nullopt, "root@operator.example", "Rita Root", "admin");
    }

    storage::Database& db() { return database_.db(); }

    std::int64_t user(std::optional<std::int64_t> org, const std::string& email, const std::string& name,
                      const std::string& role) {
        return database_.add_user({.email = email,
                                   .role = role,
                                   .organisation_id = org,
                                   .display_name = name,
                                   .password_hash = "not-a-real-hash",
                                   .created_at = now_});
    }

    UserRecord record(std::int64_t id) { return database_.user(id); }

    Principal principal(std::int64_t id) { return to_principal(record(id)); }

    std::string sign_in(std::int64_t user_id) {
        auto tx = must(db().write());
        auto created = must(sessions_->create(tx, user_id, SessionStage::full, meta_));
        must(tx.commit());
        return created.token;
    }

    bool signed_in(const std::string& token) { return must(sessions_->authenticate(token)).has_value(); }

    std::int64_t count(std::string_view query) { return database_.count(query); }

    std::int64_t count_users() { return count("SELECT COUNT(*) FROM users"); }

    std::int64_t audit_count(const std::string& action) {
        return database_.count("SELECT COUNT(*) FROM audit_log WHERE action = $1", action);
    }

    // The token in the latest invitation link e-mailed to `to` ("" if none).
    std::string invitation_token(const std::string& to) {
        auto rows = database_.select(
            "SELECT params FROM outbox WHERE recipient = $1 AND template = 'invitation' ORDER BY id DESC", to);
        if (rows.empty()) return {};
        const auto params = rows.one().get<std::string>(0);
        const auto at = params.find("token=");
        if (at == std::string::npos) return {};
        const auto end = params.find('"', at);
        return params.substr(at + 6, end - at - 6);
    }

    Invite invite(std::string email, Role role = Role::customer) {
        return Invite{std::move(email), "Nina Newcomer", role, false, "fr"};
    }

    test::TestDatabase database_;
    std::int64_t now_ = kStart;
    RequestMeta meta_{"203.0.113.7", "test", "req-1", "https://portal.example"};
    std::unique_ptr<audit::AuditLog> audit_;
    std::unique_ptr<Sessions> sessions_;
    std::unique_ptr<OrganisationService> service_;
    std::int64_t org_a_ = 0, org_b_ = 0, admin_a_ = 0, member_a_ = 0, admin_b_ = 0, member_b_ = 0, agent_ = 0,
                 admin_ = 0;
};

void expect_error(const Error& error, ErrorCode code, std::string_view key = {}) {
    EXPECT_EQ(error.code, code) << describe(error);
    if (!key.empty()) {
        EXPECT_EQ(error.public_message, key);
    }
}

template <class T>
void expect_fails(const Result<T>& r, ErrorCode code, std::string_view key = {}) {
    ASSERT_FALSE(r.has_value()) << "expected " << comptoir::to_string(code);
    expect_error(r.error(), code, key);
}

// ------------------------------------------------------------ tenancy

TEST_P(OrganisationServiceTest, OrgAdminCannotSeeOrChangeAnotherOrganisation) {
    const auto who = principal(admin_a_);
    expect_fails(service_->get_organisation(who, org_b_), ErrorCode::not_found);
    expect_fails(service_->list_members(who, org_b_), ErrorCode::not_found);
    expect_fails(service_->get_member(who, org_b_, member_b_), ErrorCode::not_found);
    // Naming a user of B through one's own organisation does not reach them either.
    expect_fails(service_->get_member(who, org_a_, member_b_), ErrorCode::not_found);
    const auto users_before = count_users();
    expect_fails(service_->invite(who, org_b_, invite("new@x.example"), meta_), ErrorCode::not_found);
    EXPECT_EQ(count_users(), users_before);
    EXPECT_EQ(count("SELECT COUNT(*) FROM outbox"), 0);
    expect_fails(service_->set_member(who, org_b_, member_b_, {.active = false}, meta_), ErrorCode::not_found);
    expect_fails(service_->set_member(who, org_a_, member_b_, {.role = Role::org_admin}, meta_), ErrorCode::not_found);
    expect_fails(service_->set_require_mfa(who, org_b_, true, meta_), ErrorCode::not_found);
    EXPECT_TRUE(record(member_b_).active);
    EXPECT_EQ(record(member_b_).role, Role::customer);
    EXPECT_FALSE(record(member_b_).organisation_requires_mfa);
    // An organisation that does not exist looks the same.
    expect_fails(service_->list_members(principal(agent_), 987654), ErrorCode::not_found);
}

TEST_P(OrganisationServiceTest, PlainContactManagesNothing) {
    const auto who = principal(member_a_);
    expect_fails(service_->list_members(who, org_a_), ErrorCode::not_found);
    expect_fails(service_->invite(who, org_a_, invite("new@x.example"), meta_), ErrorCode::not_found);
    expect_fails(service_->set_member(who, org_a_, member_a_, {.role = Role::org_admin}, meta_), ErrorCode::not_found);
    EXPECT_EQ(record(member_a_).role, Role::customer);
}

TEST_P(OrganisationServiceTest, OrgAdminListsOwnMembersSortedByName) {
    auto members = must(service_->list_members(principal(admin_a_), org_a_));
    ASSERT_EQ(members.size(), 2u);
    EXPECT_EQ(members[0].email, "admin@alpha.example");
    EXPECT_EQ(members[1].email, "member@alpha.example");
    EXPECT_FALSE(members[1].pending);
    for (const auto& m : members) EXPECT_EQ(m.organisation_id, org_a_);
    // Staff manage any organisation.
    EXPECT_EQ(must(service_->list_members(principal(agent_), org_b_)).size(), 2u);
}

TEST_P(OrganisationServiceTest, OrgAdminCannotGiveStaffRoles) {
    const auto who = principal(admin_a_);
    for (Role staff_role : {Role::agent, Role::admin}) {
        expect_fails(service_->set_member(who, org_a_, member_a_, {.role = staff_role}, meta_),
                     ErrorCode::invalid_input, "organisation.error.role_invalid");
        expect_fails(service_->invite(who, org_a_, invite("staff@x.example", staff_role), meta_),
                     ErrorCode::invalid_input, "organisation.error.role_invalid");
    }
    EXPECT_EQ(record(member_a_).role, Role::customer);
    EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE email = 'staff@x.example'"), 0);
    // Not even an agent can turn a contact into staff through the organisation.
    expect_fails(service_->set_member(principal(agent_), org_a_, member_a_, {.role = Role::admin}, meta_),
                 ErrorCode::invalid_input);
}

TEST_P(OrganisationServiceTest, OrgAdminCannotDemoteOrDeactivateThemselves) {
    const auto who = principal(admin_a_);
    expect_fails(service_->set_member(who, org_a_, admin_a_, {.role = Role::customer}, meta_), ErrorCode::invalid_input,
                 "organisation.error.cannot_demote_self");
    expect_fails(service_->set_member(who, org_a_, admin_a_, {.active = false}, meta_), ErrorCode::invalid_input,
                 "organisation.error.cannot_deactivate_self");
    EXPECT_EQ(record(admin_a_).role, Role::org_admin);
    EXPECT_TRUE(record(admin_a_).active);
    // Keeping one's own role while changing one's visibility is fine.
    must(service_->set_member(who, org_a_, admin_a_, {.role = Role::org_admin, .sees_organisation = true}, meta_));
}

// ------------------------------------------------------------ member changes

TEST_P(OrganisationServiceTest, RoleChangeEndsOnlyThatMembersSessions) {
    const auto member_token = sign_in(member_a_);
    const auto member_token2 = sign_in(member_a_);
    const auto admin_token = sign_in(admin_a_);
    must(service_->set_member(principal(admin_a_), org_a_, member_a_, {.role = Role::org_admin}, meta_));
    EXPECT_EQ(record(member_a_).role, Role::org_admin);
    EXPECT_FALSE(signed_in(member_token));
    EXPECT_FALSE(signed_in(member_token2));
    EXPECT_TRUE(signed_in(admin_token));
    EXPECT_EQ(audit_count("member.role_changed"), 1);
    // The same role again changes nothing and ends nothing.
    const auto fresh = sign_in(member_a_);
    must(service_->set_member(principal(admin_a_), org_a_, member_a_, {.role = Role::org_admin}, meta_));
    EXPECT_TRUE(signed_in(fresh));
    EXPECT_EQ(audit_count("member.role_changed"), 1);
}

TEST_P(OrganisationServiceTest, DeactivationSignsTheMemberOutForGood) {
    const auto token = sign_in(member_a_);
    ASSERT_TRUE(signed_in(token));
    must(service_->set_member(principal(admin_a_), org_a_, member_a_, {.active = false}, meta_));
    EXPECT_FALSE(signed_in(token));
    EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE user_id = " + std::to_string(member_a_)), 0);
    EXPECT_EQ(audit_count("member.deactivated"), 1);
    // Reactivation does not bring the old session back.
    must(service_->set_member(principal(admin_a_), org_a_, member_a_, {.active = true}, meta_));
    EXPECT_TRUE(record(member_a_).active);
    EXPECT_FALSE(signed_in(token));
    EXPECT_EQ(audit_count("member.reactivated"), 1);
}

TEST_P(OrganisationServiceTest, VisibilityChangeIsRecordedAndKeepsSessions) {
    const auto token = sign_in(member_a_);
    must(service_->set_member(principal(admin_a_), org_a_, member_a_, {.sees_organisation = true}, meta_));
    EXPECT_TRUE(record(member_a_).sees_organisation);
    EXPECT_TRUE(signed_in(token));
    auto rows = database_.select(
        "SELECT details, organisation_id, actor_id FROM audit_log WHERE action = 'member.visibility_changed'");
    ASSERT_EQ(rows.rows.size(), 1u);
    EXPECT_NE(rows.one().get<std::string>(0).find("organisation"), std::string::npos);
    EXPECT_EQ(rows.one().get<std::int64_t>(1), org_a_);
    EXPECT_EQ(rows.one().get<std::int64_t>(2), admin_a_);
    must(service_->set_member(principal(admin_a_), org_a_, member_a_, {.sees_organisation = false}, meta_));
    EXPECT_FALSE(record(member_a_).sees_organisation);
}

TEST_P(OrganisationServiceTest, RequireMfaIsPerOrganisation) {
    must(service_->set_require_mfa(principal(admin_a_), org_a_, true, meta_));
    EXPECT_TRUE(record(member_a_).organisation_requires_mfa);
    EXPECT_FALSE(record(member_b_).organisation_requires_mfa);
    EXPECT_EQ(audit_count("organisation.mfa_required"), 1);
    EXPECT_TRUE(must(service_->get_organisation(principal(admin_a_), org_a_)).require_mfa);
}

// ------------------------------------------------------------ invitations

TEST_P(OrganisationServiceTest, InvitationCreatesPendingAccountUsableOnce) {
    const auto who = principal(admin_a_);
    must(service_->invite(who, org_a_, {"  New.Person@Example.COM ", "Nina Newcomer", Role::customer, true, "fr"},
                          meta_));
    std::optional<UserRecord> invited;
    {
        auto tx = must(db().read());
        invited = must(find_user_by_email(tx, "new.person@example.com"));
    }
    ASSERT_TRUE(invited);
    EXPECT_EQ(invited->organisation_id, org_a_);
    EXPECT_FALSE(invited->password_hash.has_value());
    EXPECT_FALSE(invited->email_verified);
    EXPECT_TRUE(invited->sees_organisation);
    EXPECT_FALSE(invited->can_sign_in());
    EXPECT_EQ(audit_count("member.invited"), 1);
    auto members = must(service_->list_members(who, org_a_));
    ASSERT_EQ(members.size(), 3u);
    EXPECT_TRUE(std::any_of(members.begin(), members.end(), [](const Member& m) { return m.pending; }));

    auto mail = database_.select("SELECT language, params FROM outbox WHERE recipient = 'new.person@example.com'");
    ASSERT_EQ(mail.rows.size(), 1u);
    EXPECT_EQ(mail.one().get<std::string>(0), "fr");
    const auto params = mail.one().get<std::string>(1);
    EXPECT_NE(params.find("https://portal.example/invitation?token="), std::string::npos);
    EXPECT_NE(params.find("Alpha SARL"), std::string::npos);
    EXPECT_NE(params.find("Ada Admin"), std::string::npos);
    const auto token = invitation_token("new.person@example.com");
    ASSERT_EQ(token.size(), 64u);

    auto view = must(service_->peek_invitation(token));
    EXPECT_EQ(view.email, "new.person@example.com");
    EXPECT_EQ(view.organisation_name, "Alpha SARL");

    // A weak password is refused and leaves the link usable.
    expect_fails(service_->accept_invitation(token, "Nina", "short", meta_), ErrorCode::invalid_input,
                 "auth.error.password_too_short");
    expect_fails(service_->accept_invitation(token, "   ", kPassword, meta_), ErrorCode::invalid_input,
                 "organisation.error.name_invalid");
    const auto id = must(service_->accept_invitation(token, "  Nina N. ", kPassword, meta_));
    EXPECT_EQ(id, invited->id);
    const auto accepted = record(id);
    EXPECT_TRUE(accepted.password_hash.has_value());
    EXPECT_TRUE(accepted.email_verified);
    EXPECT_TRUE(accepted.can_sign_in());
    EXPECT_EQ(accepted.display_name, "Nina N.");
    EXPECT_EQ(audit_count("member.joined"), 1);

    expect_fails(service_->accept_invitation(token, "Mallory", "another long passphrase 99", meta_),
                 ErrorCode::not_found, "auth.error.link_invalid");
    expect_fails(service_->peek_invitation(token), ErrorCode::not_found);
    EXPECT_EQ(record(id).display_name, "Nina N.");
}

TEST_P(OrganisationServiceTest, InvitationExpires) {
    service_->set_invitation_ttl(2 * 86400);
    must(service_->invite(principal(admin_a_), org_a_, invite("late@example.com"), meta_));
    const auto token = invitation_token("late@example.com");
    ASSERT_FALSE(token.empty());
    auto params =
        database_.select("SELECT params FROM outbox WHERE recipient = 'late@example.com'").one().get<std::string>(0);
    EXPECT_NE(params.find("\"days\":\"2\""), std::string::npos) << params;
    now_ += 2 * 86400;
    expect_fails(service_->peek_invitation(token), ErrorCode::not_found, "auth.error.link_invalid");
    expect_fails(service_->accept_invitation(token, "Late", kPassword, meta_), ErrorCode::not_found,
                 "auth.error.link_invalid");
    expect_fails(service_->accept_invitation("not-a-token", "Late", kPassword, meta_), ErrorCode::not_found);
}

TEST_P(OrganisationServiceTest, ResendingAPendingInvitationReplacesTheLink) {
    must(service_->invite(principal(admin_a_), org_a_, invite("twice@example.com"), meta_));
    const auto first = invitation_token("twice@example.com");
    now_ += 60;
    must(service_->invite(principal(admin_a_), org_a_, invite("twice@example.com"), meta_));
    const auto second = invitation_token("twice@example.com");
    EXPECT_NE(first, second);
    EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE email = 'twice@example.com'"), 1);
    expect_fails(service_->peek_invitation(first), ErrorCode::not_found);
    must(service_->accept_invitation(second, "Twice", kPassword, meta_));
}

TEST_P(OrganisationServiceTest, InvitingAnExistingAddressRevealsNothingAndCreatesNoAccount) {
    const auto who = principal(admin_a_);
    const auto users_before = count_users();
    // The address of a contact of another organisation, in another case.
    auto existing = service_->invite(who, org_a_, invite("Member@Beta.example", Role::org_admin), meta_);
    auto fresh = service_->invite(who, org_a_, invite("nobody-yet@example.com", Role::org_admin), meta_);
    ASSERT_TRUE(existing.has_value()) << describe(existing.error());
    ASSERT_TRUE(fresh.has_value());
    EXPECT_EQ(count_users(), users_before + 1);
    const auto b = record(member_b_);
    EXPECT_EQ(b.organisation_id, org_b_);
    EXPECT_EQ(b.role, Role::customer);
    EXPECT_TRUE(b.password_hash.has_value());
    // No usable invitation for the existing account; its owner gets a note instead.
    EXPECT_TRUE(invitation_token("member@beta.example").empty());
    EXPECT_EQ(count("SELECT COUNT(*) FROM one_time_tokens WHERE user_id = " + std::to_string(member_b_)), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE recipient = 'member@beta.example' AND "
                    "template = 'signup_existing'"),
              1);
    // The member list of A does not gain them.
    for (const auto& m : must(service_->list_members(who, org_a_))) EXPECT_NE(m.id, member_b_);
    // Same for a member of one's own organisation and for staff addresses.
    ASSERT_TRUE(service_->invite(who, org_a_, invite("member@alpha.example"), meta_).has_value());
    ASSERT_TRUE(service_->invite(who, org_a_, invite("agent@operator.example"), meta_).has_value());
    EXPECT_EQ(count_users(), users_before + 1);
    EXPECT_EQ(record(agent_).role, Role::agent);
}

TEST_P(OrganisationServiceTest, InvitationOfADeactivatedInviteeStopsWorking) {
    must(service_->invite(principal(admin_a_), org_a_, invite("gone@example.com"), meta_));
    const auto token = invitation_token("gone@example.com");
    const auto id =
        database_.select("SELECT id FROM users WHERE email = 'gone@example.com'").one().get<std::int64_t>(0);
    must(service_->set_member(principal(admin_a_), org_a_, id, {.active = false}, meta_));
    expect_fails(service_->accept_invitation(token, "Gone", kPassword, meta_), ErrorCode::not_found,
                 "auth.error.link_invalid");
    EXPECT_FALSE(record(id).password_hash.has_value());
}

TEST_P(OrganisationServiceTest, InvitationRejectsBadInput) {
    const auto who = principal(admin_a_);
    expect_fails(service_->invite(who, org_a_, invite("not an address"), meta_), ErrorCode::invalid_input,
                 "organisation.error.email_invalid");
    expect_fails(service_->invite(who, org_a_, {"ok@example.com", "", Role::customer, false, "fr"}, meta_),
                 ErrorCode::invalid_input, "organisation.error.name_invalid");
    expect_fails(service_->invite(who, org_a_, {"ok@example.com", "Bad\nName", Role::customer, false, "fr"}, meta_),
                 ErrorCode::invalid_input, "organisation.error.name_invalid");
    expect_fails(service_->invite(who, org_a_, {"ok@example.com", "Ok", Role::customer, false, "x<y>"}, meta_),
                 ErrorCode::invalid_input, "organisation.error.language_invalid");
    EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE email = 'ok@example.com'"), 0);
}

TEST_P(OrganisationServiceTest, RepeatedInvitationsToOneAddressAreThrottled) {
    const auto who = principal(admin_a_);
    Result<void> last;
    for (int i = 0; i < 8 && last.has_value(); ++i)
        last = service_->invite(who, org_a_, invite("spam@example.com"), meta_);
    expect_fails(last, ErrorCode::rate_limited, "organisation.error.throttled");
    EXPECT_LE(count("SELECT COUNT(*) FROM outbox WHERE recipient = 'spam@example.com'"), 6);
}

// ------------------------------------------------------------ staff administration

TEST_P(OrganisationServiceTest, AdminOnlyOperationsAreRefusedToOthers) {
    for (std::int64_t id : {member_a_, admin_a_}) {
        const auto who = principal(id);
        expect_fails(service_->search_organisations(who, "", 1), ErrorCode::not_found);
        expect_fails(service_->search_users(who, "", std::nullopt, 1), ErrorCode::not_found);
        expect_fails(service_->get_user(who, member_a_), ErrorCode::not_found);
        expect_fails(service_->create_organisation(who, {"Gamma", "", "en"}, meta_), ErrorCode::not_found);
        expect_fails(service_->create_agent(who, {"x@op.example", "X", Role::agent, "en", "Team"}, meta_),
                     ErrorCode::not_found);
        expect_fails(service_->end_all_sessions(who, member_b_, meta_), ErrorCode::not_found);
        expect_fails(service_->set_user(who, member_a_, {.role = Role::org_admin}, meta_), ErrorCode::not_found);
    }
    const auto agent = principal(agent_);
    EXPECT_TRUE(service_->search_organisations(agent, "", 1).has_value());
    EXPECT_TRUE(service_->search_users(agent, "", std::nullopt, 1).has_value());
    expect_fails(service_->create_organisation(agent, {"Gamma", "", "en"}, meta_), ErrorCode::forbidden);
    expect_fails(service_->create_agent(agent, {"x@op.example", "X", Role::admin, "en", "Team"}, meta_),
                 ErrorCode::forbidden);
    expect_fails(service_->end_all_sessions(agent, member_b_, meta_), ErrorCode::forbidden);
    expect_fails(service_->set_user(agent, member_a_, {.active = false}, meta_), ErrorCode::forbidden);
    EXPECT_EQ(count("SELECT COUNT(*) FROM organisations"), 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE email = 'x@op.example'"), 0);
    EXPECT_TRUE(record(member_a_).active);
}

TEST_P(OrganisationServiceTest, AdminEndsAllSessionsOfAUser) {
    const auto t1 = sign_in(member_b_);
    const auto t2 = sign_in(member_b_);
    const auto other = sign_in(member_a_);
    EXPECT_EQ(must(service_->end_all_sessions(principal(admin_), member_b_, meta_)), 2);
    EXPECT_FALSE(signed_in(t1));
    EXPECT_FALSE(signed_in(t2));
    EXPECT_TRUE(signed_in(other));
    EXPECT_EQ(audit_count("user.sessions_ended"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE recipient = 'member@beta.example' AND "
                    "template = 'security_notice'"),
              1);
    expect_fails(service_->end_all_sessions(principal(admin_), 987654, meta_), ErrorCode::not_found);
}

TEST_P(OrganisationServiceTest, AdminChangesRolesWithinTheirKindOnly) {
    const auto root = principal(admin_);
    const auto token = sign_in(agent_);
    must(service_->set_user(root, agent_, {.role = Role::admin}, meta_));
    EXPECT_EQ(record(agent_).role, Role::admin);
    EXPECT_FALSE(signed_in(token));
    expect_fails(service_->set_user(root, member_a_, {.role = Role::agent}, meta_), ErrorCode::invalid_input,
                 "admin.error.role_kind");
    expect_fails(service_->set_user(root, agent_, {.role = Role::customer}, meta_), ErrorCode::invalid_input,
                 "admin.error.role_kind");
    expect_fails(service_->set_user(root, admin_, {.active = false}, meta_), ErrorCode::invalid_input,
                 "admin.error.self");
    expect_fails(service_->set_user(root, admin_, {.role = Role::agent}, meta_), ErrorCode::invalid_input,
                 "admin.error.self");
    const auto member_token = sign_in(member_a_);
    must(service_->set_user(root, member_a_, {.active = false}, meta_));
    EXPECT_FALSE(signed_in(member_token));
    EXPECT_EQ(audit_count("user.deactivated"), 1);
    expect_fails(service_->set_user(root, 987654, {.active = false}, meta_), ErrorCode::not_found);
}

TEST_P(OrganisationServiceTest, CreatesOrganisationsWithUniqueSlugs) {
    const auto root = principal(admin_);
    const auto id = must(service_->create_organisation(root, {"  Gamma & Fils SA ", "", "fr"}, meta_));
    auto org = must(service_->get_organisation(root, id));
    EXPECT_EQ(org.slug, "gamma-fils-sa");
    EXPECT_EQ(org.name, "Gamma & Fils SA");
    EXPECT_EQ(org.default_language, "fr");
    EXPECT_EQ(audit_count("organisation.created"), 1);
    expect_fails(service_->create_organisation(root, {"Gamma bis", "gamma-fils-sa", "fr"}, meta_), ErrorCode::conflict,
                 "admin.error.slug_taken");
    expect_fails(service_->create_organisation(root, {"Delta", "Not A Slug!", "fr"}, meta_), ErrorCode::invalid_input,
                 "admin.error.slug_invalid");
    expect_fails(service_->create_organisation(root, {"", "", "fr"}, meta_), ErrorCode::invalid_input,
                 "admin.error.organisation_name_invalid");
    expect_fails(service_->create_organisation(root, {"Ééé", "", "fr"}, meta_), ErrorCode::invalid_input,
                 "admin.error.slug_invalid");
    EXPECT_EQ(count("SELECT COUNT(*) FROM organisations"), 3);
}

TEST_P(OrganisationServiceTest, AdminRenamesAnOrganisation) {
    const auto root = principal(admin_);
    must(service_->rename_organisation(root, org_a_, "  Alpha & Associés SAS ", meta_));
    auto org = must(service_->get_organisation(root, org_a_));
    EXPECT_EQ(org.name, "Alpha & Associés SAS");
    EXPECT_EQ(org.slug, "alpha") << "the short name is part of URLs: it stays";
    EXPECT_EQ(must(service_->get_organisation(root, org_b_)).name, "Beta GmbH");
    auto rows = database_.select(
        "SELECT details, organisation_id, actor_id, target FROM audit_log WHERE action = 'organisation.renamed'");
    ASSERT_EQ(rows.rows.size(), 1u);
    EXPECT_NE(rows.one().get<std::string>(0).find("Alpha SARL"), std::string::npos);
    EXPECT_NE(rows.one().get<std::string>(0).find("Alpha & Associés SAS"), std::string::npos);
    EXPECT_EQ(rows.one().get<std::int64_t>(1), org_a_);
    EXPECT_EQ(rows.one().get<std::int64_t>(2), admin_);
    EXPECT_EQ(rows.one().get<std::string>(3), "organisation:" + std::to_string(org_a_));
    // The same name again changes nothing and records nothing.
    must(service_->rename_organisation(root, org_a_, "Alpha & Associés SAS", meta_));
    EXPECT_EQ(audit_count("organisation.renamed"), 1);
    // Members see the new name at once (it comes with their account).
    EXPECT_EQ(must(service_->list_members(principal(admin_a_), org_a_))[0].organisation_name, "Alpha & Associés SAS");
}

TEST_P(OrganisationServiceTest, RenamingRefusesBadNames) {
    const auto root = principal(admin_);
    // 150 characters are fine even when they take 300 bytes; 151 are not.
    std::string accented;
    for (int i = 0; i < 150; ++i) accented += "é";
    must(service_->rename_organisation(root, org_a_, accented, meta_));
    EXPECT_EQ(must(service_->get_organisation(root, org_a_)).name, accented);
    for (const std::string& bad :
         {std::string(), std::string("   \t "), accented + "e", std::string(151, 'a'), std::string("Alpha\nBcc: x"),
          std::string("Alpha\x7f"), std::string("Alpha \xff\xfe")}) {
        expect_fails(service_->rename_organisation(root, org_a_, bad, meta_), ErrorCode::invalid_input,
                     "admin.error.organisation_name_invalid");
    }
    EXPECT_EQ(must(service_->get_organisation(root, org_a_)).name, accented);
    EXPECT_EQ(audit_count("organisation.renamed"), 1);
    expect_fails(service_->rename_organisation(root, 987654, "Ghost", meta_), ErrorCode::not_found);
    // Creation counts characters the same way.
    EXPECT_TRUE(service_->create_organisation(root, {accented, "accents", "fr"}, meta_).has_value());
    expect_fails(service_->create_organisation(root, {accented + "e", "accents-2", "fr"}, meta_),
                 ErrorCode::invalid_input, "admin.error.organisation_name_invalid");
}

TEST_P(OrganisationServiceTest, OnlyAdminsRenameOrDeactivateAnOrganisation) {
    // A contact and the organisation's own admin: the operation does not exist for them.
    for (std::int64_t id : {member_a_, admin_a_}) {
        const auto who = principal(id);
        expect_fails(service_->rename_organisation(who, org_a_, "Taken Over", meta_), ErrorCode::not_found);
        expect_fails(service_->set_organisation_active(who, org_a_, false, meta_), ErrorCode::not_found);
        expect_fails(service_->set_organisation_active(who, org_b_, false, meta_), ErrorCode::not_found);
    }
    // An agent reads organisations but does not change them.
    expect_fails(service_->rename_organisation(principal(agent_), org_a_, "Taken Over", meta_), ErrorCode::forbidden,
                 "admin.error.admins_only");
    expect_fails(service_->set_organisation_active(principal(agent_), org_a_, false, meta_), ErrorCode::forbidden,
                 "admin.error.admins_only");
    const auto org = must(service_->get_organisation(principal(admin_), org_a_));
    EXPECT_EQ(org.name, "Alpha SARL");
    EXPECT_TRUE(org.active);
    EXPECT_TRUE(record(member_a_).organisation_active);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'organisation.%'"), 0);
}

TEST_P(OrganisationServiceTest, DeactivatingAnOrganisationSignsItsMembersOutUntilReactivated) {
    const auto root = principal(admin_);
    const auto member = sign_in(member_a_);
    const auto member2 = sign_in(member_a_);
    const auto org_admin = sign_in(admin_a_);
    const auto other = sign_in(member_b_);
    must(service_->set_organisation_active(root, org_a_, false, meta_));
    EXPECT_FALSE(must(service_->get_organisation(root, org_a_)).active);
    EXPECT_FALSE(record(member_a_).organisation_active);
    EXPECT_TRUE(record(member_a_).active) << "the accounts themselves are left as they were";
    EXPECT_FALSE(signed_in(member));
    EXPECT_FALSE(signed_in(member2));
    EXPECT_FALSE(signed_in(org_admin));
    EXPECT_TRUE(signed_in(other));
    EXPECT_EQ(count("SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.organisation_id = " +
                    std::to_string(org_a_)),
              0);
    auto rows =
        database_.select("SELECT details, organisation_id FROM audit_log WHERE action = 'organisation.deactivated'");
    ASSERT_EQ(rows.rows.size(), 1u);
    EXPECT_NE(rows.one().get<std::string>(0).find("\"sessions_ended\":\"3\""), std::string::npos)
        << rows.one().get<std::string>(0);
    EXPECT_EQ(rows.one().get<std::int64_t>(1), org_a_);
    // A session started while it is deactivated does not work either.
    EXPECT_FALSE(signed_in(sign_in(member_a_)));
    // Deactivating again changes nothing.
    must(service_->set_organisation_active(root, org_a_, false, meta_));
    EXPECT_EQ(audit_count("organisation.deactivated"), 1);

    must(service_->set_organisation_active(root, org_a_, true, meta_));
    EXPECT_TRUE(must(service_->get_organisation(root, org_a_)).active);
    EXPECT_EQ(audit_count("organisation.reactivated"), 1);
    // Reactivation brings no old session back; new ones work.
    EXPECT_FALSE(signed_in(member));
    EXPECT_FALSE(signed_in(org_admin));
    EXPECT_TRUE(signed_in(sign_in(member_a_)));
    expect_fails(service_->set_organisation_active(root, 987654, false, meta_), ErrorCode::not_found);
    auto report = must(audit_->verify(db()));
    EXPECT_FALSE(report.first_broken_id.has_value());
}

TEST_P(OrganisationServiceTest, ADeactivatedOrganisationTakesNoInvitationAndItsLinksStopWorking) {
    const auto root = principal(admin_);
    must(service_->invite(principal(admin_a_), org_a_, invite("pending@example.com"), meta_));
    const auto token = invitation_token("pending@example.com");
    ASSERT_FALSE(token.empty());
    must(service_->set_organisation_active(root, org_a_, false, meta_));
    expect_fails(service_->peek_invitation(token), ErrorCode::not_found, "auth.error.link_invalid");
    expect_fails(service_->accept_invitation(token, "Pending", kPassword, meta_), ErrorCode::not_found,
                 "auth.error.link_invalid");
    const auto mails = count("SELECT COUNT(*) FROM outbox");
    expect_fails(service_->invite(principal(agent_), org_a_, invite("late@example.com"), meta_),
                 ErrorCode::invalid_input, "organisation.error.organisation_inactive");
    EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE email = 'late@example.com'"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM outbox"), mails);
    // Back in service, the link (not expired, not used) works again.
    must(service_->set_organisation_active(root, org_a_, true, meta_));
    must(service_->accept_invitation(token, "Pending", kPassword, meta_));
}

TEST_P(OrganisationServiceTest, SearchesOrganisationsAndUsers) {
    const auto agent = principal(agent_);
    auto found = must(service_->search_organisations(agent, "BETA", 1));
    ASSERT_EQ(found.items.size(), 1u);
    EXPECT_EQ(found.items[0].id, org_b_);
    EXPECT_EQ(found.items[0].member_count, 2);
    // Wildcards in the query are plain characters.
    EXPECT_TRUE(must(service_->search_organisations(agent, "%", 1)).items.empty());
    EXPECT_TRUE(must(service_->search_users(agent, "_", std::nullopt, 1)).items.empty());
    EXPECT_EQ(must(service_->search_organisations(agent, "", 1)).items.size(), 2u);

    auto staff = must(service_->search_users(agent, "operator", std::nullopt, 1));
    EXPECT_EQ(staff.items.size(), 2u);
    auto admins = must(service_->search_users(agent, "", Role::admin, 1));
    ASSERT_EQ(admins.items.size(), 1u);
    EXPECT_EQ(admins.items[0].id, admin_);
    auto by_name = must(service_->search_users(agent, "bruno", std::nullopt, 1));
    ASSERT_EQ(by_name.items.size(), 1u);
    EXPECT_EQ(by_name.items[0].organisation_name, "Beta GmbH");
    // Accented capitals match on both backends (SQLite's own LOWER() is ASCII only).
    const auto elodie = user(org_b_, "elodie@beta.example", "Élodie Écuyer", "customer");
    const auto societe = database_.add_organisation("societe", "Société Générale d'Études", "fr", now_);
    auto accented = must(service_->search_users(agent, "ÉLODIE ÉCU", std::nullopt, 1));
    ASSERT_EQ(accented.items.size(), 1u);
    EXPECT_EQ(accented.items[0].id, elodie);
    auto organisation = must(service_->search_organisations(agent, "GÉNÉRALE D'ÉTUDES", 1));
    ASSERT_EQ(organisation.items.size(), 1u);
    EXPECT_EQ(organisation.items[0].id, societe);
    expect_fails(service_->search_users(agent, std::string(300, 'a'), std::nullopt, 1), ErrorCode::invalid_input);

    // Paging: 30 more contacts in B.
    for (int i = 0; i < 30; ++i)
        user(org_b_, "bulk" + std::to_string(i) + "@beta.example", "Bulk " + std::to_string(100 + i), "customer");
    auto page1 = must(service_->search_users(agent, "bulk", std::nullopt, 1));
    auto page2 = must(service_->search_users(agent, "bulk", std::nullopt, 2));
    EXPECT_EQ(page1.items.size(), 25u);
    EXPECT_TRUE(page1.has_more);
    EXPECT_EQ(page2.items.size(), 5u);
    EXPECT_FALSE(page2.has_more);
    EXPECT_NE(page1.items.back().id, page2.items.front().id);
}

TEST_P(OrganisationServiceTest, AdminCreatesAgentsByInvitation) {
    const auto root = principal(admin_);
    const auto users_before = count_users();
    must(service_->create_agent(root, {"New.Agent@Operator.example", "Nora Agent", Role::agent, "en", "Lumière"},
                                meta_));
    const auto token = invitation_token("new.agent@operator.example");
    ASSERT_FALSE(token.empty());
    auto params = database_.select("SELECT params FROM outbox WHERE recipient = 'new.agent@operator.example'")
                      .one()
                      .get<std::string>(0);
    EXPECT_NE(params.find("Lumi"), std::string::npos);
    const auto id = must(service_->accept_invitation(token, "Nora Agent", kPassword, meta_));
    const auto agent = record(id);
    EXPECT_EQ(agent.role, Role::agent);
    EXPECT_FALSE(agent.organisation_id.has_value());
    EXPECT_TRUE(agent.can_sign_in());
    EXPECT_EQ(audit_count("agent.created"), 1);
    // An existing address: same outcome, no second account.
    ASSERT_TRUE(service_->create_agent(root, {"member@alpha.example", "X", Role::admin, "en", "T"}, meta_).has_value());
    EXPECT_EQ(count_users(), users_before + 1);
    EXPECT_EQ(record(member_a_).role, Role::customer);
    expect_fails(service_->create_agent(root, {"c@op.example", "C", Role::customer, "en", "T"}, meta_),
                 ErrorCode::invalid_input, "admin.error.role_invalid");
}

TEST_P(OrganisationServiceTest, AuditTrailStaysIntactAndHoldsNoToken) {
    must(service_->invite(principal(admin_a_), org_a_, invite("audited@example.com"), meta_));
    const auto token = invitation_token("audited@example.com");
    must(service_->accept_invitation(token, "Audited", kPassword, meta_));
    must(service_->set_member(principal(admin_a_), org_a_, member_a_, {.role = Role::org_admin}, meta_));
    auto report = must(audit_->verify(db()));
    EXPECT_GE(report.entries, 3);
    EXPECT_FALSE(report.first_broken_id.has_value());
    auto rows = database_.select("SELECT details, target FROM audit_log");
    for (const auto& row : rows.rows) {
        EXPECT_EQ(row.get<std::string>(0).find(token), std::string::npos);
        EXPECT_EQ(row.get<std::string>(0).find(kPassword), std::string::npos);
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, OrganisationServiceTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         test::backend_name);

}  // namespace
}  // namespace comptoir::accounts
