// GET /admin/users/{id} — one account (staff); admins may change it.
#include "web/admin/actions.hpp"
#include "web/admin/views.hpp"
#include "web/errors.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response admin_user_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    const auto id = id_param(request, "id");
    if (!id) return error_page(deps, 404, request);
    return render_user(deps, request, visitor, *id);
}

}  // namespace comptoir::web
