// POST /admin/kb/sections/{id} — renames a section in every language, and
// moves it to another category when category_id names one.
#include "domain/kb/catalogue_service.hpp"
#include "web/errors.hpp"
#include "web/kb_admin/actions.hpp"
#include "web/kb_admin/catalogue_views.hpp"
#include "web/kb_admin/forms.hpp"
#include "web/kb_admin/views.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response kb_admin_section_save(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_admin;
    if (!services_ready(deps)) return unavailable(deps, request);
    const auto id = id_param(request, "id");
    if (!id) return error_page(deps, 404, request);
    auto& catalogue = *deps.services.kb_catalogue;
    auto section = catalogue.section(reader_of(visitor), *id, "");
    if (!section) return error_page(deps, section.error(), request);

    CategoryPageState state;
    state.error_form = "section";
    state.error_section = *id;
    state.section = {{*id, names_form_from(deps, request)}};
    auto& form = state.section->second;
    const auto refuse = [&](std::string key, int status) {
        state.error_key = std::move(key);
        state.status = status;
        return render_category(deps, request, visitor, section->category_id, state);
    };
    if (!names_form_readable(form)) {
        state.section.reset();
        return refuse("kb_admin.error.form_invalid", 400);
    }
    const auto category_id =
        form.category_id.empty() ? std::optional(section->category_id) : parse_id(form.category_id);
    if (!category_id) return refuse("kb.error.category_not_found", 400);
    auto saved =
        catalogue.update_section(*visitor.principal, *id, {*category_id, form.texts}, request_meta(deps, request));
    if (!saved) {
        if (!is_input_error(saved.error())) return error_page(deps, saved.error(), request);
        return refuse(error_key(saved.error()), status_for(saved.error().code));
    }
    content_changed(deps);
    return http::Response::redirect("/admin/kb/categories/" + std::to_string(*category_id) +
                                    "?done=section_saved#section-" + std::to_string(*id));
}

}  // namespace comptoir::web
