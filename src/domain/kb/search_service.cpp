#include "domain/kb/search_service.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <utility>

#include "core/utf8.hpp"
#include "domain/kb/article_rows.hpp"
#include "domain/kb/fts.hpp"
#include "domain/kb/visibility.hpp"
#include "text/words.hpp"

namespace comptoir::kb {
namespace {

using storage::Backend;
using storage::Value;

// A longer query (a pasted error message) is cut to its first words: each
// word is one more index lookup, and did-you-mean looks at each.
constexpr std::size_t kMaxWords = 32;
constexpr int kMaxPerPage = 50;
constexpr int kMaxSuggestions = 20;
constexpr int kMaxGaps = 200;
// Did-you-mean proposes only when the query found fewer results than this.
constexpr std::int64_t kFewResults = 3;
// Snippet and headline markers: control characters never stored in article text.
constexpr char kMarkStart = '\x01';
constexpr char kMarkStop = '\x02';

// ---- statements -------------------------------------------------------------
//
// Parameters: $1..$4 the visibility rule, $5 the language, $6 the match
// expression (SQLite: an FTS5 query built by fts5_expression(); PostgreSQL: a
// to_tsquery text built by tsquery_text()), $7 the category or NULL, then
// limit and offset. Ranking: relevance relative to the best hit, rounded to
// three digits so that near-equal scores tie, then helpfulness, freshness, id:
// both backends agree on the order whenever their relevance does.

// Only the newest kMaxRanked translations matching a query that the reader
// may see (in the chosen category) are ranked: a word found in half of a large
// knowledge base would otherwise be scored in every article it appears in
// before the first page could be shown (bm25 and ts_rank cost per hit). The
// filters apply before the limit, so a category or a customer's view is never
// emptied by newer matches elsewhere. Beyond it, the total is a lower bound
// (SearchResults::capped).
#define KB_MAX_RANKED "1000"
static_assert(kMaxRankedHits == 1000 && std::string_view(KB_MAX_RANKED) == "1000", "the same limit");

// SQLite: one FTS5 table per stemming language. Title and labels weigh 10 and
// 5 times the body (bm25 is negative: lower is better). The full-text index
// gives its matches newest first (rowid order); each is joined through the
// narrow index kb_translations_search_idx (the table's rows hold whole bodies)
// to its article, filtered, and the scan stops at the limit; bm25 is computed
// for the rows kept only. The snippet comes from a correlated subquery so that
// it is computed for the page only.
#define KB_SQLITE_MATCHED(fts)                                                                             \
    "WITH hits AS MATERIALIZED (SELECT " fts ".rowid AS translation_id, -bm25(" fts                        \
    ", 10.0, 5.0, 1.0) AS score, "                                                                         \
    "a.id AS article_id, a.helpful_count - a.unhelpful_count AS helpful, a.updated_at FROM " fts           \
    " CROSS JOIN kb_translations t INDEXED BY kb_translations_search_idx ON t.id = " fts                   \
    ".rowid "                                                                                              \
    "CROSS JOIN kb_articles a ON a.id = t.article_id JOIN kb_sections s ON s.id = a.section_id WHERE " fts \
    " MATCH $6 AND t.language = $5 AND (CAST($7 AS INTEGER) IS NULL OR s.category_id = $7) "               \
    "AND " COMPTOIR_KB_VISIBLE_ARTICLE " ORDER BY " fts ".rowid DESC LIMIT " KB_MAX_RANKED                 \
    "), matched AS (SELECT translation_id, score, article_id, helpful, updated_at FROM hits) "

#define KB_SQLITE_SEARCH(fts)                                                                                      \
    KB_SQLITE_MATCHED(fts)                                                                                         \
    ", ranked AS (SELECT translation_id, article_id, helpful, updated_at, score, max(score) OVER () AS best, "     \
    "COUNT(*) OVER () AS total FROM matched), "                                                                    \
    "page AS (SELECT translation_id, article_id, helpful, updated_at, total, "                                     \
    "COALESCE(round(score / best, 3), 0) AS relevance FROM ranked "                                                \
    "ORDER BY relevance DESC, helpful DESC, updated_at DESC, article_id LIMIT $8 OFFSET $9) "                      \
    "SELECT a.id, a.section_id, s.category_id, a.position, t.language, t.title, t.slug, t.summary, a.status, "     \
    "a.visibility, a.publish_at, a.updated_at, a.published_at, a.view_count, a.helpful_count, a.unhelpful_count, " \
    "t.outdated, p.relevance, p.total, "                                                                           \
    "(SELECT snippet(" fts ", 2, char(1), char(2), '…', 24) FROM " fts " WHERE " fts " MATCH $6 AND " fts          \
    ".rowid = p.translation_id), (SELECT COUNT(*) FROM hits) >= " KB_MAX_RANKED                                    \
    " "                                                                                                            \
    "FROM page p CROSS JOIN kb_translations t ON t.id = p.translation_id CROSS JOIN kb_articles a ON "             \
    "a.id = p.article_id JOIN kb_sections s ON s.id = a.section_id "                                               \
    "ORDER BY p.relevance DESC, p.helpful DESC, p.updated_at DESC, p.article_id"

#define KB_SQLITE_COUNT(fts) \
    KB_SQLITE_MATCHED(fts) "SELECT COUNT(*), (SELECT COUNT(*) FROM hits) >= " KB_MAX_RANKED " FROM matched"

// Titles only (the FTS5 expression carries the column filter); $7 is the
// limit. The same bounded hit set as search, ordered through the narrow
// index; the titles are read for the chosen few.
#define KB_SQLITE_SUGGEST(fts)                                                                                       \
    "WITH hits AS MATERIALIZED (SELECT " fts ".rowid AS translation_id, bm25(" fts                                   \
    ") AS score, a.id AS article_id, "                                                                               \
    "a.helpful_count - a.unhelpful_count AS helpful FROM " fts                                                       \
    " CROSS JOIN kb_translations t INDEXED BY "                                                                      \
    "kb_translations_search_idx ON t.id = " fts ".rowid CROSS JOIN kb_articles a ON a.id = t.article_id WHERE " fts  \
    " MATCH $6 AND t.language = $5 AND " COMPTOIR_KB_VISIBLE_ARTICLE " ORDER BY " fts                                \
    ".rowid DESC LIMIT " KB_MAX_RANKED                                                                               \
    "), "                                                                                                            \
    "best AS (SELECT translation_id, score, article_id, helpful FROM hits ORDER BY score, helpful DESC, article_id " \
    "LIMIT $7) "                                                                                                     \
    "SELECT b.article_id, t.language, t.title, t.slug FROM best b CROSS JOIN kb_translations t ON "                  \
    "t.id = b.translation_id ORDER BY b.score, b.helpful DESC, b.article_id"

struct SqliteIndex {
    std::string_view stemmer;  // for comptoir_snowball_indexed(); empty: no stop words
    const char* search;
    const char* count;
    const char* suggest;
};

constexpr std::array<SqliteIndex, 3> kSqliteIndexes = {{
    {"english", KB_SQLITE_SEARCH("kb_fts_en"), KB_SQLITE_COUNT("kb_fts_en"), KB_SQLITE_SUGGEST("kb_fts_en")},
    {"french", KB_SQLITE_SEARCH("kb_fts_fr"), KB_SQLITE_COUNT("kb_fts_fr"), KB_SQLITE_SUGGEST("kb_fts_fr")},
    {"", KB_SQLITE_SEARCH("kb_fts_simple"), KB_SQLITE_COUNT("kb_fts_simple"), KB_SQLITE_SUGGEST("kb_fts_simple")},
}};

/// The FTS5 table of a language, as kb_translations' triggers fill them.
const SqliteIndex& sqlite_index(std::string_view language) {
    if (language == "en") return kSqliteIndexes[0];
    if (language == "fr") return kSqliteIndexes[1];
    return kSqliteIndexes[2];
}

// PostgreSQL: the generated search_vector (title A, labels B, body D) ranked by
// ts_rank with weights {D, C, B, A} = {0.1, 0.2, 0.5, 1.0} (as 1, 0.5, 0.1 on
// SQLite), normalised by document length (1). The headline is computed on the
// page only, outside the ranking subquery.
#define KB_PG_CONFIG                                                                                \
    "CASE $5 WHEN 'en' THEN 'comptoir_en'::regconfig WHEN 'fr' THEN 'comptoir_fr'::regconfig ELSE " \
    "'comptoir_simple'::regconfig END"

#define KB_PG_MATCHED                                                                                              \
    "WITH q AS (SELECT to_tsquery(" KB_PG_CONFIG                                                                   \
    ", $6) AS query), "                                                                                            \
    "hits AS MATERIALIZED (SELECT t.id AS translation_id FROM q CROSS JOIN kb_translations t "                     \
    "JOIN kb_articles a ON a.id = t.article_id JOIN kb_sections s ON s.id = a.section_id "                         \
    "WHERE t.search_vector @@ q.query AND t.language = $5 AND (CAST($7 AS BIGINT) IS NULL OR s.category_id = $7) " \
    "AND " COMPTOIR_KB_VISIBLE_ARTICLE " ORDER BY t.id DESC LIMIT " KB_MAX_RANKED                                  \
    "), "                                                                                                          \
    "matched AS (SELECT h.translation_id, ts_rank('{0.1, 0.2, 0.5, 1.0}', t.search_vector, q.query, 1) AS score "  \
    "FROM hits h CROSS JOIN q JOIN kb_translations t ON t.id = h.translation_id) "

constexpr const char* kPostgresSearch = KB_PG_MATCHED
    ", ranked AS (SELECT translation_id, score, max(score) OVER () AS best, COUNT(*) OVER () AS total FROM matched), "
    "page AS (SELECT a.id, a.section_id, s.category_id, a.position, t.language, t.title, t.slug, t.summary, "
    "a.status, a.visibility, a.publish_at, a.updated_at, a.published_at, a.view_count, a.helpful_count, "
    "a.unhelpful_count, t.outdated, COALESCE(round((r.score / NULLIF(r.best, 0))::numeric, 3), 0) AS relevance, "
    "r.total, t.body_text FROM ranked r JOIN kb_translations t ON t.id = r.translation_id "
    "JOIN kb_articles a ON a.id = t.article_id JOIN kb_sections s ON s.id = a.section_id "
    "ORDER BY relevance DESC, a.helpful_count - a.unhelpful_count DESC, a.updated_at DESC, a.id LIMIT $8 OFFSET $9) "
    "SELECT p.id, p.section_id, p.category_id, p.position, p.language, p.title, p.slug, p.summary, p.status, "
    "p.visibility, p.publish_at, p.updated_at, p.published_at, p.view_count, p.helpful_count, p.unhelpful_count, "
    "p.outdated, p.relevance::float8, p.total, h.headline, (SELECT COUNT(*) FROM hits) >= " KB_MAX_RANKED
    ", "
    "h.at > 0 AND substr(p.body_text, 1, h.at - 1) !~ '[[:alnum:]]', "
    "h.at > 0 AND substr(p.body_text, h.at + length(h.plain)) !~ '[[:alnum:]]' "
    "FROM page p CROSS JOIN q CROSS JOIN LATERAL (SELECT x.headline, x.plain, position(x.plain IN p.body_text) AS at "
    "FROM (SELECT y.headline, replace(replace(y.headline, chr(1), ''), chr(2), '') AS plain FROM (SELECT "
    "ts_headline(" KB_PG_CONFIG
    ", p.body_text, q.query, 'StartSel=' || chr(1) || ', StopSel=' || chr(2) || "
    "', MaxWords=24, MinWords=12, ShortWord=0, MaxFragments=1') AS headline) y) x) h "
    "ORDER BY p.relevance DESC, p.helpful_count - p.unhelpful_count DESC, p.updated_at DESC, p.id";

constexpr const char* kPostgresCount =
    KB_PG_MATCHED "SELECT COUNT(*), (SELECT COUNT(*) FROM hits) >= " KB_MAX_RANKED " FROM matched";

// Titles only. The search_vector index finds the articles with the words
// anywhere (an unweighted query needs no recheck, so the large vector is not
// read); the short title is then tokenized again to keep title matches, with
// the generated column's expression, so that an expression index on it
// (GIN (to_tsvector(CASE language …, title))) would serve this query as is.
#define KB_PG_TITLE_VECTOR                                                                                         \
    "to_tsvector(CASE t.language WHEN 'en' THEN 'comptoir_en'::regconfig WHEN 'fr' THEN 'comptoir_fr'::regconfig " \
    "ELSE 'comptoir_simple'::regconfig END, t.title)"

constexpr const char* kPostgresSuggest =
    "WITH q AS (SELECT to_tsquery(" KB_PG_CONFIG
    ", $6) AS query) "
    "SELECT a.id, t.language, t.title, t.slug FROM q CROSS JOIN kb_translations t "
    "JOIN kb_articles a ON a.id = t.article_id WHERE t.search_vector @@ q.query AND " KB_PG_TITLE_VECTOR
    " @@ q.query AND t.language = $5 AND " COMPTOIR_KB_VISIBLE_ARTICLE " ORDER BY ts_rank(" KB_PG_TITLE_VECTOR
    ", q.query, 1) DESC, a.helpful_count - a.unhelpful_count DESC, a.id LIMIT $7";

// Did-you-mean candidates: same first letter, length within two.
constexpr const char* kKnownWord = "SELECT 1 FROM kb_vocabulary WHERE language = $1 AND word = $2";
constexpr const char* kCandidates =
    "SELECT word, documents FROM kb_vocabulary WHERE language = $1 AND substr(word, 1, 1) = $2 "
    "AND length(word) BETWEEN $3 AND $4";

constexpr const char* kRecordSearch =
    "INSERT INTO kb_searches (query, normalized_query, language, result_count, created_at) "
    "VALUES ($1, $2, $3, $4, $5) RETURNING id";

// ---- query text -------------------------------------------------------------

std::string_view trim(std::string_view text) {
    constexpr std::string_view kSpace = " \t\r\n\f\v";
    const auto first = text.find_first_not_of(kSpace);
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

std::size_t code_point_count(std::string_view word) {
    return static_cast<std::size_t>(std::ranges::count_if(word, [](char c) { return (c & 0xC0) != 0x80; }));
}

bool ascii_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool all_digits(std::string_view word) {
    return !word.empty() && std::ranges::all_of(word, [](char c) { return c >= '0' && c <= '9'; });
}

/// The words a query searches for: folded words as the index folds them
/// (text::words), plus numbers ("error 404"), which text::words leaves to
/// others; in order, without repeats, at most kMaxWords.
std::vector<std::string> query_words(std::string_view text) {
    const std::string folded = text::fold(text);
    std::vector<std::string> out;
    auto add = [&out](std::string word) {
        if (out.size() < kMaxWords && std::ranges::find(out, word) == out.end()) out.push_back(std::move(word));
    };
    // ASCII punctuation and spaces split chunks; each chunk is a number or text for text::words.
    std::size_t start = 0;
    for (std::size_t i = 0; i <= folded.size(); ++i) {
        const bool separator =
            i == folded.size() || (static_cast<unsigned char>(folded[i]) < 0x80 && !ascii_alnum(folded[i]));
        if (!separator) continue;
        std::string_view chunk(folded.data() + start, i - start);
        start = i + 1;
        if (chunk.empty()) continue;
        if (all_digits(chunk)) {
            if (chunk.size() <= text::kMaxWordLength) add(std::string(chunk));
        } else {
            for (auto& word : text::words(chunk)) add(std::move(word));
        }
    }
    return out;
}

std::string join(std::span<const std::string> words, std::string_view separator = " ") {
    std::string out;
    for (const auto& word : words) {
        if (!out.empty()) out += separator;
        out += word;
    }
    return out;
}

/// The length of the quotation mark at `text[i]` (" “ ” „ « »), 0 if none.
std::size_t quote_at(std::string_view text, std::size_t i) {
    if (text[i] == '"') return 1;
    for (std::string_view mark : {"\u201C", "\u201D", "\u201E", "\u00AB", "\u00BB"})
        if (text.substr(i).starts_with(mark)) return mark.size();
    return 0;
}

/// The terms of a query: its words (query_words), except that the words of
/// a quoted part make one phrase term, separated by single spaces (words
/// never hold one); without repeats.
std::vector<std::string> query_terms(std::string_view text) {
    std::vector<std::string> terms;
    auto add = [&terms](std::string term) {
        if (std::ranges::find(terms, term) == terms.end()) terms.push_back(std::move(term));
    };
    bool quoted = false;
    std::size_t start = 0;
    for (std::size_t i = 0;;) {
        const std::size_t mark = i < text.size() ? quote_at(text, i) : 1;
        if (mark == 0) {
            ++i;
            continue;
        }
        auto words = query_words(text.substr(start, i - start));
        if (quoted && words.size() > 1) {
            add(join(words));
        } else {
            for (auto& word : words) add(std::move(word));
        }
        if (i >= text.size()) break;
        quoted = !quoted;
        i += mark;
        start = i;
    }
    // At most kMaxWords words in all, as query_words keeps.
    std::size_t count = 0;
    std::vector<std::string> kept;
    for (auto& term : terms) {
        count += static_cast<std::size_t>(std::ranges::count(term, ' ')) + 1;
        if (count > kMaxWords) break;
        kept.push_back(std::move(term));
    }
    return kept;
}

/// The words of `terms`, phrases split, without repeats.
std::vector<std::string> flatten(std::span<const std::string> terms) {
    std::vector<std::string> out;
    for (const auto& term : terms) {
        std::size_t start = 0;
        while (start <= term.size()) {
            const auto end = std::min(term.find(' ', start), term.size());
            std::string word = term.substr(start, end - start);
            if (!word.empty() && std::ranges::find(out, word) == out.end()) out.push_back(std::move(word));
            start = end + 1;
        }
    }
    return out;
}

enum class Join { all, any };

/// An FTS5 expression matching `words` (terms: a word, or a phrase of words
/// separated by spaces): each one a quoted string (so no user text is ever
/// read as FTS5 syntax; a string of several words is an FTS5 phrase), joined
/// by AND or OR; `prefix` makes the last word a prefix, `titles_only`
/// restricts every term to the title column.
std::string fts5_expression(std::span<const std::string> words, Join join, bool prefix = false,
                            bool titles_only = false) {
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i) out += join == Join::all ? " AND " : " OR ";
        if (titles_only) out += "title : ";
        out += fts::quoted(words[i]);
        if (prefix && i + 1 == words.size()) out += '*';
    }
    return out;
}

/// The same as a to_tsquery() text: each word a quoted operand, the words of
/// a phrase joined by <-> (followed by), `:*` after the last one for a prefix.
std::string tsquery_text(std::span<const std::string> words, Join join, bool prefix = false) {
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i) out += join == Join::all ? " & " : " | ";
        const std::string& term = words[i];
        const bool phrase = term.find(' ') != std::string::npos;
        if (phrase) out += '(';
        out += '\'';
        for (char c : term) {
            if (c == ' ') {
                out += "' <-> '";
                continue;
            }
            if (c == '\'' || c == '\\') out += c;  // doubled: literal (words never hold them)
            out += c;
        }
        out += '\'';
        if (prefix && i + 1 == words.size()) out += ":*";
        if (phrase) out += ')';
    }
    return out;
}

