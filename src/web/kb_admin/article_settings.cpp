// POST /admin/kb/articles/{id}/settings — section, visibility (with its
// organisations) and scheduled publication, typed in the author's time zone.
#include "domain/kb/article_service.hpp"
#include "web/errors.hpp"
#include "web/kb_admin/actions.hpp"
#include "web/kb_admin/views.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response kb_admin_article_settings(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_admin;
    if (!services_ready(deps)) return unavailable(deps, request);
    const auto id = id_param(request, "id");
    if (!id) return error_page(deps, 404, request);
    EditorView view;
    view.article_id = *id;
    view.language = request.form_param("language").value_or("");
    view.settings = settings_form_from(request);
    view.error_form = "settings";
    auto settings = to_settings(*view.settings, time_zone_of(visitor));
    if (!settings) {
        view.error_key = settings.error().public_message;
        view.status = 400;
        return render_editor(deps, request, visitor, view);
    }
    auto saved =
        deps.services.kb_articles->update_settings(*visitor.principal, *id, *settings, request_meta(deps, request));
    if (!saved) {
        if (!is_input_error(saved.error())) return error_page(deps, saved.error(), request);
        view.error_key = error_key(saved.error());
        view.status = status_for(saved.error().code);
        return render_editor(deps, request, visitor, view);
    }
    content_changed(deps);
    return http::Response::redirect(editor_url(*id, view.language) + "&done=settings_saved");
}

}  // namespace comptoir::web
