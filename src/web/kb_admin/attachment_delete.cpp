// POST /admin/kb/articles/{id}/attachments/{att}/delete — removes a file
// from the article (Markdown still pointing at it then shows its text).
#include "domain/kb/article_service.hpp"
#include "web/errors.hpp"
#include "web/kb_admin/actions.hpp"
#include "web/kb_admin/views.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response kb_admin_attachment_delete(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_admin;
    if (!services_ready(deps)) return unavailable(deps, request);
    const auto id = id_param(request, "id");
    const auto attachment = id_param(request, "att");
    if (!id || !attachment) return error_page(deps, 404, request);
    auto removed =
        deps.services.kb_articles->remove_attachment(*visitor.principal, *id, *attachment, request_meta(deps, request));
    if (!removed) return error_page(deps, removed.error(), request);
    content_changed(deps);
    const std::string language = request.form_param("language").value_or("");
    return http::Response::redirect(editor_url(*id, language) + "&done=attachment_removed");
}

}  // namespace comptoir::web
