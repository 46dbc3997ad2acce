// The audit trail on SQLite and PostgreSQL: entries are listed newest first
// with filters and paging, the database refuses edits, and verify() finds an
// entry edited or removed behind its back (once the guard trigger is dropped,
// as an attacker with database access would) and stays intact under
// concurrent appends.
#include "domain/audit/audit_log.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "domain/test_support.hpp"

namespace comptoir::audit {
namespace {

using storage::Backend;
using test::exec;
using test::must;

class AuditTrail : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        if (!database_.open(GetParam())) GTEST_SKIP() << "COMPTOIR_TEST_PG_URL is not set";
        log_ = std::make_unique<AuditLog>(GetParam());
    }

    static Event event(std::string action, std::optional<std::int64_t> organisation = std::nullopt,
                       std::string email = "someone@example.test") {
        Event e;
        e.actor_id = 7;
        e.actor_email = std::move(email);
        e.organisation_id = organisation;
        e.action = std::move(action);
        e.target = "user:7";
        e.details = {{"field", "phone"}};
        e.client_addr = "198.51.100.4";
        e.request_id = "req-42";
        return e;
    }

    std::int64_t append(const Event& e, std::int64_t at) {
        auto tx = must(database_.db().write());
        must(log_->append(tx, e, at), "append");
        must(tx.commit(), "commit");
        return exec(database_.db(), "SELECT MAX(id) FROM audit_log").one().get<std::int64_t>(0);
    }

    std::vector<Entry> list(const Filter& filter) {
        auto tx = must(database_.db().read());
        return must(log_->list(tx, filter), "list");
    }

    static std::vector<std::string> actions(const std::vector<Entry>& entries) {
        std::vector<std::string> out;
        for (const auto& e : entries) out.push_back(e.event.action);
        return out;
    }

    VerifyReport verify() { return must(log_->verify(database_.db()), "verify"); }

    // What someone with write access to the database would do first.
    void drop_guards() {
        if (GetParam() == Backend::sqlite) {
            exec(database_.db(), "DROP TRIGGER audit_log_no_update");
            exec(database_.db(), "DROP TRIGGER audit_log_no_delete");
        } else {
            exec(database_.db(), "DROP TRIGGER audit_log_no_change ON audit_log");
        }
    }

    test::TestDatabase database_;
    std::unique_ptr<AuditLog> log_;
};

TEST_P(AuditTrail, ListsNewestFirstAndKeepsEveryField) {
    const auto first = append(event("signin.success", 3), 1000);
    Event odd = event("profile.updated", 3);
    odd.details = {{"quote", "a \"b\" \\ c"}, {"name", "Élise Fontaine"}};
    const auto second = append(odd, 1001);
    auto entries = list({});
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].id, second);
    EXPECT_EQ(entries[1].id, first);
    EXPECT_EQ(entries[0].at, 1001);
    EXPECT_EQ(entries[0].event.details, odd.details);
    EXPECT_EQ(entries[1].event.actor_id, 7);
    EXPECT_EQ(entries[1].event.actor_email, "someone@example.test");
    EXPECT_EQ(entries[1].event.organisation_id, 3);
    EXPECT_EQ(entries[1].event.target, "user:7");
    EXPECT_EQ(entries[1].event.client_addr, "198.51.100.4");
    EXPECT_EQ(entries[1].event.request_id, "req-42");
    EXPECT_EQ(entries[1].hash.size(), 64u);
    EXPECT_NE(entries[0].hash, entries[1].hash);
}

TEST_P(AuditTrail, FiltersByOrganisationActionActorAndTime) {
    append(event("signin.success", 1, "ann@a.test"), 100);
    append(event("signin.failure", std::nullopt, "ann@a.test"), 200);
    append(event("signinx.other", 2, "bob@b.test"), 300);
    append(event("mfa.enabled", 2, "bob@b.test"), 400);
    append(event("signin", 2, "bob@b.test"), 500);
    append(event("api_key.created", std::nullopt, "admin@x.test"), 600);
    append(event("apikey.created", std::nullopt, "admin@x.test"), 700);

    using V = std::vector<std::string>;
    // An underscore in a prefix is a literal underscore.
    EXPECT_EQ(actions(list({.action_prefix = "api_key"})), (V{"api_key.created"}));
    EXPECT_EQ(actions(list({.organisation_id = 2})), (V{"signin", "mfa.enabled", "signinx.other"}));
    EXPECT_EQ(actions(list({.action_prefix = "signin"})), (V{"signin", "signin.failure", "signin.success"}));
    EXPECT_EQ(actions(list({.action_prefix = "signin.failure"})), (V{"signin.failure"}));
    // LIKE wildcards typed in the filter are not wildcards.
    EXPECT_TRUE(list({.action_prefix = "%"}).empty());
    EXPECT_TRUE(list({.action_prefix = "sign_n"}).empty());
    EXPECT_EQ(actions(list({.actor_email = "ann@a.test"})), (V{"signin.failure", "signin.success"}));
    EXPECT_TRUE(list({.actor_email = "ANN@a.test"}).empty());
    EXPECT_EQ(actions(list({.from = 200, .to = 400})), (V{"mfa.enabled", "signinx.other", "signin.failure"}));
    EXPECT_EQ(actions(list({.actor_email = "admin@x.test"})), (V{"apikey.created", "api_key.created"}));
    EXPECT_EQ(actions(list({.organisation_id = 2, .action_prefix = "signin"})), (V{"signin"}));
    EXPECT_TRUE(list({.organisation_id = 99}).empty());
}

