// GET /admin/kb/articles/{id}/diff?from=A&to=B — what changed between two
// revisions: title and labels side by side, the body as a line diff with
// long unchanged stretches collapsed. Added and removed lines carry a +/−
// sign and words for screen readers, not only a colour.
#include <algorithm>
#include <utility>

#include "domain/kb/article_service.hpp"
#include "text/line_diff.hpp"
#include "web/dictionary.hpp"
#include "web/errors.hpp"
#include "web/kb_admin/actions.hpp"
#include "web/kb_admin/forms.hpp"
#include "web/kb_admin/views.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {
namespace {

constexpr int kContextLines = 3;

void add_revision(ctemplate::TemplateDictionary& d, std::string_view section, const Deps& deps, const Page& page,
                  const Visitor& visitor, const kb::Revision& r) {
    auto* info = d.AddSectionDictionary(std::string(section));
    info->SetIntValue("REVISION_ID", r.id);
    info->SetValue("WHEN", kb_admin::date_time(deps, page, visitor, r.created_at));
    info->SetValue("AUTHOR", r.author_name);
    info->SetValue("NOTE", r.note);
    info->SetValue("REVISION_LANGUAGE", kb_admin::language_name(deps, r.language));
}

}  // namespace

http::Response kb_admin_article_diff(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_admin;
    if (!services_ready(deps)) return unavailable(deps, request);
    const auto id = id_param(request, "id");
    if (!id) return error_page(deps, 404, request);
    auto from_id = parse_id(request.query_param("from").value_or(""));
    auto to_id = parse_id(request.query_param("to").value_or(""));
    if (!from_id || !to_id) return render_history(deps, request, visitor, *id, "", "kb_admin.error.choose_two", 400);
    // Older on the left, whichever way round they were picked.
    if (*from_id > *to_id) std::swap(from_id, to_id);
    auto& articles = *deps.services.kb_articles;
    auto from = articles.revision(*visitor.principal, *id, *from_id);
    if (!from) return error_page(deps, from.error(), request);
    auto to = articles.revision(*visitor.principal, *id, *to_id);
    if (!to) return error_page(deps, to.error(), request);

    Page page(deps, request, visitor, "pages/kb_admin/diff", "kb_admin.diff.title");
    add_nav(page, deps, "articles");
    auto& d = page.dict();
    d.SetIntValue("ID", *id);
    d.SetValue("HEADING", page.format("kb_admin.diff.heading",
                                      {{"from", std::to_string(*from_id)}, {"to", std::to_string(*to_id)}}));
    d.SetValue("HISTORY_URL", "/admin/kb/articles/" + std::to_string(*id) + "/history?language=" + to->language);
    d.SetValue("EDITOR_URL", editor_url(*id, to->language));
    add_revision(d, "FROM", deps, page, visitor, *from);
    add_revision(d, "TO", deps, page, visitor, *to);
    if (from->title != to->title) {
        auto* title = d.AddSectionDictionary("TITLE_CHANGED");
        title->SetValue("OLD_TITLE", from->title);
        title->SetValue("NEW_TITLE", to->title);
    }
    if (from->labels != to->labels) {
        auto* labels = d.AddSectionDictionary("LABELS_CHANGED");
        labels->SetValue("OLD_LABELS", join_labels(from->labels));
        labels->SetValue("NEW_LABELS", join_labels(to->labels));
    }
    const auto lines = text::collapse_unchanged(text::diff_lines(from->body, to->body), kContextLines);
    bool changed = false;
    for (const auto& line : lines) {
        auto* row = d.AddSectionDictionary("LINE");
        if (line.kind == text::DiffLine::Kind::gap) {
            row->AddSectionDictionary("GAP")->SetValue(
                "SKIPPED", page.format("kb_admin.diff.skipped", {{"count", std::int64_t{line.skipped}}}));
            continue;
        }
        auto* cell = row->AddSectionDictionary("TEXT_LINE");
        if (line.kind == text::DiffLine::Kind::added) {
            cell->SetValue("KIND", "added");
            cell->SetValue("SIGN", "+");
            cell->SetValue("SIGN_LABEL", std::string(page.t("kb_admin.diff.added")));
            changed = true;
        } else if (line.kind == text::DiffLine::Kind::removed) {
            cell->SetValue("KIND", "removed");
            cell->SetValue("SIGN", "\u2212");
            cell->SetValue("SIGN_LABEL", std::string(page.t("kb_admin.diff.removed")));
            changed = true;
        } else {
            cell->SetValue("KIND", "same");
        }
        if (line.old_line > 0) cell->SetIntValue("OLD_LINE", line.old_line);
        if (line.new_line > 0) cell->SetIntValue("NEW_LINE", line.new_line);
        cell->SetValue("TEXT", line.text);
    }
    if (!changed) d.ShowSection("BODY_UNCHANGED");
    return page.finish();
}

}  // namespace comptoir::web
