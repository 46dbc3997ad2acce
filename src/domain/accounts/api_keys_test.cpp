// API keys on SQLite and PostgreSQL: the key is shown once and only its hash
// is stored; revoked, wrong or malformed keys do not authenticate; only admins
// manage keys; the integration reads check their scope.
#include "domain/accounts/api_keys.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/crypto.hpp"
#include "domain/accounts/sessions.hpp"
#include "domain/test_support.hpp"

namespace comptoir::accounts {
namespace {

using storage::Backend;
using test::exec;
using test::must;
using ::testing::ElementsAre;

class ApiKeys : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        crypto::init();
        if (!database_.open(GetParam())) GTEST_SKIP() << "COMPTOIR_TEST_PG_URL is not set";
        audit_ = std::make_unique<audit::AuditLog>(GetParam());
        sessions_ = std::make_unique<Sessions>(database_.db(), SessionSettings{}, clock());
        service_ = std::make_unique<ApiKeyService>(database_.db(), *sessions_, *audit_, clock());
        admin_ = principal(database_.add_user("admin@example.test", "admin"), Role::admin, "admin@example.test");
    }

    Clock clock() {
        return [this] { return now_; };
    }

    static Principal principal(std::int64_t id, Role role, std::string email,
                               std::optional<std::int64_t> organisation = std::nullopt) {
        Principal p;
        p.user_id = id;
        p.role = role;
        p.email = std::move(email);
        p.organisation_id = organisation;
        return p;
    }

    NewApiKey create(std::vector<std::string> scopes = {"organisations:read"}, std::string name = "CRM sync") {
        return must(service_->create(admin_, name, scopes, meta_), "create");
    }

    std::optional<ApiPrincipal> authenticate(std::string_view key) {
        return must(service_->authenticate(key), "authenticate");
    }

    std::int64_t count(std::string_view sql) {
        auto tx = must(database_.db().read());
        return must(tx.query(sql)).one().get<std::int64_t>(0);
    }

    // Every stored cell of a table, as text: to prove a secret is nowhere in it.
    std::string dump(std::string_view table) {
        auto tx = must(database_.db().read());
        auto rows = must(tx.query("SELECT * FROM " + std::string(table)));
        std::string all;
        for (const auto& row : rows.rows)
            for (std::size_t i = 0; i < row.size(); ++i)
                if (!row.is_null(i)) all += row.get<std::string>(i) + "\n";
        return all;
    }

    test::TestDatabase database_;
    std::int64_t now_ = 1750000000;
    std::unique_ptr<audit::AuditLog> audit_;
    std::unique_ptr<Sessions> sessions_;
    std::unique_ptr<ApiKeyService> service_;
    Principal admin_;
    RequestMeta meta_{"203.0.113.9", "test-agent", "req-1", "https://portal.example"};
};

TEST_P(ApiKeys, CreateShowsTheKeyOnceAndStoresOnlyItsHash) {
    const auto created = create({"users:read", "organisations:read"});
    // "ck_" + 12 hex + "_" + 64 hex
    ASSERT_EQ(created.key.size(), 3u + 12 + 1 + 64) << created.key;
    EXPECT_TRUE(created.key.starts_with("ck_"));
    EXPECT_EQ(created.key[15], '_');
    EXPECT_EQ(created.key.find_first_not_of("0123456789abcdef", 3), 15u);
    EXPECT_EQ(created.key.find_first_not_of("0123456789abcdef", 16), std::string::npos);
    EXPECT_EQ(created.info.prefix, created.key.substr(0, 15));
    EXPECT_THAT(created.info.scopes, ElementsAre("organisations:read", "users:read"));  // the fixed order

    const std::string stored = dump("api_keys");
    const std::string secret = created.key.substr(16);
    EXPECT_EQ(stored.find(created.key), std::string::npos);
    EXPECT_EQ(stored.find(secret), std::string::npos);
    EXPECT_NE(stored.find(crypto::sha256_hex(created.key)), std::string::npos);
    EXPECT_NE(stored.find(created.info.prefix), std::string::npos);
    // Nor in the audit trail, which names the key by its prefix.
    EXPECT_EQ(dump("audit_log").find(secret), std::string::npos);

    auto listed = must(service_->list(admin_));
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].id, created.info.id);
    EXPECT_EQ(listed[0].name, "CRM sync");
    EXPECT_EQ(listed[0].created_by_email, "admin@example.test");
    EXPECT_FALSE(listed[0].last_used_at);
    EXPECT_FALSE(listed[0].revoked());
}

