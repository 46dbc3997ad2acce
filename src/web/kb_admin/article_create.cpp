// POST /admin/kb/articles/new — saves a new article (its first translation,
// in the source language, and its settings) as a draft, or with
// action=preview shows the editor again with the rendered Markdown.
#include "domain/kb/article_service.hpp"
#include "web/errors.hpp"
#include "web/kb_admin/actions.hpp"
#include "web/kb_admin/views.hpp"

namespace comptoir::web {

http::Response kb_admin_article_create(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_admin;
    if (!services_ready(deps)) return unavailable(deps, request);
    EditorView view;
    view.text = text_form_from(request);
    view.settings = settings_form_from(request);
    view.language = view.text->language;
    view.error_form = "text";
    if (!text_form_readable(*view.text)) {
        view.text = TextForm{view.language, "", "", "", ""};
        view.error_key = "kb_admin.error.form_invalid";
        view.status = 400;
        return render_editor(deps, request, visitor, view);
    }
    if (request.form_param("action") == "preview") {
        view.preview = true;
        return render_editor(deps, request, visitor, view);
    }
    auto settings = to_settings(*view.settings, time_zone_of(visitor));
    if (!settings) {
        view.error_key = settings.error().public_message;
        view.status = 400;
        return render_editor(deps, request, visitor, view);
    }
    auto created = deps.services.kb_articles->create(*visitor.principal, {*settings, to_translation(*view.text)},
                                                     request_meta(deps, request));
    if (!created) {
        if (!is_input_error(created.error())) return error_page(deps, created.error(), request);
        view.error_key = error_key(created.error());
        view.status = status_for(created.error().code);
        return render_editor(deps, request, visitor, view);
    }
    content_changed(deps);
    return http::Response::redirect(editor_url(*created, view.language) + "&done=created");
}

}  // namespace comptoir::web
