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

Result<std::int64_t> Throttle::record_failure(storage::Transaction& tx, const ThrottlePolicy& policy,
                                              const std::string& subject, std::int64_t now) {
    auto rows = tx.query_with("SELECT failures, first_failure_at FROM throttles WHERE scope = $1 AND subject = $2",
                              policy.scope, subject);
    if (!rows) return std::unexpected(rows.error());
    std::int64_t failures = 1;
    std::int64_t first = now;
    if (!rows->empty()) {
        const auto& row = rows->one();
        // A lock keeps counting; an old run of failures outside the window starts afresh.
        if (now - row.get<std::int64_t>(1) <= policy.window_seconds) {
            failures = row.get<std::int64_t>(0) + 1;
            first = row.get<std::int64_t>(1);
        }
    }
    std::int64_t delay = 0;
    if (failures > policy.free_failures) {
        const auto doublings = std::min<std::int64_t>(failures - policy.free_failures - 1, 20);
        delay = std::min(policy.max_delay_seconds, policy.base_delay_seconds << doublings);
    }
    // The window restarts from a lock, so a locked subject cannot wait out the window instead.
    if (delay > 0) first = now;
    auto saved = tx.query_with(
        "INSERT INTO throttles (scope, subject, failures, first_failure_at, locked_until) VALUES ($1, $2, $3, $4, $5) "
        "ON CONFLICT (scope, subject) DO UPDATE SET failures = excluded.failures, "
        "first_failure_at = excluded.first_failure_at, locked_until = excluded.locked_until",
        policy.scope, subject, failures, first, delay > 0 ? now + delay : std::int64_t{0});
    if (!saved) return std::unexpected(saved.error());
    return delay;
}

Result<void> Throttle::reset(storage::Transaction& tx, const ThrottlePolicy& policy, const std::string& subject) {
    auto done = tx.query_with("DELETE FROM throttles WHERE scope = $1 AND subject = $2", policy.scope, subject);
    if (!done) return std::unexpected(done.error());
    return {};
}

}  // namespace comptoir::accounts
