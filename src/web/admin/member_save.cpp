// POST /admin/organisations/{id}/members/{user_id} — staff change a member's
// role (within contact roles), visibility or status.
#include "web/admin/actions.hpp"
#include "web/errors.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response admin_member_save(const Deps& deps, http::Request& request, const Visitor& visitor) {
    const auto org = id_param(request, "id");
    const auto user = id_param(request, "user_id");
    if (!org || !user) return error_page(deps, 404, request);
    return submit_member(deps, request, visitor, staff_place(*org), *user);
}

}  // namespace comptoir::web
