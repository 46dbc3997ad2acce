#pragma once
// Accounts as plain types: roles, the principal that every service call
// receives, and where a request came from.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace comptoir::accounts {

/// customer and org_admin belong to a customer organisation; agent and admin
/// to the operator (no organisation).
enum class Role { customer, org_admin, agent, admin };

std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);
inline bool is_staff(Role role) { return role == Role::agent || role == Role::admin; }

/// Who is acting: resolved from the session (or API key) once per request and
/// passed to every service call, which decides what this principal may do.
struct Principal {
    std::int64_t user_id = 0;
    std::optional<std::int64_t> organisation_id;  // nullopt for staff
    Role role = Role::customer;
    bool sees_organisation = false;  // a contact who sees all of the organisation's requests
    std::string email;
    std::string display_name;
    std::string language;
    std::string time_zone;
    bool mfa_enabled = false;
    std::int64_t session_id = 0;  // 0 when not from a browser session

    bool staff() const { return is_staff(role); }
    bool admin() const { return role == Role::admin; }
    /// May manage the members of `organisation` (its org admins, and staff).
    bool manages(std::int64_t organisation) const {
        return staff() || (role == Role::org_admin && organisation_id == organisation);
    }
};

/// Where a request came from: for throttling, links in e-mails and the audit trail.
struct RequestMeta {
    std::string client_addr;
    std::string user_agent;
    std::string request_id;
    std::string base_url;  // "https://support.example.com", for links in e-mails
};

}  // namespace comptoir::accounts
