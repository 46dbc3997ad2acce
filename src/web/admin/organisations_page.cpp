// GET /admin/organisations?q=&page= — search the organisations (staff); admins
// also see the form that creates one.
#include "web/admin/actions.hpp"
#include "web/admin/views.hpp"

namespace comptoir::web {

http::Response admin_organisations_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    return render_organisations(deps, request, visitor, OrganisationForm{});
}

}  // namespace comptoir::web