/// Escapes a snippet for HTML and turns its markers into <mark>…</mark>,
/// balanced whatever the text holds; other control characters are dropped.
std::string snippet_html(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 32);
    bool open = false;
    for (char c : text) {
        switch (c) {
            case kMarkStart:
                if (!open) out += "<mark>";
                open = true;
                break;
            case kMarkStop:
                if (open) out += "</mark>";
                open = false;
                break;
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            case '\n':
            case '\r':
            case '\t':
                out += ' ';
                break;
            default:
                if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) out += c;
        }
    }
    if (open) out += "</mark>";
    return out;
}

// ---- running a search ---------------------------------------------------------

/// How many results a query finds (see SearchResults::capped).
struct Count {
    std::int64_t total = 0;
    bool capped = false;
};

/// One search in one read transaction: the backend's statements for the
/// language, and the visibility parameters of the reader.
class Searcher {
  public:
    Searcher(storage::Transaction& tx, Backend backend, const Reader& reader, std::string_view language,
             std::optional<std::int64_t> category_id, std::int64_t now)
        : tx_(tx),
          backend_(backend),
          staff_(reader.staff()),
          language_(language),
          category_id_(category_id),
          visibility_(visibility_params(reader, now)) {}

    /// The terms the index can match: without the stop words, which
    /// PostgreSQL's to_tsquery drops by itself but which would make an FTS5
    /// AND fail. A phrase stays whole when one of its words is indexed (the
    /// tokenizer drops the others from the phrase as from the documents).
    Result<std::vector<std::string>> searchable(std::span<const std::string> terms) {
        const auto& index = sqlite_index(language_);
        if (backend_ == Backend::postgres || index.stemmer.empty() || terms.empty())
            return std::vector<std::string>(terms.begin(), terms.end());
        auto kept = tx_.query_with("SELECT comptoir_snowball_indexed($1, $2)", index.stemmer, join(flatten(terms)));
        if (!kept) return std::unexpected(kept.error());
        // The answer keeps the words that remain, in their order, separated by spaces.
        const auto indexed = flatten(std::array{kept->one().get<std::string>(0)});
        std::vector<std::string> out;
        for (const auto& term : terms) {
            const auto words = flatten(std::span(&term, 1));
            if (std::ranges::any_of(words,
                                    [&](const auto& w) { return std::ranges::find(indexed, w) != indexed.end(); }))
                out.push_back(term);
        }
        return out;
    }

