// POST /admin/kb/categories/{id}/sections — adds a section (a name and
// description per language) at the end of the category.
#include "domain/kb/catalogue_service.hpp"
#include "web/errors.hpp"
#include "web/kb_admin/actions.hpp"
#include "web/kb_admin/catalogue_views.hpp"
#include "web/kb_admin/views.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response kb_admin_section_create(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_admin;
    if (!services_ready(deps)) return unavailable(deps, request);
    const auto id = id_param(request, "id");
    if (!id) return error_page(deps, 404, request);
    CategoryPageState state;
    state.error_form = "new_section";
    state.new_section = names_form_from(deps, request);
    const auto refuse = [&](std::string key, int status) {
        state.error_key = std::move(key);
        state.status = status;
        return render_category(deps, request, visitor, *id, state);
    };
    if (!names_form_readable(*state.new_section)) {
        state.new_section.reset();
        return refuse("kb_admin.error.form_invalid", 400);
    }
    auto created = deps.services.kb_catalogue->create_section(*visitor.principal, {*id, state.new_section->texts},
                                                              request_meta(deps, request));
    if (!created) {
        if (!is_input_error(created.error())) return error_page(deps, created.error(), request);
        return refuse(error_key(created.error()), status_for(created.error().code));
    }
    content_changed(deps);
    return http::Response::redirect("/admin/kb/categories/" + std::to_string(*id) + "?done=section_created#section-" +
                                    std::to_string(*created));
}

}  // namespace comptoir::web
