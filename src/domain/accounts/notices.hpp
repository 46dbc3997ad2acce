#pragma once
// Small helpers shared by the account services: audit events built from the
// request, and the security notices e-mailed after sensitive changes.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "domain/accounts/model.hpp"
#include "domain/accounts/users.hpp"
#include "domain/audit/audit_log.hpp"
#include "storage/database.hpp"

namespace comptoir::accounts {

/// An audit event for `action` by `actor` (nullptr: a visitor) on `target`.
audit::Event audit_event(const RequestMeta& meta, std::string action, const Principal* actor, std::string target = {},
                         std::map<std::string, std::string> details = {});

/// E-mails `user` a notice that `event` (password_changed, email_changed,
/// mfa_enabled, mfa_disabled, recovery_codes_regenerated, sessions_revoked)
/// happened on their account; `to` overrides the address (the old one after a change).
Result<void> send_security_notice(storage::Transaction& tx, const UserRecord& user, std::string_view event,
                                  std::int64_t now, std::string_view to = {});

}  // namespace comptoir::accounts
