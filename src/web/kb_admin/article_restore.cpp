// POST /admin/kb/articles/{id}/restore (revision=N) — saves that revision's
// text again as the newest revision of its language, then opens the editor.
#include "domain/kb/article_service.hpp"
#include "web/errors.hpp"
#include "web/kb_admin/actions.hpp"
#include "web/kb_admin/forms.hpp"
#include "web/kb_admin/views.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response kb_admin_article_restore(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_admin;
    if (!services_ready(deps)) return unavailable(deps, request);
    const auto id = id_param(request, "id");
    if (!id) return error_page(deps, 404, request);
    const auto revision_id = parse_id(request.form_param("revision").value_or(""));
    if (!revision_id) return render_history(deps, request, visitor, *id, "", "kb_admin.error.revision_required", 400);
    auto& articles = *deps.services.kb_articles;
    auto revision = articles.revision(*visitor.principal, *id, *revision_id);
    if (!revision) return error_page(deps, revision.error(), request);
    auto restored = articles.restore(*visitor.principal, *id, *revision_id, request_meta(deps, request));
    if (!restored) {
        if (!is_input_error(restored.error())) return error_page(deps, restored.error(), request);
        return render_history(deps, request, visitor, *id, revision->language, error_key(restored.error()),
                              status_for(restored.error().code));
    }
    content_changed(deps);
    return http::Response::redirect(editor_url(*id, revision->language) + "&done=restored");
}

}  // namespace comptoir::web
