// POST /admin/organisations — creates an organisation (admins), then opens it
// to invite its first members.
#include "domain/accounts/organisation_service.hpp"
#include "web/admin/actions.hpp"
#include "web/admin/views.hpp"
#include "web/errors.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response admin_organisation_create(const Deps& deps, http::Request& request, const Visitor& visitor) {
    auto* service = deps.services.organisations;
    if (!service) return no_organisation_service(deps, request);
    OrganisationForm form;
    form.name = request.form_param("name").value_or("");
    form.slug = request.form_param("slug").value_or("");
    form.language = request.form_param("language").value_or("");
    if (!http::is_valid_utf8(form.name) || !http::is_valid_utf8(form.slug)) {
        form = OrganisationForm{};
        form.error_key = "admin.error.form_invalid";
        return render_organisations(deps, request, visitor, form, 400);
    }
    if (!deps.i18n.supports(form.language)) {
        form.error_key = "admin.error.language_invalid";
        return render_organisations(deps, request, visitor, form, 400);
    }
    auto created = service->create_organisation(*visitor.principal, {form.name, form.slug, form.language},
                                                request_meta(deps, request));
    if (!created) {
        const auto& e = created.error();
        if (e.code != ErrorCode::invalid_input && e.code != ErrorCode::conflict) return error_page(deps, e, request);
        form.error_key = e.public_message;
        return render_organisations(deps, request, visitor, form, status_for(e.code));
    }
    return http::Response::redirect("/admin/organisations/" + std::to_string(*created) + "?done=created");
}

}  // namespace comptoir::web
