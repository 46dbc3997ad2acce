// GET /admin/organisations/{id}/members/{user_id} — a member's role, visibility
// and status, for staff.
#include "web/admin/actions.hpp"
#include "web/errors.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response admin_member_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    const auto org = id_param(request, "id");
    const auto user = id_param(request, "user_id");
    if (!org || !user) return error_page(deps, 404, request);
    return render_member(deps, request, visitor, staff_place(*org), *user);
}

}  // namespace comptoir::web