    /// A page of hits for `words` joined by `join`.
    Result<SearchResults> page(std::span<const std::string> words, Join join, int page, int per_page) {
        SearchResults results;
        results.page = page;
        results.per_page = per_page;
        if (words.empty()) return results;
        const std::int64_t offset = static_cast<std::int64_t>(page - 1) * per_page;
        auto rows = query(backend_ == Backend::sqlite ? sqlite_index(language_).search : kPostgresSearch,
                          expression(words, join), {Value(std::int64_t{per_page}), Value(offset)});
        if (!rows) return std::unexpected(rows.error());
        for (const auto& row : rows->rows) {
            SearchHit hit;
            hit.article = rows::read_summary(row, language_, staff_);  // hits are in the query language
            hit.score = row.get<double>(17);
            results.total = row.get<std::int64_t>(18);
            results.capped = row.get<bool>(20);
            std::string snippet = row.is_null(19) ? std::string() : row.get<std::string>(19);
            if (backend_ == Backend::postgres && !snippet.empty()) {
                // ts_headline marks no cut; FTS5's snippet() shows one as "…". The
                // flags say whether only punctuation was left out before or after.
                if (!row.get<bool>(21)) snippet = "…" + snippet;
                if (!row.get<bool>(22)) snippet += "…";
            }
            hit.snippet_html = snippet_html(snippet);
            results.hits.push_back(std::move(hit));
        }
        // A page past the end has no row to carry the total.
        if (results.hits.empty() && page > 1) {
            auto counted = count(words, join);
            if (!counted) return std::unexpected(counted.error());
            results.total = counted->total;
            results.capped = counted->capped;
        }
        return results;
    }

