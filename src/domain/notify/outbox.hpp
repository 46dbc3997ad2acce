#pragma once
// The outbox: e-mails (and later webhooks) recorded in the same transaction as
// the change they announce, so that a change is never committed without its
// message nor a message sent for a change that was rolled back. A worker
// (outbox_worker.hpp) renders and delivers them.
#include <cstdint>
#include <map>
#include <string>

#include "core/error.hpp"
#include "storage/database.hpp"

namespace comptoir::notify {

/// An e-mail to send: which template, in which language, with which values.
/// Rendering happens at delivery, in the worker.
struct Email {
    std::string to;             // one address
    std::string language;       // "fr"
    std::string template_name;  // "verify_email", "reset_password", "invitation", "change_email", "security_notice"
    std::map<std::string, std::string> params;  // strings only; never a password or TOTP secret
};

/// Records `email` in the outbox inside `tx`; it is due at once. Returns its id.
Result<std::int64_t> enqueue(storage::Transaction& tx, const Email& email, std::int64_t now);

}  // namespace comptoir::notify
