// POST /admin/kb/categories/{id}/delete — deletes an empty category; one
// that still has sections is refused and its page says why.
#include "domain/kb/catalogue_service.hpp"
#include "web/errors.hpp"
#include "web/kb_admin/actions.hpp"
#include "web/kb_admin/catalogue_views.hpp"
#include "web/kb_admin/views.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response kb_admin_category_delete(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_admin;
    if (!services_ready(deps)) return unavailable(deps, request);
    const auto id = id_param(request, "id");
    if (!id) return error_page(deps, 404, request);
    auto deleted = deps.services.kb_catalogue->delete_category(*visitor.principal, *id, request_meta(deps, request));
    if (!deleted) {
        if (!is_input_error(deleted.error())) return error_page(deps, deleted.error(), request);
        CategoryPageState state;
        state.error_form = "delete";
        state.error_key = error_key(deleted.error());
        state.status = status_for(deleted.error().code);
        return render_category(deps, request, visitor, *id, state);
    }
    content_changed(deps);
    return http::Response::redirect("/admin/kb/categories?done=category_deleted");
}

}  // namespace comptoir::web
