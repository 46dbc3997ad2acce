// GET /admin/kb/categories/{id} — one category: rename, delete, its sections
// and their articles in order.
#include "web/errors.hpp"
#include "web/kb_admin/actions.hpp"
#include "web/kb_admin/catalogue_views.hpp"
#include "web/kb_admin/views.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response kb_admin_category_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_admin;
    if (!services_ready(deps)) return unavailable(deps, request);
    const auto id = id_param(request, "id");
    if (!id) return error_page(deps, 404, request);
    return render_category(deps, request, visitor, *id);
}

}  // namespace comptoir::web
