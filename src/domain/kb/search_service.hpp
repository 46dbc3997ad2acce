#pragma once
// Knowledge-base search, shared by the search page, search-as-you-type and
// the API.
//
// SQLite: FTS5 tables kb_fts_<en|fr|simple> (Snowball stemming, accents
// folded) ranked by bm25 with title and label weights; PostgreSQL: the
// kb_translations.search_vector column (per-language configurations with
// unaccent) ranked by ts_rank with the same weights. Ties go to the more
// helpful, then the more recent article. Results pass the visibility rule.
// When a query finds little, a corrected query is proposed from the index
// vocabulary (kb_vocabulary). Every search is recorded (kb_searches) for
// analytics and content gaps.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/kb/catalogue_service.hpp"
#include "domain/kb/model.hpp"
#include "storage/database.hpp"

namespace comptoir::kb {

inline constexpr std::size_t kMaxQueryBytes = 500;
/// Search ranks at most this many matches of the index, the newest ones.
inline constexpr std::int64_t kMaxRankedHits = 1000;

struct SearchQuery {
    std::string text;
    std::string language;
    std::optional<std::int64_t> category_id;
    int page = 1;
    int per_page = 10;   // 1..50
    bool record = true;  // false for the API's repeat pages and for benchmarks
};

struct SearchHit {
    ArticleSummary article;
    /// An excerpt with the matched terms wrapped in <mark>…</mark>; every
    /// other character is HTML-escaped already, so pages print it raw.
    std::string snippet_html;
    double score = 0;
};

struct SearchResults {
    std::vector<SearchHit> hits;
    /// How many results there are; only the newest kMaxRankedHits matches of
    /// the index are ranked, so when `capped` there are more than this.
    std::int64_t total = 0;
    bool capped = false;
    int page = 1;
    int per_page = 10;
    std::optional<std::string> suggestion;  // "did you mean", when the query found little
    std::optional<std::int64_t> search_id;  // the recorded search, to attribute a click
};

/// A title proposed while typing.
struct Suggestion {
    std::int64_t article_id = 0;
    std::string language;
    std::string title;
    std::string slug;
};

/// A query that found nothing, with how often it was asked.
struct ContentGap {
    std::string query;
    std::string language;
    std::int64_t searches = 0;
    std::int64_t last_searched_at = 0;
};

/// Search analytics for authors.
struct SearchStats {
    std::int64_t searches = 0;
    std::int64_t without_results = 0;
    std::int64_t with_click = 0;
};

class SearchService {
  public:
    SearchService(storage::Database& db, Languages languages, Clock clock = system_clock());

    /// Empty text: invalid_input "kb.error.query_empty"; above kMaxQueryBytes or
    /// invalid UTF-8: invalid_input "kb.error.query_invalid".
    Result<SearchResults> search(const Reader& reader, const SearchQuery& query);
    /// Search-as-you-type: up to `limit` titles, the last word taken as a prefix. Not recorded.
    Result<std::vector<Suggestion>> suggest(const Reader& reader, std::string_view text, std::string_view language,
                                            int limit = 8) const;
    /// Attributes a click on a result to the recorded search (first click only).
    Result<void> record_click(std::int64_t search_id, std::int64_t article_id);
    /// Records a search-as-you-type query when one of its `shown` suggestions
    /// (clamped to 1..20) is opened: a search with its click.
    /// Typing alone records nothing. Errors as search() for the text and
    /// language; an unknown article is not_found.
    Result<void> record_suggestion_click(std::string_view text, std::string_view language, int shown,
                                         std::int64_t article_id);

    // Staff only.
    Result<std::vector<ContentGap>> content_gaps(const accounts::Principal& actor, std::int64_t since,
                                                 int limit = 50) const;
    Result<SearchStats> stats(const accounts::Principal& actor, std::int64_t since) const;

  private:
    storage::Database& db_;
    Languages languages_;
    Clock clock_;
};

}  // namespace comptoir::kb
