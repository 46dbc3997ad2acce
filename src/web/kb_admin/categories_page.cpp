// GET /admin/kb/categories — the categories of the knowledge base and the
// FAQ with their sections, move buttons and the create form.
#include "web/kb_admin/actions.hpp"
#include "web/kb_admin/catalogue_views.hpp"
#include "web/kb_admin/views.hpp"

namespace comptoir::web {

http::Response kb_admin_categories_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_admin;
    if (!services_ready(deps)) return unavailable(deps, request);
    return render_categories(deps, request, visitor);
}

}  // namespace comptoir::web
