#pragma once
// Slows down guessing: failures are counted per (scope, subject) in the
// database, so the count holds across nodes and restarts. After `free_failures`
// failures within the window, each further failure locks the subject for a
// delay that doubles (base_delay, 2×, 4×…) up to max_delay. A success resets
// the count (the caller decides which successes count).
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "storage/database.hpp"

namespace comptoir::accounts {

struct ThrottlePolicy {
    std::string scope;  // "account", "address", "mfa", "recovery"
    int free_failures = 5;
    std::int64_t window_seconds = 15 * 60;
    std::int64_t base_delay_seconds = 30;
    std::int64_t max_delay_seconds = 15 * 60;
};

/// Policies used by sign-in, MFA and e-mail requests.
namespace throttles {
inline const ThrottlePolicy account{"account", 5, 15 * 60, 30, 15 * 60};
inline const ThrottlePolicy address{"address", 20, 15 * 60, 30, 15 * 60};
inline const ThrottlePolicy mfa{"mfa", 5, 15 * 60, 30, 15 * 60};
/// Mails sent on request (reset links, verification links): per address.
inline const ThrottlePolicy mail{"mail", 5, 60 * 60, 60, 60 * 60};

/// The subject of the `account` policy for an e-mail address: its SHA-256
/// once normalised, so the table does not list addresses. Every check of an
/// account's password (sign-in, password change, e-mail change) shares it.
std::string account_subject(std::string_view email);
}  // namespace throttles

/// What Throttle::begin_attempt decided, and what it needs to take the attempt back.
struct Attempt {
    std::int64_t wait_seconds = 0;           // > 0: refused, the subject is locked (nothing counted)
    std::int64_t previous_locked_until = 0;  // the lock before this attempt (expired)
    std::int64_t locked_until = 0;           // the lock after counting it (previous_locked_until if none)

    bool allowed() const { return wait_seconds == 0; }
};

class Throttle {
  public:
    /// Seconds until `subject` may try again (0: now).
    static Result<std::int64_t> wait_seconds(storage::Transaction& tx, const ThrottlePolicy& policy,
                                             const std::string& subject, std::int64_t now);
    /// Counts one failure, locked or not; returns the seconds the subject must now wait (0 if still free).
    /// The count is incremented in the statement itself, so failures committed at once are all counted.
    static Result<std::int64_t> record_failure(storage::Transaction& tx, const ThrottlePolicy& policy,
                                               const std::string& subject, std::int64_t now);
    /// Whether one more attempt may be checked, decided together with counting
    /// it: a locked subject gets its wait and nothing is counted; otherwise the
    /// attempt counts as a failure at once, before it is checked, so attempts
    /// made at the same moment see each other and stop at the lock (on
    /// PostgreSQL the row stays locked until `tx` ends). Commit `tx` before a
    /// slow check; on success, `reset` the subject or `forgive` the attempt.
    static Result<Attempt> begin_attempt(storage::Transaction& tx, const ThrottlePolicy& policy,
                                         const std::string& subject, std::int64_t now);
    /// Takes back an attempt of begin_attempt that succeeded: one failure less,
    /// and the lock it set (if no other attempt changed it since) undone.
    static Result<void> forgive(storage::Transaction& tx, const ThrottlePolicy& policy, const std::string& subject,
                                const Attempt& attempt);
    static Result<void> reset(storage::Transaction& tx, const ThrottlePolicy& policy, const std::string& subject);
};

}  // namespace comptoir::accounts
