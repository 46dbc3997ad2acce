#include "domain/accounts/throttle.hpp"

#include <algorithm>

#include "core/crypto.hpp"
#include "domain/accounts/users.hpp"

namespace comptoir::accounts {

std::string throttles::account_subject(std::string_view email) { return crypto::sha256_hex(normalise_email(email)); }

Result<std::int64_t> Throttle::wait_seconds(storage::Transaction& tx, const ThrottlePolicy& policy,
                                            const std::string& subject, std::int64_t now) {
    auto rows =
        tx.query_with("SELECT locked_until FROM throttles WHERE scope = $1 AND subject = $2", policy.scope, subject);
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return 0;
    return std::max<std::int64_t>(0, rows->one().get<std::int64_t>(0) - now);
}

namespace {

// The delay due after `failures` failures in the window: none while free, then doubling.
std::int64_t delay_after(const ThrottlePolicy& policy, std::int64_t failures) {
    if (failures <= policy.free_failures) return 0;
    const auto doublings = std::min<std::int64_t>(failures - policy.free_failures - 1, 20);
    return std::min(policy.max_delay_seconds, policy.base_delay_seconds << doublings);
}

// Locks the subject when its new count calls for it; returns the delay (0:
// none). The statement that counted the failure holds the row on PostgreSQL
// until the transaction ends, so no other failure slips in between. The
// window restarts from a lock, so a locked subject cannot wait out the window
// instead.
Result<std::int64_t> lock_if_due(storage::Transaction& tx, const ThrottlePolicy& policy, const std::string& subject,
                                 std::int64_t failures, std::int64_t now) {
    const auto delay = delay_after(policy, failures);
    if (delay == 0) return 0;
    auto saved =
        tx.query_with("UPDATE throttles SET first_failure_at = $3, locked_until = $4 WHERE scope = $1 AND subject = $2",
                      policy.scope, subject, now, now + delay);
    if (!saved) return std::unexpected(saved.error());
    return delay;
}

}  // namespace

Result<std::int64_t> Throttle::record_failure(storage::Transaction& tx, const ThrottlePolicy& policy,
                                              const std::string& subject, std::int64_t now) {
    // Counted by the statement (not read, then written back): under READ
    // COMMITTED two failures committed at once would otherwise count as one.
    // A run of failures older than the window starts afresh.
    auto counted = tx.query_with(
        "INSERT INTO throttles (scope, subject, failures, first_failure_at, locked_until) VALUES ($1, $2, 1, $3, 0) "
        "ON CONFLICT (scope, subject) DO UPDATE SET "
        "failures = CASE WHEN $3 - throttles.first_failure_at > $4 THEN 1 ELSE throttles.failures + 1 END, "
        "first_failure_at = CASE WHEN $3 - throttles.first_failure_at > $4 THEN $3 "
        "ELSE throttles.first_failure_at END, "
        "locked_until = CASE WHEN $3 - throttles.first_failure_at > $4 THEN 0 ELSE throttles.locked_until END "
        "RETURNING failures",
        policy.scope, subject, now, policy.window_seconds);
    if (!counted) return std::unexpected(counted.error());
    return lock_if_due(tx, policy, subject, counted->one().get<std::int64_t>(0), now);
}

Result<Attempt> Throttle::begin_attempt(storage::Transaction& tx, const ThrottlePolicy& policy,
                                        const std::string& subject, std::int64_t now) {
    // One statement decides and counts: a locked row is left as it is, any
    // other gets one failure more. RETURNING gives the lock as it was.
    auto counted = tx.query_with(
        "INSERT INTO throttles (scope, subject, failures, first_failure_at, locked_until) VALUES ($1, $2, 1, $3, 0) "
        "ON CONFLICT (scope, subject) DO UPDATE SET "
        "failures = CASE WHEN throttles.locked_until > $3 THEN throttles.failures "
        "WHEN $3 - throttles.first_failure_at > $4 THEN 1 ELSE throttles.failures + 1 END, "
        "first_failure_at = CASE WHEN throttles.locked_until > $3 THEN throttles.first_failure_at "
        "WHEN $3 - throttles.first_failure_at > $4 THEN $3 ELSE throttles.first_failure_at END "
        "RETURNING failures, locked_until",
        policy.scope, subject, now, policy.window_seconds);
    if (!counted) return std::unexpected(counted.error());
    const auto& row = counted->one();
    Attempt attempt;
    attempt.previous_locked_until = row.get<std::int64_t>(1);
    attempt.locked_until = attempt.previous_locked_until;
    if (attempt.previous_locked_until > now) {
        attempt.wait_seconds = attempt.previous_locked_until - now;
        return attempt;
    }
    auto delay = lock_if_due(tx, policy, subject, row.get<std::int64_t>(0), now);
    if (!delay) return std::unexpected(delay.error());
    if (*delay > 0) attempt.locked_until = now + *delay;
    return attempt;
}

Result<void> Throttle::forgive(storage::Transaction& tx, const ThrottlePolicy& policy, const std::string& subject,
                               const Attempt& attempt) {
    if (!attempt.allowed()) return {};  // nothing was counted
    auto done = tx.query_with(
        "UPDATE throttles SET failures = failures - 1, "
        "locked_until = CASE WHEN locked_until = $3 THEN $4 ELSE locked_until END "
        "WHERE scope = $1 AND subject = $2 AND failures > 0",
        policy.scope, subject, attempt.locked_until, attempt.previous_locked_until);
    if (!done) return std::unexpected(done.error());
    return {};
}

Result<void> Throttle::reset(storage::Transaction& tx, const ThrottlePolicy& policy, const std::string& subject) {
    auto done = tx.query_with("DELETE FROM throttles WHERE scope = $1 AND subject = $2", policy.scope, subject);
    if (!done) return std::unexpected(done.error());
    return {};
}

}  // namespace comptoir::accounts
