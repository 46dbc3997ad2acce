// GET /admin — the staff's starting point: links to the administration pages.
#include "web/admin/actions.hpp"
#include "web/dictionary.hpp"
#include "web/page.hpp"

namespace comptoir::web {

http::Response admin_home(const Deps& deps, http::Request& request, const Visitor& visitor) {
    Page page(deps, request, visitor, "pages/admin/home", "admin.home.title");
    // The audit trail and API keys are for admins only (their routes say so too).
    if (visitor.principal->admin()) page.dict().ShowSection("ADMIN_ONLY");
    return page.finish();
}

}  // namespace comptoir::web
