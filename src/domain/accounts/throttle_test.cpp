// Throttle on SQLite and PostgreSQL: counting, locking, and counting right when
// many requests fail at the same moment (PostgreSQL runs them truly at once).
#include "domain/accounts/throttle.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <thread>
#include <vector>

#include "domain/test_support.hpp"

namespace comptoir::accounts {
namespace {

using storage::Backend;
using test::must;

constexpr std::int64_t kNow = 1'800'000'000;
const ThrottlePolicy kPolicy{"test", 3, 600, 10, 100};

class ThrottleTest : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        if (!database_.open(GetParam())) GTEST_SKIP() << "COMPTOIR_TEST_PG_URL is not set";
    }

    storage::Database& db() { return database_.db(); }

    std::int64_t stored_failures(const std::string& subject) {
        auto rows = database_.select("SELECT failures FROM throttles WHERE scope = $1 AND subject = $2", kPolicy.scope,
                                     subject);
        return rows.empty() ? 0 : rows.one().get<std::int64_t>(0);
    }

    test::TestDatabase database_;
};

TEST_P(ThrottleTest, RecordFailureLocksAfterTheFreeFailuresWithDoublingDelays) {
    auto record = [&](std::int64_t now) {
        auto tx = must(db().write());
        auto wait = must(Throttle::record_failure(tx, kPolicy, "s", now));
        must(tx.commit());
        return wait;
    };
    EXPECT_EQ(record(kNow), 0);
    EXPECT_EQ(record(kNow), 0);
    EXPECT_EQ(record(kNow), 0);
    EXPECT_EQ(record(kNow), 10);
    EXPECT_EQ(record(kNow + 11), 20);
    EXPECT_EQ(record(kNow + 32), 40);
    EXPECT_EQ(record(kNow + 73), 80);
    EXPECT_EQ(record(kNow + 154), 100);  // capped at max_delay
    auto tx = must(db().read());
    EXPECT_EQ(must(Throttle::wait_seconds(tx, kPolicy, "s", kNow + 160)), 94);
    EXPECT_EQ(must(Throttle::wait_seconds(tx, kPolicy, "other", kNow + 160)), 0);
}

TEST_P(ThrottleTest, AnOldRunOfFailuresOutsideTheWindowStartsAfresh) {
    for (int i = 0; i < 3; ++i) {
        auto tx = must(db().write());
        EXPECT_EQ(must(Throttle::record_failure(tx, kPolicy, "s", kNow)), 0);
        must(tx.commit());
    }
    auto tx = must(db().write());
    EXPECT_EQ(must(Throttle::record_failure(tx, kPolicy, "s", kNow + 601)), 0);
    must(tx.commit());
    EXPECT_EQ(stored_failures("s"), 1);
}

TEST_P(ThrottleTest, ParallelFailuresAreAllCounted) {
    // Read-then-write would let two transactions both write "n + 1".
    constexpr int kThreads = 16;
    const ThrottlePolicy roomy{"test", 1000, 600, 10, 100};
    test::at_once(kThreads, [&](int) {
        auto tx = must(db().write());
        must(Throttle::record_failure(tx, roomy, "s", kNow));
        must(tx.commit());
    });
    auto rows = database_.select("SELECT failures FROM throttles WHERE scope = 'test' AND subject = 's'");
    EXPECT_EQ(rows.one().get<std::int64_t>(0), kThreads);
}

TEST_P(ThrottleTest, AnAttemptCountsBeforeItIsCheckedAndALockedSubjectCountsNothing) {
    auto attempt = [&](std::int64_t now) {
        auto tx = must(db().write());
        auto a = must(Throttle::begin_attempt(tx, kPolicy, "s", now));
        must(tx.commit());
        return a;
    };
    for (int i = 1; i <= 3; ++i) {
        const auto a = attempt(kNow);
        EXPECT_TRUE(a.allowed());
        EXPECT_EQ(a.locked_until, a.previous_locked_until);
        EXPECT_EQ(stored_failures("s"), i);
    }
    const auto locking = attempt(kNow);  // the fourth may still be checked, and locks
    EXPECT_TRUE(locking.allowed());
    EXPECT_EQ(locking.locked_until, kNow + 10);
    const auto refused = attempt(kNow + 4);
    EXPECT_FALSE(refused.allowed());
    EXPECT_EQ(refused.wait_seconds, 6);
    EXPECT_EQ(stored_failures("s"), 4) << "a refused attempt is not counted";
    const auto later = attempt(kNow + 10);
    EXPECT_TRUE(later.allowed());
    EXPECT_EQ(later.locked_until, kNow + 30);  // the fifth failure: twice the delay
}

TEST_P(ThrottleTest, ForgivingTakesBackTheCountAndTheLockOfASuccess) {
    for (int i = 0; i < 3; ++i) {
        auto tx = must(db().write());
        must(Throttle::begin_attempt(tx, kPolicy, "s", kNow));
        must(tx.commit());
    }
    {
        // The fourth attempt locks, then turns out right.
        auto tx = must(db().write());
        const auto a = must(Throttle::begin_attempt(tx, kPolicy, "s", kNow));
        EXPECT_GT(a.locked_until, kNow);
        must(Throttle::forgive(tx, kPolicy, "s", a));
        must(tx.commit());
    }
    EXPECT_EQ(stored_failures("s"), 3);
    auto tx = must(db().write());
    EXPECT_EQ(must(Throttle::wait_seconds(tx, kPolicy, "s", kNow)), 0);
    // Forgiving a refused attempt changes nothing.
    must(Throttle::forgive(tx, kPolicy, "s", Attempt{.wait_seconds = 5}));
    must(tx.commit());
    EXPECT_EQ(stored_failures("s"), 3);
}

TEST_P(ThrottleTest, ParallelAttemptsStopAtTheLock) {
    constexpr int kThreads = 16;
    std::atomic<int> allowed = 0, refused = 0;
    test::at_once(kThreads, [&](int) {
        auto tx = must(db().write());
        const auto a = must(Throttle::begin_attempt(tx, kPolicy, "s", kNow));
        must(tx.commit());
        ++(a.allowed() ? allowed : refused);
    });
    EXPECT_EQ(allowed + refused, kThreads);
    EXPECT_EQ(allowed, kPolicy.free_failures + 1);
    EXPECT_EQ(stored_failures("s"), allowed);
}

INSTANTIATE_TEST_SUITE_P(Backends, ThrottleTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         test::backend_name);

}  // namespace
}  // namespace comptoir::accounts
