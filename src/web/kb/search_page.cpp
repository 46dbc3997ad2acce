// GET /search?q=&category=&page= — knowledge-base search in the page's
// language: results with highlighted snippets, a category filter, pages of
// ten, "did you mean" when the query found little, and an empty state that
// leads to the FAQ and to support. A query above 500 bytes or not UTF-8 is
// a 400. Result links carry the recorded search (?s=) so that the article
// page attributes the click.
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "domain/kb/catalogue_service.hpp"
#include "domain/kb/search_service.hpp"
#include "web/actions.hpp"
#include "web/dictionary.hpp"
#include "web/errors.hpp"
#include "web/kb/urls.hpp"
#include "web/kb/views.hpp"
#include "web/page.hpp"

namespace comptoir::web {

namespace {

constexpr int kPerPage = 10;
constexpr std::int64_t kMaxPage = 1000;

std::string search_url(std::string_view query, std::optional<std::int64_t> category, std::int64_t page_number) {
    std::string url = "/search?q=" + boost::urls::encode(query, boost::urls::unreserved_chars);
    if (category) url += "&category=" + std::to_string(*category);
    if (page_number > 1) url += "&page=" + std::to_string(page_number);
    return url;
}

}  // namespace

http::Response search_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_public;
    const std::string typed = request.query_param("q").value_or("");
    if (!http::is_valid_utf8(typed) || typed.size() > kb::kMaxQueryBytes) return error_page(deps, 400, request);
    const std::string query(trim_spaces(typed));
    const auto category = positive_param(request, "category");
    const std::int64_t page_number = std::min(positive_param(request, "page").value_or(1), kMaxPage);

    Page page(deps, request, visitor, "pages/search", "search.title");
    page.set_search_query(typed);  // template-global: the header box and the page's form both show it
    // Result pages are for people, not for search engines' indexes.
    page.headers().add("X-Robots-Tag", "noindex, follow");
    add_assets(page, deps);
    const std::string& lang = page.lang();
    auto& dict = page.dict();
    if (!services_ready(deps)) {
        if (!query.empty()) dict.ShowSection("NO_RESULTS");
        return page.finish();
    }
    const auto reader = reader_of(visitor);

    auto categories = deps.services.kb_catalogue->categories(reader, lang);
    if (!categories) return error_page(deps, categories.error(), request);
    for (const auto& item : *categories) {
        if (item.article_count == 0) continue;
        auto* option = dict.AddSectionDictionary("CATEGORY_OPTION");
        option->SetIntValue("ID", item.id);
        option->SetValue("NAME", item.name);
        if (category == item.id) option->ShowSection("SELECTED");
    }
    if (query.empty()) return page.finish();

    kb::SearchQuery search;
    search.text = query;
    search.language = lang;
    search.category_id = category;
    search.page = static_cast<int>(page_number);
    search.per_page = kPerPage;
    search.record = page_number == 1;  // one search, however many pages are read
    auto results = deps.services.kb_search->search(reader, search);
    if (!results) return error_page(deps, results.error(), request);

    // Beyond kMaxRankedHits matches the count is a lower bound: "more than 1,000".
    dict.SetValue("RESULT_SUMMARY", page.format(results->capped ? "search.results_more" : "search.results",
                                                {{"count", results->total}, {"query", query}}));
    for (const auto& hit : results->hits) {
        auto* row = dict.AddSectionDictionary("RESULT");
        std::string url = kb_article_path(lang, hit.article.id, hit.article.slug);
        if (results->search_id) url += "?s=" + std::to_string(*results->search_id);
        row->SetValue("URL", url);
        row->SetValue("TITLE", hit.article.title);
        row->SetValue("TITLE_LANG", hit.article.language);
        row->SetValue("SNIPPET_HTML", hit.snippet_html);
    }
    if (results->suggestion) {
        dict.SetValueAndShowSection("SUGGESTION_URL", search_url(*results->suggestion, category, 1), "DID_YOU_MEAN");
        dict.SetValue("SUGGESTION", *results->suggestion);
    }
    if (results->total == 0) dict.ShowSection("NO_RESULTS");

    const std::int64_t pages = std::max<std::int64_t>(1, (results->total + kPerPage - 1) / kPerPage);
    if (pages > 1) {
        auto* nav = dict.AddSectionDictionary("PAGINATION");
        nav->SetValue("PAGE_OF", page.format("search.page_of", {{"page", page_number}, {"pages", pages}}));
        if (page_number > 1)
            nav->SetValueAndShowSection("PREV_URL", search_url(query, category, std::min(page_number, pages + 1) - 1),
                                        "HAS_PREV");
        if (page_number < pages)
            nav->SetValueAndShowSection("NEXT_URL", search_url(query, category, page_number + 1), "HAS_NEXT");
    }
    return page.finish();
}

}  // namespace comptoir::web
