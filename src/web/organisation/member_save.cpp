// POST /organisation/members/{id} — changes a member's role, visibility or
// status. Only those three fields are read (organisation_id… are ignored).
#include "web/errors.hpp"
#include "web/organisation/actions.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response organisation_member_save(const Deps& deps, http::Request& request, const Visitor& visitor) {
    const auto place = own_place(visitor);
    const auto id = id_param(request, "id");
    if (!place || !id) return error_page(deps, 404, request);
    return submit_member(deps, request, visitor, *place, *id);
}

}  // namespace comptoir::web
