#pragma once
// The outbox: e-mails (and later webhooks) recorded in the same transaction as
// the change they announce, so that a change is never committed without its
// message nor a message sent for a change that was rolled back. A worker
// (outbox_worker.hpp) renders and delivers them.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

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

/// What a message's params (the JSON object stored in the outbox) keep once
/// the message is delivered or given up: every value that holds a link is
/// dropped, because verification, reset, invitation and e-mail change links
/// carry single-use tokens, and a copy of the database must not hold usable
/// ones. Other values (names, dates) stay for whoever reads the outbox. Text
/// that is not a JSON object becomes "{}".
std::string params_without_links(std::string_view params_json);

}  // namespace comptoir::notify
