#include "domain/notify/outbox.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

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

std::string params_without_links(std::string_view params_json) {
    boost::system::error_code ec;
    auto value = boost::json::parse(params_json, ec);
    if (ec || !value.is_object()) return "{}";
    boost::json::object kept;
    for (const auto& [name, item] : value.get_object()) {
        // Any URL counts, whatever the param is called: a template added later
        // with a link under another name is covered too.
        if (item.is_string() && std::string_view(item.get_string()).find("://") != std::string_view::npos) continue;
        kept[name] = item;
    }
    return boost::json::serialize(kept);
}

}  // namespace comptoir::notify
