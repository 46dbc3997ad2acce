// POST /admin/users/{id} — an admin changes an account's role (within its
// kind) or status. Only the fields role and active are read.
#include "domain/accounts/organisation_service.hpp"
#include "web/admin/actions.hpp"
#include "web/admin/views.hpp"
#include "web/errors.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response admin_user_save(const Deps& deps, http::Request& request, const Visitor& visitor) {
    auto* service = deps.services.organisations;
    if (!service) return no_organisation_service(deps, request);
    const auto id = id_param(request, "id");
    if (!id) return error_page(deps, 404, request);
    accounts::UserChange change;
    bool readable = true;
    if (auto role = request.form_param("role")) {
        change.role = accounts::parse_role(*role);
        readable = change.role.has_value();
    }
    if (auto active = request.form_param("active")) {
        readable = readable && (*active == "1" || *active == "0");
        change.active = *active == "1";
    }
    if (!readable) return render_user(deps, request, visitor, *id, "admin.error.form_invalid", 400);
    auto done = service->set_user(*visitor.principal, *id, change, request_meta(deps, request));
    if (!done) {
        const auto& e = done.error();
        if (e.code != ErrorCode::invalid_input) return error_page(deps, e, request);
        return render_user(deps, request, visitor, *id, e.public_message, 400);
    }
    return http::Response::redirect("/admin/users/" + std::to_string(*id) + "?done=user_saved");
}

}  // namespace comptoir::web
