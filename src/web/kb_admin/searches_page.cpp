// GET /admin/kb/searches — what readers searched for over the last 30 days:
// how many searches, how many found nothing, how many led to a click, and
// the content gaps (queries that found nothing), each with a link to write
// the missing article.
#include <chrono>

#include "domain/kb/search_service.hpp"
#include "web/dictionary.hpp"
#include "web/errors.hpp"
#include "web/kb_admin/actions.hpp"
#include "web/kb_admin/views.hpp"

namespace comptoir::web {
namespace {

constexpr std::int64_t kWindowDays = 30;
constexpr int kMaxGaps = 50;

std::string percent(const Deps& deps, const Page& page, std::int64_t part, std::int64_t whole) {
    if (whole <= 0) return "–";
    const double value = static_cast<double>(part) * 100.0 / static_cast<double>(whole);
    return page.format(
        "kb_admin.searches.percent",
        {{"value", deps.i18n.format_number(page.lang(), static_cast<double>(static_cast<std::int64_t>(value + 0.5)))}});
}

}  // namespace

http::Response kb_admin_searches_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_admin;
    if (!services_ready(deps)) return unavailable(deps, request);
    const auto now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    const std::int64_t since = now - kWindowDays * 24 * 3600;
    auto& search = *deps.services.kb_search;
    auto stats = search.stats(*visitor.principal, since);
    if (!stats) return error_page(deps, stats.error(), request);
    auto gaps = search.content_gaps(*visitor.principal, since, kMaxGaps);
    if (!gaps) return error_page(deps, gaps.error(), request);

    Page page(deps, request, visitor, "pages/kb_admin/searches", "kb_admin.searches.title");
    add_nav(page, deps, "searches");
    auto& d = page.dict();
    d.SetValue("INTRO", page.format("kb_admin.searches.intro", {{"days", kWindowDays}}));
    d.SetValue("SEARCHES", deps.i18n.format_number(page.lang(), static_cast<double>(stats->searches)));
    d.SetValue("WITHOUT_RESULTS", deps.i18n.format_number(page.lang(), static_cast<double>(stats->without_results)));
    d.SetValue("WITHOUT_RESULTS_SHARE", percent(deps, page, stats->without_results, stats->searches));
    d.SetValue("WITH_CLICK", deps.i18n.format_number(page.lang(), static_cast<double>(stats->with_click)));
    d.SetValue("WITH_CLICK_SHARE", percent(deps, page, stats->with_click, stats->searches));
    for (const auto& gap : *gaps) {
        auto* row = d.AddSectionDictionary("GAP");
        row->SetValue("QUERY", gap.query);
        row->SetValue("QUERY_LANGUAGE", gap.language);
        row->SetValue("LANGUAGE_NAME", language_name(deps, gap.language));
        row->SetIntValue("COUNT", gap.searches);
        row->SetValue("LAST", date_time(deps, page, visitor, gap.last_searched_at));
        row->SetValue("WRITE_URL", "/admin/kb/articles/new?title=" + url_encode(gap.query) +
                                       "&language=" + url_encode(gap.language));
    }
    if (gaps->empty()) d.ShowSection("NO_GAPS");
    return page.finish();
}

}  // namespace comptoir::web