TEST_P(ApiKeys, TwoKeysDiffer) {
    const auto a = create();
    const auto b = create();
    EXPECT_NE(a.key, b.key);
    EXPECT_NE(a.info.prefix, b.info.prefix);
}

TEST_P(ApiKeys, AuthenticateGivesTheKeysPrincipal) {
    const auto created = create({"users:read"}, "Billing export");
    auto found = authenticate(created.key);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->key_id, created.info.id);
    EXPECT_EQ(found->name, "Billing export");
    EXPECT_THAT(found->scopes, ElementsAre("users:read"));
    EXPECT_EQ(found->created_by, admin_.user_id);
    EXPECT_TRUE(found->has_scope("users:read"));
    EXPECT_FALSE(found->has_scope("organisations:read"));
}

TEST_P(ApiKeys, RevokedKeyFails) {
    const auto created = create();
    ASSERT_TRUE(authenticate(created.key));
    must(service_->revoke(admin_, created.info.id, meta_), "revoke");
    EXPECT_FALSE(authenticate(created.key));
    auto listed = must(service_->list(admin_));
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].revoked_at, now_);
}

TEST_P(ApiKeys, RevokingTwiceChangesNothingAndUnknownIsNotFound) {
    const auto created = create();
    must(service_->revoke(admin_, created.info.id, meta_), "revoke");
    now_ += 100;
    must(service_->revoke(admin_, created.info.id, meta_), "revoke again");
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'api_key.revoked'"), 1);
    EXPECT_EQ(must(service_->list(admin_))[0].revoked_at, now_ - 100);
    auto unknown = service_->revoke(admin_, created.info.id + 1000, meta_);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::not_found);
}

TEST_P(ApiKeys, WrongSecretWithRightPrefixFails) {
    const auto created = create();
    std::string wrong = created.key;
    wrong.back() = wrong.back() == '0' ? '1' : '0';
    EXPECT_FALSE(authenticate(wrong));
    // A key of another shape under the same prefix: shorter but still well formed.
    EXPECT_FALSE(authenticate(created.key.substr(0, created.key.size() - 1)));
    EXPECT_FALSE(authenticate(created.info.prefix + "_" + std::string(64, 'a')));
    EXPECT_TRUE(authenticate(created.key));
}

TEST_P(ApiKeys, MalformedKeysFail) {
    const auto created = create();
    std::string upper = created.key;
    for (auto& c : upper)
        if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
    for (const std::string& bad :
         {std::string(), std::string("ck_"), created.info.prefix, created.info.prefix + "_", "Bearer " + created.key,
          created.key + " ", " " + created.key, upper, created.key + std::string(200, 'a'),
          "xk_" + created.key.substr(3), std::string(created.key).replace(15, 1, "-"), created.key + '\0'}) {
        EXPECT_FALSE(looks_like_api_key(bad) && bad != created.key) << bad;
        EXPECT_FALSE(authenticate(bad)) << bad;
    }
}

