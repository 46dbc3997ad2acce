// POST /admin/kb/articles/{id}/save — saves one translation as a new
// revision (saving the source language flags the others outdated), or with
// action=preview shows the editor again with the rendered Markdown, unsaved.
#include "domain/kb/article_service.hpp"
#include "web/errors.hpp"
#include "web/kb_admin/actions.hpp"
#include "web/kb_admin/views.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response kb_admin_article_save(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_admin;
    if (!services_ready(deps)) return unavailable(deps, request);
    const auto id = id_param(request, "id");
    if (!id) return error_page(deps, 404, request);
    EditorView view;
    view.article_id = *id;
    view.text = text_form_from(request);
    view.language = view.text->language;
    view.error_form = "text";
    if (!text_form_readable(*view.text)) {
        view.text.reset();
        view.error_key = "kb_admin.error.form_invalid";
        view.status = 400;
        return render_editor(deps, request, visitor, view);
    }
    if (request.form_param("action") == "preview") {
        view.preview = true;
        return render_editor(deps, request, visitor, view);
    }
    auto saved = deps.services.kb_articles->save_translation(*visitor.principal, *id, to_translation(*view.text),
                                                             request_meta(deps, request));
    if (!saved) {
        if (!is_input_error(saved.error())) return error_page(deps, saved.error(), request);
        view.error_key = error_key(saved.error());
        view.status = status_for(saved.error().code);
        return render_editor(deps, request, visitor, view);
    }
    content_changed(deps);
    return http::Response::redirect(editor_url(*id, view.language) + "&done=saved");
}

}  // namespace comptoir::web
