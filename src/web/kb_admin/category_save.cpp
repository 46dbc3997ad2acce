// POST /admin/kb/categories/{id} — renames a category in every language and
// changes its kind and icon. A language left blank falls back to the default one.
#include "domain/kb/catalogue_service.hpp"
#include "web/errors.hpp"
#include "web/kb_admin/actions.hpp"
#include "web/kb_admin/catalogue_views.hpp"
#include "web/kb_admin/views.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response kb_admin_category_save(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_admin;
    if (!services_ready(deps)) return unavailable(deps, request);
    const auto id = id_param(request, "id");
    if (!id) return error_page(deps, 404, request);
    CategoryPageState state;
    state.error_form = "category";
    state.category = names_form_from(deps, request);
    const auto refuse = [&](std::string key, int status) {
        state.error_key = std::move(key);
        state.status = status;
        return render_category(deps, request, visitor, *id, state);
    };
    if (!names_form_readable(*state.category)) {
        state.category.reset();
        return refuse("kb_admin.error.form_invalid", 400);
    }
    const auto kind = kb::parse_category_kind(state.category->kind);
    if (!kind) return refuse("kb_admin.error.kind_invalid", 400);
    auto saved = deps.services.kb_catalogue->update_category(
        *visitor.principal, *id, {*kind, state.category->icon, state.category->texts}, request_meta(deps, request));
    if (!saved) {
        if (!is_input_error(saved.error())) return error_page(deps, saved.error(), request);
        return refuse(error_key(saved.error()), status_for(saved.error().code));
    }
    content_changed(deps);
    return http::Response::redirect("/admin/kb/categories/" + std::to_string(*id) + "?done=category_saved");
}

}  // namespace comptoir::web
