// GET /organisation/members/{id} — one member's role, visibility and status.
// A member of another organisation is 404.
#include "web/errors.hpp"
#include "web/organisation/actions.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response organisation_member_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    const auto place = own_place(visitor);
    const auto id = id_param(request, "id");
    if (!place || !id) return error_page(deps, 404, request);
    return render_member(deps, request, visitor, *place, *id);
}

}  // namespace comptoir::web
