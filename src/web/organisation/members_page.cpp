// GET /organisation/members — the org admin's list of the organisation's
// members, with the invite form and the MFA setting. Anyone who does not
// manage an organisation gets 404 (the service decides).
#include "web/errors.hpp"
#include "web/organisation/actions.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response organisation_members_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    const auto place = own_place(visitor);
    if (!place) return error_page(deps, 404, request);
    return render_members(deps, request, visitor, *place, InviteForm{});
}

}  // namespace comptoir::web