    Result<Count> count(std::span<const std::string> words, Join join) {
        if (words.empty()) return Count{};
        auto rows = query(backend_ == Backend::sqlite ? sqlite_index(language_).count : kPostgresCount,
                          expression(words, join), {});
        if (!rows) return std::unexpected(rows.error());
        return Count{rows->one().get<std::int64_t>(0), rows->one().get<bool>(1)};
    }

    /// How many hits `words` find with the search's semantics: all words, else any.
    Result<Count> count_with_fallback(std::span<const std::string> words) {
        auto all = count(words, Join::all);
        if (!all || all->total > 0 || words.size() < 2) return all;
        return count(words, Join::any);
    }

    Result<std::vector<Suggestion>> titles(std::span<const std::string> words, int limit) {
        std::vector<Suggestion> out;
        if (words.empty()) return out;
        const bool sqlite = backend_ == Backend::sqlite;
        std::string expression =
            sqlite ? fts5_expression(words, Join::all, true, true) : tsquery_text(words, Join::all, true);
        std::vector<Value> params(visibility_.begin(), visibility_.end());
        params.emplace_back(language_);
        params.emplace_back(std::move(expression));
        params.emplace_back(std::int64_t{limit});
        auto rows = tx_.query(sqlite ? sqlite_index(language_).suggest : kPostgresSuggest, params);
        if (!rows) return std::unexpected(rows.error());
        for (const auto& row : rows->rows) {
            out.push_back({.article_id = row.get<std::int64_t>(0),
                           .language = row.get<std::string>(1),
                           .title = row.get<std::string>(2),
                           .slug = row.get<std::string>(3)});
        }
        return out;
    }

