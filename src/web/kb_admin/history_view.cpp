// The revision history of an article: who saved what and when, newest first,
// with a form to compare two revisions and a restore button on each.
#include "domain/kb/article_service.hpp"
#include "web/dictionary.hpp"
#include "web/errors.hpp"
#include "web/kb_admin/views.hpp"

namespace comptoir::web::kb_admin {

http::Response render_history(const Deps& deps, const http::Request& request, const Visitor& visitor,
                              std::int64_t article_id, std::string_view language, std::string_view error_key,
                              int status) {
    auto& articles = *deps.services.kb_articles;
    auto article = articles.get(reader_of(visitor), article_id, language);
    if (!article) return error_page(deps, article.error(), request);
    auto revisions = articles.history(*visitor.principal, article_id, language);
    if (!revisions) return error_page(deps, revisions.error(), request);

    Page page(deps, request, visitor, "pages/kb_admin/history", "kb_admin.history.title");
    page.use_form();
    add_nav(page, deps, "articles");
    if (!error_key.empty()) page.set_error(error_key);
    page.set_title(page.format("kb_admin.history.page_title", {{"title", article->summary.title}}));
    auto& d = page.dict();
    d.SetIntValue("ID", article_id);
    d.SetValue("ARTICLE_TITLE", article->summary.title);
    d.SetValue("EDITOR_URL", editor_url(article_id, language.empty() ? article->source_language : language));
    auto* all = d.AddSectionDictionary("LANGUAGE_FILTER");
    all->SetValue("URL", "/admin/kb/articles/" + std::to_string(article_id) + "/history");
    all->SetValue("NAME", std::string(page.t("kb_admin.history.all_languages")));
    if (language.empty()) all->ShowSection("CURRENT");
    for (const auto& code : articles.languages().supported) {
        auto* filter = d.AddSectionDictionary("LANGUAGE_FILTER");
        filter->SetValue("URL", "/admin/kb/articles/" + std::to_string(article_id) + "/history?language=" + code);
        filter->SetValue("NAME", language_name(deps, code));
        if (code == language) filter->ShowSection("CURRENT");
    }
    if (revisions->empty()) d.ShowSection("NO_REVISIONS");
    if (revisions->size() >= 2) d.ShowSection("CAN_COMPARE");
    for (std::size_t i = 0; i < revisions->size(); ++i) {
        const auto& r = (*revisions)[i];
        auto* row = d.AddSectionDictionary("REVISION");
        row->SetIntValue("REVISION_ID", r.id);
        row->SetValue("REVISION_LANGUAGE", r.language);
        row->SetValue("REVISION_LANGUAGE_NAME", language_name(deps, r.language));
        row->SetValue("REVISION_TITLE", r.title);
        row->SetValue("AUTHOR",
                      r.author_name.empty() ? std::string(page.t("kb_admin.history.unknown_author")) : r.author_name);
        row->SetValue("WHEN", date_time(deps, page, visitor, r.created_at));
        row->SetValue("NOTE", r.note);
        // Preselected: the newest revision against the one before it.
        if (i == 0) row->ShowSection("TO_CHECKED");
        if (i == 1) row->ShowSection("FROM_CHECKED");
        if (i != 0 || language.empty()) row->ShowSection("CAN_RESTORE");
    }
    return page.finish(status);
}

}  // namespace comptoir::web::kb_admin
