// POST /admin/kb/categories — creates a category (kind, icon, a name and
// description per language; the default language's name is required), last
// in order, then opens it to add sections.
#include "domain/kb/catalogue_service.hpp"
#include "web/errors.hpp"
#include "web/kb_admin/actions.hpp"
#include "web/kb_admin/catalogue_views.hpp"
#include "web/kb_admin/views.hpp"

namespace comptoir::web {

http::Response kb_admin_category_create(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_admin;
    if (!services_ready(deps)) return unavailable(deps, request);
    NamesForm form = names_form_from(deps, request);
    if (!names_form_readable(form)) {
        form = NamesForm{};
        return render_categories(deps, request, visitor, &form, "kb_admin.error.form_invalid", 400);
    }
    const auto kind = kb::parse_category_kind(form.kind);
    if (!kind) return render_categories(deps, request, visitor, &form, "kb_admin.error.kind_invalid", 400);
    auto created = deps.services.kb_catalogue->create_category(*visitor.principal, {*kind, form.icon, form.texts},
                                                               request_meta(deps, request));
    if (!created) {
        if (!is_input_error(created.error())) return error_page(deps, created.error(), request);
        return render_categories(deps, request, visitor, &form, error_key(created.error()),
                                 status_for(created.error().code));
    }
    content_changed(deps);
    return http::Response::redirect("/admin/kb/categories/" + std::to_string(*created) + "?done=category_created");
}

}  // namespace comptoir::web