  private:
    std::string expression(std::span<const std::string> words, Join join) const {
        return backend_ == Backend::sqlite ? fts5_expression(words, join) : tsquery_text(words, join);
    }

    Result<storage::ResultSet> query(const char* sql, std::string expression, std::initializer_list<Value> tail) {
        std::vector<Value> params(visibility_.begin(), visibility_.end());
        params.emplace_back(language_);
        params.emplace_back(std::move(expression));
        params.emplace_back(category_id_ ? Value(*category_id_) : Value());
        params.insert(params.end(), tail.begin(), tail.end());
        return tx_.query(sql, params);
    }

    storage::Transaction& tx_;
    Backend backend_;
    bool staff_;
    std::string language_;
    std::optional<std::int64_t> category_id_;
    std::array<Value, 4> visibility_;
};

/// The vocabulary word closest to `word` within the allowed edit distance
/// (1 for words under five letters, 2 from five), preferring the more common.
Result<std::optional<std::string>> closest_word(storage::Transaction& tx, std::string_view language,
                                                const std::string& word) {
    const auto length = static_cast<std::int64_t>(code_point_count(word));
    const int limit = length >= 5 ? 2 : 1;
    std::size_t first_length = 1;
    while (first_length < word.size() && (static_cast<unsigned char>(word[first_length]) & 0xC0) == 0x80)
        ++first_length;
    auto rows = tx.query_with(kCandidates, language, word.substr(0, first_length), length - limit, length + limit);
    if (!rows) return std::unexpected(rows.error());
    std::optional<std::string> best;
    int best_distance = limit + 1;
    std::int64_t best_documents = 0;
    for (const auto& row : rows->rows) {
        auto candidate = row.get<std::string>(0);
        const auto documents = row.get<std::int64_t>(1);
        const int distance = text::edit_distance(word, candidate, limit);
        if (distance == 0 || distance > limit) continue;
        if (distance < best_distance || (distance == best_distance && documents > best_documents) ||
            (distance == best_distance && documents == best_documents && best && candidate < *best)) {
            best = std::move(candidate);
            best_distance = distance;
            best_documents = documents;
        }
    }
    return best;
}

}  // namespace

