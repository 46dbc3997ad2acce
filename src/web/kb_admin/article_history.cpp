// GET /admin/kb/articles/{id}/history?language=xx — the revisions of one
// translation (every language without ?language=), newest first.
#include "web/errors.hpp"
#include "web/kb_admin/actions.hpp"
#include "web/kb_admin/views.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response kb_admin_article_history(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_admin;
    if (!services_ready(deps)) return unavailable(deps, request);
    const auto id = id_param(request, "id");
    if (!id) return error_page(deps, 404, request);
    return render_history(deps, request, visitor, *id, language_param(deps, request, ""));
}

}  // namespace comptoir::web