TEST_P(AuditTrail, PagesByBeforeId) {
    std::vector<std::int64_t> ids;
    for (int i = 0; i < 7; ++i) ids.push_back(append(event("e." + std::to_string(i)), 100 + i));
    auto page1 = list({.limit = 3});
    ASSERT_EQ(page1.size(), 3u);
    EXPECT_EQ(page1[0].id, ids[6]);
    auto page2 = list({.before_id = page1.back().id, .limit = 3});
    ASSERT_EQ(page2.size(), 3u);
    EXPECT_EQ(page2[0].id, ids[3]);
    auto page3 = list({.before_id = page2.back().id, .limit = 3});
    ASSERT_EQ(page3.size(), 1u);
    EXPECT_EQ(page3[0].id, ids[0]);
    // A nonsensical limit is clamped rather than trusted.
    EXPECT_EQ(list({.limit = 0}).size(), 1u);
    EXPECT_EQ(list({.limit = -4}).size(), 1u);
    EXPECT_EQ(list({.limit = 100000}).size(), 7u);
}

TEST_P(AuditTrail, VerifiesAnEmptyAndAnIntactChain) {
    auto empty = verify();
    EXPECT_EQ(empty.entries, 0);
    EXPECT_FALSE(empty.first_broken_id);
    for (int i = 0; i < 5; ++i) append(event("e." + std::to_string(i), i), 100 + i);
    auto report = verify();
    EXPECT_EQ(report.entries, 5);
    EXPECT_FALSE(report.first_broken_id);
}

TEST_P(AuditTrail, TheDatabaseRefusesEditsAndDeletes) {
    const auto id = append(event("signin.success"), 100);
    {
        auto tx = must(database_.db().write());
        EXPECT_FALSE(tx.query_with("UPDATE audit_log SET action = 'x' WHERE id = $1", id));
    }
    {
        auto tx = must(database_.db().write());
        EXPECT_FALSE(tx.query_with("DELETE FROM audit_log WHERE id = $1", id));
    }
    EXPECT_EQ(list({})[0].event.action, "signin.success");
    EXPECT_FALSE(verify().first_broken_id);
}

TEST_P(AuditTrail, VerifyFindsAnEditedEntry) {
    std::vector<std::int64_t> ids;
    for (int i = 0; i < 5; ++i) ids.push_back(append(event("member.role", 4), 100 + i));
    drop_guards();
    exec(database_.db(), "UPDATE audit_log SET details = $1 WHERE id = $2", std::string(R"({"field":"role"})"), ids[2]);
    auto report = verify();
    EXPECT_EQ(report.entries, 5);
    EXPECT_EQ(report.first_broken_id, ids[2]);
}

TEST_P(AuditTrail, VerifyFindsAnEditedActor) {
    std::vector<std::int64_t> ids;
    for (int i = 0; i < 4; ++i) ids.push_back(append(event("member.role", 4), 100 + i));
    drop_guards();
    exec(database_.db(), "UPDATE audit_log SET actor_email = 'someone-else@example.test' WHERE id = $1", ids[1]);
    EXPECT_EQ(verify().first_broken_id, ids[1]);
}

TEST_P(AuditTrail, VerifyFindsADeletedMiddleEntry) {
    std::vector<std::int64_t> ids;
    for (int i = 0; i < 5; ++i) ids.push_back(append(event("session.revoked", 4), 100 + i));
    drop_guards();
    exec(database_.db(), "DELETE FROM audit_log WHERE id = $1", ids[2]);
    auto report = verify();
    EXPECT_EQ(report.entries, 4);
    // The entry after the gap no longer links to its predecessor.
    EXPECT_EQ(report.first_broken_id, ids[3]);
}

TEST_P(AuditTrail, VerifyFindsADeletedFirstEntry) {
    std::vector<std::int64_t> ids;
    for (int i = 0; i < 3; ++i) ids.push_back(append(event("e"), 100 + i));
    drop_guards();
    exec(database_.db(), "DELETE FROM audit_log WHERE id = $1", ids[0]);
    EXPECT_EQ(verify().first_broken_id, ids[1]);
}

TEST_P(AuditTrail, ConcurrentAppendsKeepTheChainIntact) {
    constexpr int kThreads = 4;
    constexpr int kEach = 20;
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i) {
                try {
                    auto tx = must(database_.db().write());
                    must(log_->append(tx, event("thread." + std::to_string(t)), 1000 + i), "append");
                    must(tx.commit(), "commit");
                } catch (const std::exception& e) {
                    ++failures;
                    ADD_FAILURE() << e.what();
                }
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(failures.load(), 0);
    auto report = verify();
    EXPECT_EQ(report.entries, kThreads * kEach);
    EXPECT_FALSE(report.first_broken_id) << *report.first_broken_id;
    // Every entry links to the one before it: no two appends saw the same last hash.
    EXPECT_EQ(exec(database_.db(), "SELECT COUNT(DISTINCT prev_hash) FROM audit_log").one().get<std::int64_t>(0),
              kThreads * kEach);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditTrail, ::testing::Values(Backend::sqlite, Backend::postgres),
                         test::backend_name);

}  // namespace
}  // namespace comptoir::audit
