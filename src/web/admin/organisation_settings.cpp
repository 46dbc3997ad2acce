// POST /admin/organisations/{id}/settings — staff set whether the organisation requires MFA.
#include "web/admin/actions.hpp"
#include "web/errors.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response admin_organisation_settings(const Deps& deps, http::Request& request, const Visitor& visitor) {
    const auto id = id_param(request, "id");
    if (!id) return error_page(deps, 404, request);
    return submit_settings(deps, request, visitor, staff_place(*id));
}

}  // namespace comptoir::web
