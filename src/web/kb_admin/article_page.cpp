// GET /admin/kb/articles/{id}?language=xx — the editor of one translation of
// an article (the source language when none is named), with its settings,
// publishing buttons and attachments.
#include "web/errors.hpp"
#include "web/kb_admin/actions.hpp"
#include "web/kb_admin/views.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response kb_admin_article_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_admin;
    if (!services_ready(deps)) return unavailable(deps, request);
    const auto id = id_param(request, "id");
    if (!id) return error_page(deps, 404, request);
    EditorView view;
    view.article_id = *id;
    view.language = language_param(deps, request, "");
    return render_editor(deps, request, visitor, view);
}

}  // namespace comptoir::web