TEST_P(ApiKeys, NonAdminsCannotCreateListOrRevoke) {
    const auto organisation = database_.add_organisation("acme", "Acme");
    const auto existing = create();
    for (const auto& who :
         {principal(database_.add_user("agent@example.test", "agent"), Role::agent, "agent@example.test"),
          principal(database_.add_user("boss@acme.test", "org_admin", organisation), Role::org_admin, "boss@acme.test",
                    organisation),
          principal(database_.add_user("c@acme.test", "customer", organisation), Role::customer, "c@acme.test",
                    organisation)}) {
        auto created = service_->create(who, "mine", {"organisations:read"}, meta_);
        ASSERT_FALSE(created);
        EXPECT_EQ(created.error().code, ErrorCode::not_found);
        auto listed = service_->list(who);
        ASSERT_FALSE(listed);
        EXPECT_EQ(listed.error().code, ErrorCode::not_found);
        auto revoked = service_->revoke(who, existing.info.id, meta_);
        ASSERT_FALSE(revoked);
        EXPECT_EQ(revoked.error().code, ErrorCode::not_found);
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM api_keys"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM api_keys WHERE revoked_at IS NULL"), 1);
}

TEST_P(ApiKeys, CreateValidatesNameAndScopes) {
    struct Case {
        std::string name;
        std::vector<std::string> scopes;
        std::string error;
    };
    for (const auto& c : std::vector<Case>{
             {"", {"users:read"}, "admin_api.error.name_required"},
             {"   ", {"users:read"}, "admin_api.error.name_required"},
             {std::string(101, 'x'), {"users:read"}, "admin_api.error.name_invalid"},
             {"tab\there", {"users:read"}, "admin_api.error.name_invalid"},
             {"ok", {}, "admin_api.error.scope_required"},
             {"ok", {"admin"}, "admin_api.error.scope_invalid"},
             {"ok", {"users:read", "users:write"}, "admin_api.error.scope_invalid"},
             {"ok", {"USERS:READ"}, "admin_api.error.scope_invalid"},
         }) {
        auto created = service_->create(admin_, c.name, c.scopes, meta_);
        ASSERT_FALSE(created) << c.name;
        EXPECT_EQ(created.error().code, ErrorCode::invalid_input);
        EXPECT_EQ(created.error().public_message, c.error) << c.name;
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM api_keys"), 0);
    // 100 characters (not bytes) is the limit, after trimming; duplicate scopes collapse.
    std::string hundred;
    for (int i = 0; i < 100; ++i) hundred += "\u00e9";
    auto too_long = service_->create(admin_, hundred + "e", {"users:read"}, meta_);
    ASSERT_FALSE(too_long);
    EXPECT_EQ(too_long.error().public_message, "admin_api.error.name_invalid");
    auto accented = must(service_->create(admin_, "  " + hundred + " ", {"users:read", "users:read"}, meta_));
    EXPECT_EQ(accented.info.name, hundred);
    EXPECT_THAT(accented.info.scopes, ElementsAre("users:read"));
}

TEST_P(ApiKeys, CreateAndRevokeAreAudited) {
    const auto created = create();
    must(service_->revoke(admin_, created.info.id, meta_), "revoke");
    auto tx = must(database_.db().read());
    auto entries = must(audit_->list(tx, audit::Filter{}));
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].event.action, "api_key.revoked");
    EXPECT_EQ(entries[1].event.action, "api_key.created");
    for (const auto& entry : entries) {
        EXPECT_EQ(entry.event.actor_id, admin_.user_id);
        EXPECT_EQ(entry.event.target, "api_key:" + std::to_string(created.info.id));
        EXPECT_EQ(entry.event.client_addr, "203.0.113.9");
        EXPECT_EQ(entry.event.request_id, "req-1");
        EXPECT_EQ(entry.event.details.at("prefix"), created.info.prefix);
    }
    EXPECT_EQ(entries[1].event.details.at("scopes"), "organisations:read");
    auto verified = must(audit_->verify(database_.db()));
    EXPECT_EQ(verified.entries, 2);
    EXPECT_FALSE(verified.first_broken_id);
}