SearchService::SearchService(storage::Database& db, Languages languages, Clock clock)
    : db_(db), languages_(std::move(languages)), clock_(std::move(clock)) {}

Result<SearchResults> SearchService::search(const Reader& reader, const SearchQuery& query) {
    if (query.text.size() > kMaxQueryBytes || !is_valid_utf8(query.text))
        return fail(ErrorCode::invalid_input, "kb.error.query_invalid");
    const std::string_view text = trim(query.text);
    if (text.empty()) return fail(ErrorCode::invalid_input, "kb.error.query_empty");
    if (!languages_.supports(query.language)) return fail(ErrorCode::invalid_input, "kb.error.language_unsupported");
    const int per_page = std::clamp(query.per_page, 1, kMaxPerPage);
    const int page = std::max(query.page, 1);
    const auto terms = query_terms(text);
    const auto words = flatten(terms);

    SearchResults results;
    {
        auto tx = db_.read();
        if (!tx) return std::unexpected(tx.error());
        Searcher searcher(*tx, db_.backend(), reader, query.language, query.category_id, clock_());
        auto searchable = searcher.searchable(terms);
        if (!searchable) return std::unexpected(searchable.error());

        auto found = searcher.page(*searchable, Join::all, page, per_page);
        if (found && found->total == 0 && searchable->size() > 1)
            found = searcher.page(*searchable, Join::any, page, per_page);
        if (!found) return std::unexpected(found.error());
        results = std::move(*found);

        if (results.total < kFewResults) {
            std::vector<std::string> corrected = words;
            bool changed = false;
            for (auto& word : corrected) {
                if (code_point_count(word) < 3 || all_digits(word)) continue;
                auto known = tx->query_with(kKnownWord, query.language, word);
                if (!known) return std::unexpected(known.error());
                if (!known->empty()) continue;
                auto closest = closest_word(*tx, query.language, word);
                if (!closest) return std::unexpected(closest.error());
                if (*closest) {
                    word = std::move(**closest);
                    changed = true;
                }
            }
            if (changed) {
                auto corrected_searchable = searcher.searchable(corrected);
                if (!corrected_searchable) return std::unexpected(corrected_searchable.error());
                auto better = searcher.count_with_fallback(*corrected_searchable);
                if (!better) return std::unexpected(better.error());
                if (better->total > results.total) results.suggestion = join(corrected);
            }
        }
    }

    if (query.record) {
        auto tx = db_.write();
        if (!tx) return std::unexpected(tx.error());
        auto id =
            tx->query_with(kRecordSearch, std::string(text), join(words), query.language, results.total, clock_());
        if (!id) return std::unexpected(id.error());
        if (auto done = tx->commit(); !done) return std::unexpected(done.error());
        results.search_id = id->one().get<std::int64_t>(0);
    }
    return results;
}

