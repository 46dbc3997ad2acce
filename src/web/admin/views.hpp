#pragma once
// What the admin pages share: the organisation and user lists re-shown with
// their create forms after a refusal, the confirmation of an organisation's
// (de)activation, the user page, and query parsing.
#include <cstdint>
#include <string>
#include <string_view>

#include "http/message.hpp"
#include "web/auth.hpp"
#include "web/deps.hpp"

namespace comptoir::web {

/// The "new organisation" form as typed.
struct OrganisationForm {
    std::string name;
    std::string slug;
    std::string language;
    std::string error_key;
};

/// The "new agent" form as typed.
struct AgentForm {
    std::string email;
    std::string display_name;
    std::string role = "agent";
    std::string language;
    std::string error_key;
};

/// GET /admin/organisations with `?q=` and `?page=`, and the create form.
http::Response render_organisations(const Deps& deps, const http::Request& request, const Visitor& visitor,
                                    const OrganisationForm& form, int status = 200);
/// GET /admin/users with `?q=`, `?role=` and `?page=`, and the new agent form.
http::Response render_users(const Deps& deps, const http::Request& request, const Visitor& visitor,
                            const AgentForm& form, int status = 200);
/// One account: details, and for admins the role/status form and "end all sessions".
http::Response render_user(const Deps& deps, const http::Request& request, const Visitor& visitor, std::int64_t user_id,
                           std::string_view error_key = {}, int status = 200);

/// The page that asks an admin to confirm the deactivation (or reactivation)
/// of an organisation; `error_key` when the confirmation was missing.
http::Response render_organisation_status(const Deps& deps, const http::Request& request, const Visitor& visitor,
                                          std::int64_t org_id, std::string_view error_key = {}, int status = 200);

/// `?page=` as a number from 1 (anything else: 1).
int page_number(const http::Request& request);

}  // namespace comptoir::web
