// GET /admin/organisations/{id} — an organisation's members, the invite form
// and its MFA setting, for staff (the same page org admins see of their own).
#include "web/admin/actions.hpp"
#include "web/errors.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response admin_organisation_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    const auto id = id_param(request, "id");
    if (!id) return error_page(deps, 404, request);
    return render_members(deps, request, visitor, staff_place(*id), InviteForm{});
}

}  // namespace comptoir::web