Result<std::vector<Suggestion>> SearchService::suggest(const Reader& reader, std::string_view text,
                                                       std::string_view language, int limit) const {
    if (text.size() > kMaxQueryBytes || !is_valid_utf8(text))
        return fail(ErrorCode::invalid_input, "kb.error.query_invalid");
    if (!languages_.supports(language)) return fail(ErrorCode::invalid_input, "kb.error.language_unsupported");
    auto words = query_words(trim(text));
    if (words.empty()) return std::vector<Suggestion>{};
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    Searcher searcher(*tx, db_.backend(), reader, language, std::nullopt, clock_());
    auto searchable = searcher.searchable(words);
    if (!searchable) return std::unexpected(searchable.error());
    return searcher.titles(*searchable, std::clamp(limit, 1, kMaxSuggestions));
}

Result<void> SearchService::record_click(std::int64_t search_id, std::int64_t article_id) {
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    auto found = tx->query_with(
        "SELECT (SELECT COUNT(*) FROM kb_searches WHERE id = $1), (SELECT COUNT(*) FROM kb_articles WHERE id = $2)",
        search_id, article_id);
    if (!found) return std::unexpected(found.error());
    if (found->one().get<std::int64_t>(0) == 0 || found->one().get<std::int64_t>(1) == 0)
        return fail(ErrorCode::not_found, "kb.error.not_found");
    auto updated =
        tx->query_with("UPDATE kb_searches SET clicked_article_id = $1 WHERE id = $2 AND clicked_article_id IS NULL",
                       article_id, search_id);
    if (!updated) return std::unexpected(updated.error());
    return tx->commit();
}

