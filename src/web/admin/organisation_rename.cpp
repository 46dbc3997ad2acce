// POST /admin/organisations/{id}/rename — an admin gives an organisation a new
// name (its short name stays: it is part of URLs and API answers). A refused
// name re-shows the organisation's page with the name typed and the reason.
#include "domain/accounts/organisation_service.hpp"
#include "web/admin/actions.hpp"
#include "web/errors.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response admin_organisation_rename(const Deps& deps, http::Request& request, const Visitor& visitor) {
    auto* service = deps.services.organisations;
    if (!service) return no_organisation_service(deps, request);
    const auto id = id_param(request, "id");
    if (!id) return error_page(deps, 404, request);
    const auto place = staff_place(*id);
    RenameForm form{request.form_param("name").value_or(""), {}};
    if (!http::is_valid_utf8(form.name)) {
        form = RenameForm{{}, "admin.error.form_invalid"};
        return render_members(deps, request, visitor, place, InviteForm{}, 400, form);
    }
    auto done = service->rename_organisation(*visitor.principal, *id, form.name, request_meta(deps, request));
    if (!done) {
        const auto& e = done.error();
        if (e.code != ErrorCode::invalid_input) return error_page(deps, e, request);
        form.error_key = e.public_message;
        return render_members(deps, request, visitor, place, InviteForm{}, 400, form);
    }
    return http::Response::redirect(place.members_url + "?done=renamed");
}

}  // namespace comptoir::web
