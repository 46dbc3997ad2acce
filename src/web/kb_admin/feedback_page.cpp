// GET /admin/kb/feedback?handled=0|1 — the feedback inbox: comments readers
// left with their vote, open ones first tab, handled ones in the other,
// each with a button to move it between the two.
#include "domain/kb/feedback_service.hpp"
#include "web/admin/views.hpp"
#include "web/dictionary.hpp"
#include "web/errors.hpp"
#include "web/kb_admin/actions.hpp"
#include "web/kb_admin/views.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response kb_admin_feedback_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_admin;
    if (!services_ready(deps)) return unavailable(deps, request);
    kb::InboxQuery query;
    query.handled = request.query_param("handled") == "1";
    query.page = page_number(request);
    auto inbox = deps.services.kb_feedback->inbox(*visitor.principal, query);
    if (!inbox) return error_page(deps, inbox.error(), request);

    Page page(deps, request, visitor, "pages/kb_admin/feedback", "kb_admin.feedback.title");
    page.use_form();
    add_nav(page, deps, "feedback");
    show_done(page, request, "kb_admin.done.", {"feedback_handled", "feedback_reopened"});
    auto& d = page.dict();
    d.ShowSection(query.handled ? "HANDLED_TAB" : "OPEN_TAB");
    d.SetValue("HANDLED_VALUE", query.handled ? "1" : "0");
    for (const auto& item : inbox->items) {
        auto* row = d.AddSectionDictionary("ITEM");
        row->SetIntValue("FEEDBACK_ID", item.id);
        row->SetValue("ARTICLE_TITLE", item.article_title);
        row->SetValue("ARTICLE_URL", editor_url(item.article_id, item.language));
        row->SetValue("VOTE",
                      std::string(page.t(item.helpful ? "kb_admin.feedback.helpful" : "kb_admin.feedback.unhelpful")));
        row->SetValue("VOTE_CODE", item.helpful ? "yes" : "no");
        row->SetValue("LANGUAGE", item.language);
        row->SetValue("LANGUAGE_NAME", language_name(deps, item.language));
        row->SetValue("COMMENT", item.comment);
        row->SetValue("WHEN", date_time(deps, page, visitor, item.created_at));
        row->SetValue("WHO",
                      item.user_name.empty() ? std::string(page.t("kb_admin.feedback.anonymous")) : item.user_name);
        if (item.handled_at) {
            auto* handled = row->AddSectionDictionary("HANDLED");
            handled->SetValue("HANDLED_WHEN", date_time(deps, page, visitor, *item.handled_at));
            handled->SetValue("HANDLED_BY", item.handled_by_name);
        } else {
            row->ShowSection("OPEN");
        }
    }
    if (inbox->items.empty()) d.ShowSection("NO_ITEMS");
    const std::string base = std::string("/admin/kb/feedback?handled=") + (query.handled ? "1" : "0");
    if (inbox->page > 1)
        d.AddSectionDictionary("PREVIOUS")->SetValue("URL", base + "&page=" + std::to_string(inbox->page - 1));
    if (inbox->page < inbox->pages())
        d.AddSectionDictionary("NEXT")->SetValue("URL", base + "&page=" + std::to_string(inbox->page + 1));
    return page.finish();
}

}  // namespace comptoir::web
