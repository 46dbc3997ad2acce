// GET /admin/kb — every article for authors, whatever its status: filters
// (status, category, language, outdated translations only), sort, pages.
// Each row shows the article's languages (missing or outdated ones marked),
// status, visibility, views and helpful votes.
#include <algorithm>

#include "domain/kb/article_service.hpp"
#include "domain/kb/catalogue_service.hpp"
#include "web/admin/views.hpp"
#include "web/dictionary.hpp"
#include "web/errors.hpp"
#include "web/kb_admin/actions.hpp"
#include "web/kb_admin/forms.hpp"
#include "web/kb_admin/views.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {
namespace {

constexpr int kPerPage = 25;
constexpr std::string_view kSorts[] = {"position", "updated", "views", "helpful"};

void fill_languages(ctemplate::TemplateDictionary& row, const Deps& deps, const kb::Article& article) {
    for (const auto& code : deps.services.kb_articles->languages().supported) {
        auto* cell = row.AddSectionDictionary("ARTICLE_LANGUAGE");
        cell->SetValue("CODE", code);
        cell->SetValue("URL", kb_admin::editor_url(article.summary.id, code));
        cell->SetValue("NAME", kb_admin::language_name(deps, code));
        const auto t = std::find_if(article.translations.begin(), article.translations.end(),
                                    [&](const kb::TranslationInfo& info) { return info.language == code; });
        if (t == article.translations.end()) {
            cell->ShowSection("MISSING");
        } else if (t->outdated) {
            cell->ShowSection("OUTDATED");
        } else {
            cell->ShowSection("PRESENT");
        }
        if (code == article.source_language) cell->ShowSection("SOURCE");
    }
}

}  // namespace

http::Response kb_admin_articles_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_admin;
    if (!services_ready(deps)) return unavailable(deps, request);
    auto& articles = *deps.services.kb_articles;
    const auto reader = reader_of(visitor);
    const auto& languages = articles.languages();

    kb::ArticleQuery query;
    const std::string& own = visitor.principal->language;
    query.language = language_param(deps, request, languages.supports(own) ? own : languages.default_language);
    const std::string status_text = request.query_param("status").value_or("");
    query.status = kb::parse_status(status_text);
    const std::string category_text = request.query_param("category").value_or("");
    query.category_id = parse_id(category_text);
    query.outdated_only = request.query_param("outdated") == "1";
    const std::string sort = request.query_param("sort").value_or("position");
    query.sort = std::find(std::begin(kSorts), std::end(kSorts), sort) != std::end(kSorts) ? sort : "position";
    query.page = page_number(request);
    query.per_page = kPerPage;
    auto found = articles.list(reader, query);
    if (!found) return error_page(deps, found.error(), request);

    Page page(deps, request, visitor, "pages/kb_admin/articles", "kb_admin.articles.title");
    add_nav(page, deps, "articles");
    auto& d = page.dict();
    for (auto s : {kb::Status::draft, kb::Status::review, kb::Status::published, kb::Status::archived}) {
        auto* option = d.AddSectionDictionary("STATUS_FILTER");
        option->SetValue("CODE", std::string(kb::to_string(s)));
        option->SetValue("LABEL", status_label(page, s));
        if (query.status == s) option->ShowSection("SELECTED");
    }
    if (auto categories = deps.services.kb_catalogue->categories(reader, page.lang())) {
        for (const auto& c : *categories) {
            auto* option = d.AddSectionDictionary("CATEGORY_FILTER");
            option->SetIntValue("CATEGORY_ID", c.id);
            option->SetValue("NAME", c.name);
            if (query.category_id == c.id) option->ShowSection("SELECTED");
        }
    }
    for (const auto& code : languages.supported) {
        auto* option = d.AddSectionDictionary("LANGUAGE_FILTER");
        option->SetValue("CODE", code);
        option->SetValue("NAME", language_name(deps, code));
        if (code == query.language) option->ShowSection("SELECTED");
    }
    if (query.outdated_only) d.ShowSection("OUTDATED_CHECKED");
    for (auto s : kSorts) {
        auto* option = d.AddSectionDictionary("SORT_OPTION");
        option->SetValue("CODE", std::string(s));
        option->SetValue("LABEL", std::string(page.t("kb_admin.articles.sort_" + std::string(s))));
        if (s == query.sort) option->ShowSection("SELECTED");
    }

    for (const auto& summary : found->items) {
        auto* row = d.AddSectionDictionary("ARTICLE");
        row->SetIntValue("ARTICLE_ID", summary.id);
        row->SetValue("TITLE", summary.title);
        row->SetValue("TITLE_LANGUAGE", summary.language);
        row->SetValue("URL", editor_url(summary.id, summary.fallback ? summary.language : query.language));
        if (summary.fallback) row->ShowSection("FALLBACK");
        row->SetValue("STATUS", status_label(page, summary.status));
        row->SetValue("STATUS_CODE", std::string(kb::to_string(summary.status)));
        row->SetValue("VISIBILITY", visibility_label(page, summary.visibility));
        row->SetValue("VISIBILITY_CODE", std::string(kb::to_string(summary.visibility)));
        if (summary.publish_at)
            row->AddSectionDictionary("SCHEDULED")
                ->SetValue("WHEN", date_time(deps, page, visitor, *summary.publish_at));
        row->SetIntValue("VIEWS", summary.view_count);
        row->SetIntValue("HELPFUL", summary.helpful_count);
        row->SetIntValue("UNHELPFUL", summary.unhelpful_count);
        row->SetValue("UPDATED", date_time(deps, page, visitor, summary.updated_at));
        // The list row does not carry every translation: the article does.
        if (auto article = articles.get(reader, summary.id, query.language)) fill_languages(*row, deps, *article);
    }
    if (found->items.empty()) d.ShowSection("NO_RESULTS");
    d.SetValue("TOTAL", page.format("kb_admin.articles.total", {{"count", found->total}}));

    std::string base = "/admin/kb?language=" + url_encode(query.language) + "&status=" + url_encode(status_text) +
                       "&category=" + (query.category_id ? std::to_string(*query.category_id) : "") +
                       "&sort=" + url_encode(query.sort) + (query.outdated_only ? "&outdated=1" : "");
    if (found->page > 1)
        d.AddSectionDictionary("PREVIOUS")->SetValue("URL", base + "&page=" + std::to_string(found->page - 1));
    if (found->page < found->pages())
        d.AddSectionDictionary("NEXT")->SetValue("URL", base + "&page=" + std::to_string(found->page + 1));
    d.SetValue("PAGE_OF", page.format("kb_admin.articles.page_of",
                                      {{"page", std::int64_t{found->page}}, {"pages", std::int64_t{found->pages()}}}));
    return page.finish();
}

}  // namespace comptoir::web
