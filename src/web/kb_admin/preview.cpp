// POST /admin/kb/preview (csrf_token, body, language, article_id) — the
// rendered Markdown as an HTML fragment, for the editor's live preview
// (js/kb-editor.js). The fragment is the same safe HTML the "Preview" button
// shows: raw HTML in the Markdown is escaped, never interpreted.
#include "domain/kb/article_service.hpp"
#include "web/kb_admin/actions.hpp"
#include "web/kb_admin/forms.hpp"
#include "web/kb_admin/views.hpp"

namespace comptoir::web {

http::Response kb_admin_preview(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_admin;
    if (!services_ready(deps)) return unavailable(deps, request);
    const std::string body = request.form_param("body").value_or("");
    if (body.size() > kb::kMaxBodyBytes) return http::Response::text(413, "");
    if (!http::is_valid_utf8(body)) return http::Response::text(400, "");
    const auto& languages = deps.services.kb_articles->languages();
    std::string language = request.form_param("language").value_or("");
    if (!languages.supports(language)) language = languages.default_language;
    const auto article_id = parse_id(request.form_param("article_id").value_or(""));
    auto response = http::Response::html(200, preview_html(deps, visitor, article_id, language, body));
    response.headers.set("Cache-Control", "no-store");
    return response;
}

}  // namespace comptoir::web
