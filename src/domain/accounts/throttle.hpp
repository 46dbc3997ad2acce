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

class Throttle {
  public:
    /// Seconds until `subject` may try again (0: now).
    static Result<std::int64_t> wait_seconds(storage::Transaction& tx, const ThrottlePolicy& policy,
                                             const std::string& subject, std::int64_t now);
    /// Counts one failure; returns the seconds the subject must now wait (0 if still free).
    static Result<std::int64_t> record_failure(storage::Transaction& tx, const ThrottlePolicy& policy,
                                               const std::string& subject, std::int64_t now);
    static Result<void> reset(storage::Transaction& tx, const ThrottlePolicy& policy, const std::string& subject);
};

}  // namespace comptoir::accounts
