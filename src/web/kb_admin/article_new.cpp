// GET /admin/kb/articles/new — the editor for a new article. `?title=` fills
// the title (the "write an article" links of the content gaps), `?language=`
// the source language, `?section=` the section.
#include "domain/kb/article_service.hpp"
#include "web/kb_admin/actions.hpp"
#include "web/kb_admin/views.hpp"

namespace comptoir::web {

http::Response kb_admin_article_new(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_admin;
    if (!services_ready(deps)) return unavailable(deps, request);
    const auto& languages = deps.services.kb_articles->languages();
    const std::string& own = visitor.principal->language;
    EditorView view;
    view.language = language_param(deps, request, languages.supports(own) ? own : languages.default_language);
    TextForm text;
    text.language = view.language;
    // Only a title that could be saved is carried over; anything else is dropped, not refused.
    if (auto title = request.query_param("title");
        title && http::is_valid_utf8(*title) && title->size() <= kb::kMaxTitleBytes)
        text.title = *title;
    view.text = text;
    SettingsForm settings;
    settings.section_id = request.query_param("section").value_or("");
    view.settings = settings;
    return render_editor(deps, request, visitor, view);
}

}  // namespace comptoir::web
