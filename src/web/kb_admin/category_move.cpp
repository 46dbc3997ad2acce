// POST /admin/kb/categories/{id}/move (direction=up|down) — one place earlier
// or later in the order readers see.
#include "domain/kb/catalogue_service.hpp"
#include "web/errors.hpp"
#include "web/kb_admin/actions.hpp"
#include "web/kb_admin/forms.hpp"
#include "web/kb_admin/views.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response kb_admin_category_move(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_admin;
    if (!services_ready(deps)) return unavailable(deps, request);
    const auto id = id_param(request, "id");
    if (!id) return error_page(deps, 404, request);
    const auto direction = parse_direction(request.form_param("direction").value_or(""));
    if (!direction) return error_page(deps, 400, request);
    auto moved = deps.services.kb_catalogue->move_category(*visitor.principal, *id, *direction);
    if (!moved) return error_page(deps, moved.error(), request);
    content_changed(deps);
    return http::Response::redirect("/admin/kb/categories?done=moved#category-" + std::to_string(*id));
}

}  // namespace comptoir::web