Result<void> SearchService::record_suggestion_click(std::string_view text, std::string_view language, int shown,
                                                    std::int64_t article_id) {
    if (text.size() > kMaxQueryBytes || !is_valid_utf8(text))
        return fail(ErrorCode::invalid_input, "kb.error.query_invalid");
    if (!languages_.supports(language)) return fail(ErrorCode::invalid_input, "kb.error.language_unsupported");
    const auto words = query_words(trim(text));
    if (words.empty()) return fail(ErrorCode::invalid_input, "kb.error.query_empty");
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    auto found = tx->query_with("SELECT COUNT(*) FROM kb_articles WHERE id = $1", article_id);
    if (!found) return std::unexpected(found.error());
    if (found->one().get<std::int64_t>(0) == 0) return fail(ErrorCode::not_found, "kb.error.not_found");
    auto recorded = tx->query_with(
        "INSERT INTO kb_searches (query, normalized_query, language, result_count, clicked_article_id, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        std::string(trim(text)), join(words), std::string(language),
        std::int64_t{std::clamp(shown, 1, kMaxSuggestions)}, article_id, clock_());
    if (!recorded) return std::unexpected(recorded.error());
    return tx->commit();
}

Result<std::vector<ContentGap>> SearchService::content_gaps(const accounts::Principal& actor, std::int64_t since,
                                                            int limit) const {
    if (!actor.staff()) return fail(ErrorCode::not_found, "kb.error.not_found");
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    auto rows = tx->query_with(
        "SELECT normalized_query, language, COUNT(*), MAX(created_at) FROM kb_searches "
        "WHERE result_count = 0 AND created_at >= $1 AND normalized_query <> '' GROUP BY normalized_query, language "
        "ORDER BY COUNT(*) DESC, MAX(created_at) DESC, normalized_query, language LIMIT $2",
        since, std::clamp(limit, 1, kMaxGaps));
    if (!rows) return std::unexpected(rows.error());
    std::vector<ContentGap> gaps;
    for (const auto& row : rows->rows) {
        gaps.push_back({.query = row.get<std::string>(0),
                        .language = row.get<std::string>(1),
                        .searches = row.get<std::int64_t>(2),
                        .last_searched_at = row.get<std::int64_t>(3)});
    }
    return gaps;
}

Result<SearchStats> SearchService::stats(const accounts::Principal& actor, std::int64_t since) const {
    if (!actor.staff()) return fail(ErrorCode::not_found, "kb.error.not_found");
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    auto rows = tx->query_with(
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN result_count = 0 THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN clicked_article_id IS NULL THEN 0 ELSE 1 END), 0) FROM kb_searches "
        "WHERE created_at >= $1",
        since);
    if (!rows) return std::unexpected(rows.error());
    const auto& row = rows->one();
    return SearchStats{.searches = row.get<std::int64_t>(0),
                       .without_results = row.get<std::int64_t>(1),
                       .with_click = row.get<std::int64_t>(2)};
}

}  // namespace comptoir::kb