TEST_P(ApiKeys, LastUseIsRecordedAtMostOnceAMinute) {
    const auto created = create();
    auto last_used = [&] { return must(service_->list(admin_))[0].last_used_at; };
    EXPECT_FALSE(last_used());
    const auto first = now_;
    ASSERT_TRUE(authenticate(created.key));
    EXPECT_EQ(last_used(), first);
    now_ += 59;
    ASSERT_TRUE(authenticate(created.key));
    EXPECT_EQ(last_used(), first);
    now_ += 1;
    ASSERT_TRUE(authenticate(created.key));
    EXPECT_EQ(last_used(), now_);
    // A failed attempt is no use of the key.
    now_ += 600;
    std::string wrong = created.key;
    wrong.back() = wrong.back() == '0' ? '1' : '0';
    EXPECT_FALSE(authenticate(wrong));
    EXPECT_EQ(last_used(), now_ - 600);
}

TEST_P(ApiKeys, OrganisationsNeedTheirScopeAndSearch) {
    const auto acme = database_.add_organisation("acme", "Acme Widgets");
    database_.add_organisation("boulangerie", "Boulangerie 100%_Pain");
    database_.add_user("a@acme.test", "customer", acme);
    database_.add_user("b@acme.test", "org_admin", acme);
    auto caller = *authenticate(create({"organisations:read"}).key);

    auto all = must(service_->organisations(caller, "", 1));
    ASSERT_EQ(all.items.size(), 2u);
    EXPECT_EQ(all.items[0].slug, "acme");
    EXPECT_EQ(all.items[0].members, 2);
    EXPECT_EQ(all.items[1].members, 0);
    EXPECT_FALSE(all.has_more);

    auto found = must(service_->organisations(caller, "WIDGET", 1));
    ASSERT_EQ(found.items.size(), 1u);
    EXPECT_EQ(found.items[0].id, acme);
    // LIKE wildcards in the query are matched literally.
    EXPECT_EQ(must(service_->organisations(caller, "%", 1)).items.size(), 1u);
    EXPECT_EQ(must(service_->organisations(caller, "_", 1)).items.size(), 1u);
    EXPECT_EQ(must(service_->organisations(caller, "nothing", 1)).items.size(), 0u);
    EXPECT_EQ(must(service_->organisations(caller, "", 2)).items.size(), 0u);
    EXPECT_EQ(must(service_->organisations(caller, "", -5)).page, 1);

    auto users_only = *authenticate(create({"users:read"}).key);
    auto refused = service_->organisations(users_only, "", 1);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
}

TEST_P(ApiKeys, OrganisationsArePaged) {
    for (int i = 0; i < ApiKeyService::kPageSize + 3; ++i) {
        char slug[16];
        std::snprintf(slug, sizeof slug, "org-%03d", i);
        database_.add_organisation(slug, slug);
    }
    auto caller = *authenticate(create({"organisations:read"}).key);
    auto first = must(service_->organisations(caller, "", 1));
    EXPECT_EQ(first.items.size(), static_cast<std::size_t>(ApiKeyService::kPageSize));
    EXPECT_TRUE(first.has_more);
    auto second = must(service_->organisations(caller, "", 2));
    ASSERT_EQ(second.items.size(), 3u);
    EXPECT_FALSE(second.has_more);
    EXPECT_EQ(second.items.back().slug, "org-052");
}

TEST_P(ApiKeys, OrganisationUsersNeedTheirScope) {
    const auto acme = database_.add_organisation("acme", "Acme");
    const auto other = database_.add_organisation("other", "Other");
    database_.add_user("a@acme.test", "customer", acme);
    database_.add_user("b@other.test", "customer", other);
    auto caller = *authenticate(create({"users:read"}).key);
    auto users = must(service_->organisation_users(caller, acme));
    ASSERT_EQ(users.size(), 1u);
    EXPECT_EQ(users[0].email, "a@acme.test");
    EXPECT_EQ(users[0].role, Role::customer);

    auto missing = service_->organisation_users(caller, other + 100);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::not_found);

    auto orgs_only = *authenticate(create({"organisations:read"}).key);
    auto refused = service_->organisation_users(orgs_only, acme);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
}

INSTANTIATE_TEST_SUITE_P(Backends, ApiKeys, ::testing::Values(Backend::sqlite, Backend::postgres), test::backend_name);

}  // namespace
}  // namespace comptoir::accounts
