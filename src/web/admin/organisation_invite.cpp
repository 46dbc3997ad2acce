// POST /admin/organisations/{id}/invite — staff invite a contact into an organisation.
#include "web/admin/actions.hpp"
#include "web/errors.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response admin_organisation_invite(const Deps& deps, http::Request& request, const Visitor& visitor) {
    const auto id = id_param(request, "id");
    if (!id) return error_page(deps, 404, request);
    return submit_invite(deps, request, visitor, staff_place(*id));
}

}  // namespace comptoir::web
