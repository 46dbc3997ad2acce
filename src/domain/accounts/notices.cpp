#include "domain/accounts/notices.hpp"

#include "domain/notify/outbox.hpp"

namespace comptoir::accounts {

audit::Event audit_event(const RequestMeta& meta, std::string action, const Principal* actor, std::string target,
                         std::map<std::string, std::string> details) {
    audit::Event event;
    if (actor) {
        event.actor_id = actor->user_id;
        event.actor_email = actor->email;
        event.organisation_id = actor->organisation_id;
    }
    event.action = std::move(action);
    event.target = std::move(target);
    event.details = std::move(details);
    event.client_addr = meta.client_addr;
    event.request_id = meta.request_id;
    return event;
}

Result<void> send_security_notice(storage::Transaction& tx, const UserRecord& user, std::string_view event,
                                  std::int64_t now, std::string_view to) {
    notify::Email email;
    email.to = to.empty() ? user.email : std::string(to);
    email.language = user.language;
    email.template_name = "security_notice";
    email.params = {{"name", user.display_name}, {"event", std::string(event)}, {"when", std::to_string(now)}};
    auto queued = notify::enqueue(tx, email, now);
    if (!queued) return std::unexpected(queued.error());
    return {};
}

}  // namespace comptoir::accounts
