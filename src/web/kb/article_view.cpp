#include "web/kb/article_view.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "domain/kb/article_service.hpp"
#include "domain/kb/feedback_service.hpp"
#include "web/dictionary.hpp"
#include "web/kb/urls.hpp"
#include "web/kb/views.hpp"
#include "web/page.hpp"

namespace comptoir::web::kb_public {

namespace {

constexpr int kRelatedArticles = 5;

void add_staff_banner(ctemplate::TemplateDictionary& dict, const Deps& deps, const Page& page, const Visitor& visitor,
                      const kb::Article& article, std::string_view lang) {
    const auto& summary = article.summary;
    auto* staff = dict.AddSectionDictionary("STAFF");
    staff->SetValue("STATUS", status_label(page, summary.status));
    staff->SetValue("VISIBILITY", visibility_label(page, summary.visibility));
    if (summary.status != kb::Status::published) staff->ShowSection("NOT_PUBLISHED");
    if (summary.publish_at)
        staff->SetValueAndShowSection("PUBLISH_AT", date_text(deps, page, visitor, *summary.publish_at), "SCHEDULED");
    if (summary.outdated) staff->ShowSection("OUTDATED");
    staff->SetValue("COUNTS", page.format("kb.staff.counts", {{"views", summary.view_count},
                                                              {"helpful", summary.helpful_count},
                                                              {"unhelpful", summary.unhelpful_count}}));
    // The page's language: editing it writes (or starts) that translation.
    staff->SetValue("EDIT_URL", "/admin/kb/articles/" + std::to_string(summary.id) + "?lang=" + std::string(lang));
}

}  // namespace

std::string visitor_kind(const Visitor& visitor, const ArticleState& state) {
    std::string kind;
    if (const auto& who = visitor.principal) {
        kind = "user:" + std::to_string(who->user_id) + ":" + std::to_string(who->session_id) + ":" +
               std::string(accounts::to_string(who->role)) + ":" + who->display_name + ":" + who->time_zone;
    } else {
        kind = visitor.session ? "session" : "anonymous";
    }
    if (state.vote) kind += *state.vote ? ":yes" : ":no";
    if (state.thanks) kind += ":thanks";
    return kind;
}

http::Response render_article(const Deps& deps, const http::Request& request, const Visitor& visitor,
                              std::string_view lang, const kb::Article& article, const ArticleState& state,
                              int status) {
    const auto& summary = article.summary;
    const auto reader = reader_of(visitor);
    auto& articles = *deps.services.kb_articles;

    Page page(deps, request, visitor, "pages/kb/article", "kb.home.title", lang);
    page.set_title(summary.title);
    if (!summary.summary.empty()) page.set_description(summary.summary);
    add_assets(page, deps);

    // Existing translations have their own slug; a missing one's page shows
    // the fallback, found from the bare id.
    std::vector<std::string> existing;
    for (const auto& translation : article.translations) existing.push_back(translation.language);
    const std::string here = kb_article_path(lang, summary.id, summary.slug);
    set_language_urls(
        page, deps,
        [&](std::string_view code) {
            if (code == lang) return here;
            for (const auto& translation : article.translations)
                if (translation.language == code) return kb_article_path(code, summary.id, translation.slug);
            return kb_article_path(code, summary.id, "");
        },
        existing);
    // A fallback shows another language's text: that page is the original.
    if (summary.fallback) page.set_canonical(kb_article_path(summary.language, summary.id, summary.slug));

    const bool faq = article.category_kind == kb::CategoryKind::faq;
    const std::string category_url = kb_category_path(lang, summary.category_id, article.category_name);
    add_breadcrumbs(page, deps,
                    {{std::string(page.t(faq ? "kb.faq.heading" : "kb.breadcrumbs.home")),
                      faq ? kb_faq_path(lang) : kb_home_path(lang)},
                     {article.category_name, category_url},
                     {article.section_name, category_url + "#section-" + std::to_string(summary.section_id)},
                     {summary.title, here}});

    auto& dict = page.dict();
    dict.SetIntValue("ID", summary.id);
    dict.SetValue("TITLE", summary.title);
    dict.SetValue("CONTENT_LANG", summary.language);
    dict.SetValue("UPDATED",
                  page.format("kb.article.updated", {{"date", date_text(deps, page, visitor, summary.updated_at)}}));
    dict.SetValue("UPDATED_ISO", iso_time(summary.updated_at));
    if (summary.fallback) {
        dict.SetValueAndShowSection(
            "FALLBACK_TEXT",
            page.format("kb.article.fallback", {{"requested", language_name(page, deps, lang)},
                                                {"shown", language_name(page, deps, summary.language)}}),
            "FALLBACK");
    }
    if (reader.staff()) add_staff_banner(dict, deps, page, visitor, article, lang);

    if (!article.labels.empty()) {
        dict.ShowSection("HAS_LABELS");
        for (const auto& label : article.labels) dict.AddSectionDictionary("LABEL_ITEM")->SetValue("NAME", label);
    }

    std::vector<kb::Attachment> attachments;
    if (auto found = articles.attachments(reader, summary.id)) {
        attachments = std::move(*found);
    } else {
        spdlog::warn("request {}: attachments of article {}: {}", request.request_id, summary.id,
                     found.error().internal_detail);
    }
    dict.SetValue("BODY", article_html(deps, reader, lang, summary.id, article.body, attachments));
    for (const auto& attachment : attachments) {
        auto* row = dict.AddSectionDictionary("ATTACHMENT");
        row->SetValue("NAME", attachment.file_name);
        row->SetValue("URL", kb_attachment_path(lang, summary.id, attachment.id));
        row->SetValue("SIZE", size_text(page, attachment.byte_size));
    }
    if (!attachments.empty()) dict.ShowSection("HAS_ATTACHMENTS");

    // Feedback: the visitor's vote, the form (kept as typed after a refusal).
    dict.SetValue("VOTE_URL", kb_article_path(lang, summary.id, "") + "/vote");
    if (visitor.session) dict.ShowSection("WITH_TOKEN");
    dict.SetValue("COMMENT", state.form.comment);
    dict.SetIntValue("COMMENT_MAX", static_cast<long>(kb::kMaxCommentBytes));
    if (state.vote) dict.ShowSection(*state.vote ? "VOTED_YES" : "VOTED_NO");
    if (state.thanks) dict.ShowSection("THANKS");
    if (!state.form.error_key.empty())
        dict.SetValueAndShowSection("FEEDBACK_ERROR", std::string(page.t(state.form.error_key)), "HAS_FEEDBACK_ERROR");

    if (auto related = articles.related(reader, summary.id, lang, kRelatedArticles)) {
        for (const auto& other : *related) {
            auto* row = dict.AddSectionDictionary("RELATED");
            row->SetValue("TITLE", other.title);
            row->SetValue("URL", kb_article_path(lang, other.id, other.slug));
        }
        if (!related->empty()) dict.ShowSection("HAS_RELATED");
    } else {
        spdlog::warn("request {}: related articles of {}: {}", request.request_id, summary.id,
                     related.error().internal_detail);
    }

    auto response = page.finish(status);
    response.headers.set("Vary", "Cookie");
    return response;
}

}  // namespace comptoir::web::kb_public
