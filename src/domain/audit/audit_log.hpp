#pragma once
// The audit trail: who did what, when, from where. Append-only (the database
// refuses UPDATE and DELETE on the table) and hash-chained: each entry's hash
// covers its fields and the previous entry's hash, so an edited or removed
// entry is detected by verify(). Never put a password, token, TOTP secret or
// recovery code in an event.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "storage/database.hpp"

namespace comptoir::audit {

struct Event {
    std::optional<std::int64_t> actor_id;  // nullopt: a visitor or the system
    std::string actor_email;               // as it was at the time (or the e-mail tried at sign-in)
    std::optional<std::int64_t> organisation_id;
    std::string action;  // "signin.success", "signin.failure", "mfa.enabled", "session.revoked", …
    std::string target;  // "user:42", "session:7", "organisation:3"
    std::map<std::string, std::string> details;
    std::string client_addr;
    std::string request_id;
};

struct Entry {
    std::int64_t id = 0;
    std::int64_t at = 0;
    Event event;
    std::string details_json;
    std::string hash;
};

struct Filter {
    std::optional<std::int64_t> organisation_id;
    std::string action_prefix;              // "signin" matches signin.success and signin.failure
    std::string actor_email;                // exact
    std::optional<std::int64_t> from, to;   // unix seconds, inclusive
    std::optional<std::int64_t> before_id;  // paging: entries older than this id
    int limit = 50;
};

struct VerifyReport {
    std::int64_t entries = 0;
    std::optional<std::int64_t> first_broken_id;  // the first entry whose hash or link does not hold
};

class AuditLog {
  public:
    explicit AuditLog(storage::Backend backend) : backend_(backend) {}

    /// Appends `event` in `tx` (the same transaction as the change it records).
    Result<void> append(storage::Transaction& tx, const Event& event, std::int64_t now) const;

    /// Newest first.
    Result<std::vector<Entry>> list(storage::Transaction& tx, const Filter& filter) const;

    /// Walks the whole chain.
    Result<VerifyReport> verify(storage::Database& db) const;

  private:
    storage::Backend backend_;
};

}  // namespace comptoir::audit
