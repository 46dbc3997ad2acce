// POST /admin/kb/articles/{id}/status (to=review|published|draft|archived) —
// one step of the publishing workflow; a move the workflow does not allow
// is refused with the editor shown again.
#include "domain/kb/article_service.hpp"
#include "web/errors.hpp"
#include "web/kb_admin/actions.hpp"
#include "web/kb_admin/views.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response kb_admin_article_status(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_admin;
    if (!services_ready(deps)) return unavailable(deps, request);
    const auto id = id_param(request, "id");
    if (!id) return error_page(deps, 404, request);
    EditorView view;
    view.article_id = *id;
    view.language = request.form_param("language").value_or("");
    view.error_form = "status";
    const auto to = kb::parse_status(request.form_param("to").value_or(""));
    if (!to) {
        view.error_key = "kb.error.transition";
        view.status = 400;
        return render_editor(deps, request, visitor, view);
    }
    auto moved = deps.services.kb_articles->transition(*visitor.principal, *id, *to, request_meta(deps, request));
    if (!moved) {
        if (!is_input_error(moved.error())) return error_page(deps, moved.error(), request);
        view.error_key = error_key(moved.error());
        view.status = status_for(moved.error().code);
        return render_editor(deps, request, visitor, view);
    }
    content_changed(deps);
    return http::Response::redirect(editor_url(*id, view.language) + "&done=status_changed");
}

}  // namespace comptoir::web
