#include "domain/notify/outbox.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace comptoir::notify {

Result<std::int64_t> enqueue(storage::Transaction& tx, const Email& email, std::int64_t now) {
    // Refused here rather than at delivery: a bad row would only fail
    // max_attempts times later, far from the code that wrote it.
    if (email.to.empty() || email.to.find_first_of("\r\n") != std::string::npos)
        return fail(ErrorCode::invalid_input, "mail.invalid_recipient", "outbox: empty recipient or CR/LF in it");
    if (email.language.empty() || email.template_name.empty())
        return fail(ErrorCode::internal, "mail.invalid", "outbox: language and template are required");
    boost::json::object params;
    for (const auto& [name, value] : email.params) params[name] = value;
    auto inserted = tx.query_with(
        "INSERT INTO outbox (kind, recipient, language, template, params, created_at, next_attempt_at) "
        "VALUES ('email', $1, $2, $3, $4, $5, $5) RETURNING id",
        email.to, email.language, email.template_name, boost::json::serialize(params), now);
    if (!inserted) return std::unexpected(inserted.error());
    return inserted->one().get<std::int64_t>(0);
}

}  // namespace comptoir::notify
