// GET /search?q=… — knowledge base search. Until the knowledge base exists it
// shows the empty state with ways to get help.
#include "web/dictionary.hpp"

#include "web/actions.hpp"
#include "web/errors.hpp"
#include "web/page.hpp"

namespace comptoir::web {

namespace {
constexpr std::size_t kMaxQueryBytes = 500;
}

http::Response search_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    std::string query = request.query_param("q").value_or("");
    if (!http::is_valid_utf8(query) || query.size() > kMaxQueryBytes) return error_page(deps, 400, request);

    Page page(deps, request, visitor, "pages/search", "search.title");
    page.set_search_query(query);  // template-global: the header box and the page's form both show it
    auto& dict = page.dict();
    if (!query.empty()) {
        dict.SetValue("RESULT_SUMMARY",
                      deps.i18n.format(page.lang(), "search.results", {{"count", std::int64_t{0}}, {"query", query}}));
        dict.ShowSection("NO_RESULTS");
    }
    return page.finish();
}

}  // namespace comptoir::web
