// POST /admin/organisations/{id}/status — the confirmation form of the status
// page: `active` (0 or 1) and the ticked box `confirm`. Without the box
// nothing changes and the page asks again.
#include "domain/accounts/organisation_service.hpp"
#include "web/admin/actions.hpp"
#include "web/admin/views.hpp"
#include "web/errors.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response admin_organisation_status_save(const Deps& deps, http::Request& request, const Visitor& visitor) {
    auto* service = deps.services.organisations;
    if (!service) return no_organisation_service(deps, request);
    const auto id = id_param(request, "id");
    if (!id) return error_page(deps, 404, request);
    const auto active = request.form_param("active");
    if (!active || (*active != "0" && *active != "1"))
        return render_organisation_status(deps, request, visitor, *id, "admin.error.form_invalid", 400);
    if (request.form_param("confirm") != std::optional<std::string>("1"))
        return render_organisation_status(deps, request, visitor, *id, "admin.error.confirm_required", 400);
    const bool activate = *active == "1";
    auto done = service->set_organisation_active(*visitor.principal, *id, activate, request_meta(deps, request));
    if (!done) return error_page(deps, done.error(), request);
    return http::Response::redirect(staff_place(*id).members_url +
                                    (activate ? "?done=reactivated" : "?done=deactivated"));
}

}  // namespace comptoir::web
