// GET /admin/users?q=&role=&page= — search every account (staff); admins also
// see the form that invites a new agent or admin.
#include "web/admin/actions.hpp"
#include "web/admin/views.hpp"

namespace comptoir::web {

http::Response admin_users_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    return render_users(deps, request, visitor, AgentForm{});
}

}  // namespace comptoir::web
