// GET /admin/organisations/{id}/status — asks an admin to confirm that the
// organisation is to be deactivated (every member signed out, no sign-in) or
// reactivated, before anything happens.
#include "web/admin/actions.hpp"
#include "web/admin/views.hpp"
#include "web/errors.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response admin_organisation_status_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    const auto id = id_param(request, "id");
    if (!id) return error_page(deps, 404, request);
    return render_organisation_status(deps, request, visitor, *id);
}

}  // namespace comptoir::web
