#pragma once
// What the member pages share between an org admin's own area
// (/organisation/…) and the staff's view of any organisation
// (/admin/organisations/{id}/…): one template for the member list, the invite
// form and the MFA setting, one for a member's form, and the POST handlers
// behind them. Only the URLs differ, so authorisation stays in the service.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "domain/accounts/organisation_service.hpp"
#include "http/message.hpp"
#include "web/auth.hpp"
#include "web/deps.hpp"
#include "web/page.hpp"

namespace comptoir::web {

/// Where the pages of one organisation's members live.
struct MembersPlace {
    std::int64_t org_id = 0;
    std::string members_url;      // the list: "/organisation/members" or "/admin/organisations/7"
    std::string member_base;      // + "/{id}": "/organisation/members" or "/admin/organisations/7/members"
    std::string invite_action;    // POST target of the invite form
    std::string settings_action;  // POST target of the MFA setting
    bool staff_view = false;      // /admin/organisations/{id}: members_url is also the base of the admin actions
};

MembersPlace org_admin_place(std::int64_t org_id);
MembersPlace staff_place(std::int64_t org_id);
/// The visitor's own organisation (nullopt for staff, who have none).
std::optional<MembersPlace> own_place(const Visitor& visitor);

/// The invite form as typed (kept when it is re-shown after a refusal).
struct InviteForm {
    std::string email;
    std::string display_name;
    std::string role = "customer";   // customer | org_admin
    std::string visibility = "own";  // own | organisation
    std::string language;
    std::string error_key;  // catalogue key of the problem, empty when none
};

/// The rename form of the staff view as typed (kept when it is re-shown after a refusal).
struct RenameForm {
    std::string name;       // empty: the organisation's current name
    std::string error_key;  // catalogue key of the problem, empty when none
};

/// The organisation's member list, invite form and settings; in the staff
/// view, its status and, for admins, the rename form and the way to
/// (de)activate it.
http::Response render_members(const Deps& deps, const http::Request& request, const Visitor& visitor,
                              const MembersPlace& place, const InviteForm& form, int status = 200,
                              const RenameForm& rename = {});
/// One member's role, visibility and status form.
http::Response render_member(const Deps& deps, const http::Request& request, const Visitor& visitor,
                             const MembersPlace& place, std::int64_t user_id, std::string_view error_key = {},
                             int status = 200);

/// The invitation form for `token`; `display_name` is the value shown.
http::Response render_invitation(const Deps& deps, const http::Request& request, const Visitor& visitor,
                                 std::string_view token, const accounts::InvitationView& invitation,
                                 std::string_view display_name, std::string_view error_key, int status);

/// The POST handlers, for either place.
http::Response submit_invite(const Deps& deps, http::Request& request, const Visitor& visitor,
                             const MembersPlace& place);
http::Response submit_member(const Deps& deps, http::Request& request, const Visitor& visitor,
                             const MembersPlace& place, std::int64_t user_id);
http::Response submit_settings(const Deps& deps, http::Request& request, const Visitor& visitor,
                               const MembersPlace& place);

/// A positive integer path parameter ("42"), or nullopt.
std::optional<std::int64_t> id_param(const http::Request& request, std::string_view name);

/// Sets the notice for `?done=` when it is one of `allowed`, as `<prefix><done>`.
void show_done(Page& page, const http::Request& request, std::string_view prefix,
               std::initializer_list<std::string_view> allowed);

/// "Customer", "Organisation admin", …, translated.
std::string role_label(const Page& page, accounts::Role role);
/// "Active", "Invited", "Deactivated".
std::string status_label(const Page& page, const accounts::Member& member);

/// 503 for an installation built without the organisation service.
http::Response no_organisation_service(const Deps& deps, const http::Request& request);

}  // namespace comptoir::web
