#include "domain/kb/article_service.hpp"

#include <algorithm>
#include <array>

#include "core/crypto.hpp"
#include "domain/accounts/notices.hpp"
#include "domain/kb/article_rows.hpp"
#include "domain/kb/fts.hpp"
#include "domain/kb/visibility.hpp"
#include "domain/kb/vocabulary.hpp"
#include "text/markdown.hpp"
#include "text/slug.hpp"

namespace comptoir::kb {
namespace {

using storage::Value;

constexpr std::size_t kSummaryBytes = 300;  // a meta description
constexpr int kMaxPerPage = 100;
constexpr int kMaxPage = 100000;
constexpr int kMaxRelated = 20;
// related(): candidates from the same section, and sharing a label.
constexpr std::int64_t kSectionCandidates = 20;
constexpr std::int64_t kLabelCandidates = 50;
constexpr std::size_t kMaxTitleIds = 200;
constexpr std::size_t kMaxOrganisations = 200;
constexpr std::size_t kMaxContentTypeBytes = 100;

// Turns Result<T> into an early return of its error.
#define COMPTOIR_TRY(expr)                                                                                            \
    do {                                                                                                              \
        if (auto comptoir_try_r = (expr); !comptoir_try_r) return std::unexpected(std::move(comptoir_try_r.error())); \
    } while (false)

// Anyone but staff is told the article does not exist.
Result<void> require_staff(const accounts::Principal& actor) {
    if (!actor.staff()) return fail(ErrorCode::not_found, "kb.error.not_found");
    return {};
}

std::unexpected<Error> not_found() { return fail(ErrorCode::not_found, "kb.error.not_found"); }

// related(): the newest translations in language $10 having one of the
// labels given in $9 (labels_match()), at most $11, by an index: FTS5's
// labels column on SQLite (walked newest first, stopping at the limit), the
// labels array on PostgreSQL (GIN index kb_translations_labels_idx).
std::string labelled_articles_sql(storage::Backend backend, std::string_view language) {
    if (backend == storage::Backend::postgres)
        return "SELECT x.article_id FROM kb_translations x WHERE x.language = $10 AND "
               "string_to_array(x.labels, ',') && string_to_array($9, ',') ORDER BY x.id DESC LIMIT $11";
    const std::string fts(fts::table(language));
    return "SELECT x.article_id FROM " + fts + " f CROSS JOIN kb_translations x ON x.id = f.rowid WHERE " + fts +
           " MATCH $9 AND x.language = $10 ORDER BY f.rowid DESC LIMIT $11";
}

// $9 of labelled_articles_sql(): an FTS5 expression (each label a quoted
// phrase in the labels column) or the label column's own form.
std::string labels_match(storage::Backend backend, std::span<const std::string> labels) {
    if (backend == storage::Backend::postgres) return rows::join_labels(labels);
    std::string out = "labels : (";
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (i) out += " OR ";
        out += fts::quoted(labels[i]);
    }
    return out + ")";
}

std::string article_target(std::int64_t id) { return "kb_article:" + std::to_string(id); }

// The visibility rule's four parameters, then the query's own from $5.
template <class... Args>
std::vector<Value> visible_params(const Reader& reader, std::int64_t now, Args&&... args) {
    const auto lead = visibility_params(reader, now);
    std::vector<Value> params(lead.begin(), lead.end());
    (params.push_back(storage::Transaction::to_value(std::forward<Args>(args))), ...);
    return params;
}

Result<TranslationInput> checked_text(const Languages& languages, const TranslationInput& input) {
    if (!languages.supports(input.language)) return fail(ErrorCode::invalid_input, "kb.error.language_unsupported");
    return rows::checked_translation(input);
}

// Settings with the organisation list kept only where it means something.
Result<ArticleSettings> checked_settings(const ArticleSettings& input) {
    ArticleSettings out = input;
    if (out.visibility == Visibility::organisations) {
        std::sort(out.organisation_ids.begin(), out.organisation_ids.end());
        out.organisation_ids.erase(std::unique(out.organisation_ids.begin(), out.organisation_ids.end()),
                                   out.organisation_ids.end());
        if (out.organisation_ids.empty()) return fail(ErrorCode::invalid_input, "kb.error.organisations_required");
        if (out.organisation_ids.size() > kMaxOrganisations)
            return fail(ErrorCode::invalid_input, "kb.error.too_many_organisations");
    } else {
        out.organisation_ids.clear();
    }
    if (out.publish_at && *out.publish_at < 0) return fail(ErrorCode::invalid_input, "kb.error.publish_at_invalid");
    return out;
}

// Checked in the transaction before writing: on PostgreSQL a failed foreign
// key would abort the transaction with an internal error instead.
Result<void> check_references(storage::Transaction& tx, const ArticleSettings& settings) {
    auto section = tx.query_with("SELECT 1 FROM kb_sections WHERE id = $1", settings.section_id);
    if (!section) return std::unexpected(section.error());
    if (section->empty()) return fail(ErrorCode::invalid_input, "kb.error.section_not_found");
    for (const auto organisation : settings.organisation_ids) {
        auto found = tx.query_with("SELECT 1 FROM organisations WHERE id = $1", organisation);
        if (!found) return std::unexpected(found.error());
        if (found->empty()) return fail(ErrorCode::invalid_input, "kb.error.organisation_not_found");
    }
    return {};
}

Result<void> write_organisations(storage::Transaction& tx, std::int64_t article_id, const ArticleSettings& settings) {
    COMPTOIR_TRY(tx.query_with("DELETE FROM kb_article_organisations WHERE article_id = $1", article_id));
    for (const auto organisation : settings.organisation_ids) {
        COMPTOIR_TRY(tx.query_with("INSERT INTO kb_article_organisations (article_id, organisation_id) VALUES ($1, $2)",
                                   article_id, organisation));
    }
    return {};
}

// New articles go last in their section.
Result<std::int64_t> next_position(storage::Transaction& tx, std::int64_t section_id) {
    auto rows =
        tx.query_with("SELECT COALESCE(MAX(position) + 1, 0) FROM kb_articles WHERE section_id = $1", section_id);
    if (!rows) return std::unexpected(rows.error());
    return rows->one().get<std::int64_t>(0);
}

std::string organisations_text(const std::vector<std::int64_t>& ids) {
    std::string out;
    for (const auto id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
    return out;
}

/// Saves checked `text` of article `article_id` as a new revision and as the
/// current translation in that language; returns the revision id. Saving the
/// source language with a changed text flags the other translations outdated.
Result<std::int64_t> write_translation(storage::Transaction& tx, const accounts::Principal& actor,
                                       std::int64_t article_id, std::string_view source_language,
                                       const TranslationInput& text, std::int64_t now) {
    const std::string labels = rows::join_labels(text.labels);
    const std::string body_text = text::markdown_to_text(text.body);
    const std::string summary = text::summarize(body_text, kSummaryBytes);
    const std::string slug = text::slugify(text.title);

    auto existing = tx.query_with(
        "SELECT id, title, body, labels, body_text FROM kb_translations WHERE article_id = $1 AND language = $2",
        article_id, text.language);
    if (!existing) return std::unexpected(existing.error());
    auto revision = tx.query_with(
        "INSERT INTO kb_revisions (article_id, language, title, body, labels, note, author_id, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        article_id, text.language, text.title, text.body, labels, text.note, actor.user_id, now);
    if (!revision) return std::unexpected(revision.error());
    const auto revision_id = revision->one().get<std::int64_t>(0);

    std::string old_words;
    bool changed = true;
    if (existing->empty()) {
        COMPTOIR_TRY(tx.query_with(
            "INSERT INTO kb_translations (article_id, language, title, slug, body, body_text, summary, labels, "
            "outdated, revision_id, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $10, $11)",
            article_id, text.language, text.title, slug, text.body, body_text, summary, labels, revision_id, now,
            actor.user_id));
    } else {
        const auto& row = existing->one();
        old_words = rows::vocabulary_text(row.get<std::string>(1), row.get<std::string>(3), row.get<std::string>(4));
        changed = row.get<std::string>(1) != text.title || row.get<std::string>(2) != text.body ||
                  row.get<std::string>(3) != labels;
        COMPTOIR_TRY(tx.query_with(
            "UPDATE kb_translations SET title = $1, slug = $2, body = $3, body_text = $4, summary = $5, labels = $6, "
            "outdated = 0, revision_id = $7, updated_at = $8, updated_by = $9 WHERE id = $10",
            text.title, slug, text.body, body_text, summary, labels, revision_id, now, actor.user_id,
            row.get<std::int64_t>(0)));
    }
    // A save that changes nothing (a restore of the current text) leaves translators alone.
    if (text.language == source_language && changed) {
        COMPTOIR_TRY(tx.query_with("UPDATE kb_translations SET outdated = 1 WHERE article_id = $1 AND language <> $2",
                                   article_id, text.language));
    }
    COMPTOIR_TRY(tx.query_with("UPDATE kb_articles SET updated_at = $1 WHERE id = $2", now, article_id));
    COMPTOIR_TRY(update_vocabulary(tx, text.language, old_words, rows::vocabulary_text(text.title, labels, body_text)));
    return revision_id;
}

// ------------------------------------------------------------ reading

constexpr std::string_view kArticleColumns =
    "SELECT a.id, a.section_id, s.category_id, a.position, a.source_language, a.status, a.visibility, a.publish_at, "
    "a.author_id, a.created_at, a.updated_at, a.published_at, a.view_count, a.helpful_count, a.unhelpful_count, "
    "c.kind "
    "FROM kb_articles a JOIN kb_sections s ON s.id = a.section_id JOIN kb_categories c ON c.id = s.category_id ";

constexpr std::string_view kRevisionColumns =
    "SELECT r.id, r.article_id, r.language, r.title, r.body, r.labels, r.note, r.author_id, "
    "COALESCE(u.display_name, ''), r.created_at "
    "FROM kb_revisions r LEFT JOIN users u ON u.id = r.author_id ";

constexpr std::string_view kAttachmentColumns =
    "SELECT id, article_id, file_name, content_type, byte_size, sha256, created_at";

Revision read_revision(const storage::Row& row) {
    Revision r;
    r.id = row.get<std::int64_t>(0);
    r.article_id = row.get<std::int64_t>(1);
    r.language = row.get<std::string>(2);
    r.title = row.get<std::string>(3);
    r.body = row.get<std::string>(4);
    r.labels = rows::split_labels(row.get<std::string>(5));
    r.note = row.get<std::string>(6);
    r.author_id = row.get_opt<std::int64_t>(7);
    r.author_name = row.get<std::string>(8);
    r.created_at = row.get<std::int64_t>(9);
    return r;
}

Attachment read_attachment(const storage::Row& row) {
    Attachment a;
    a.id = row.get<std::int64_t>(0);
    a.article_id = row.get<std::int64_t>(1);
    a.file_name = row.get<std::string>(2);
    a.content_type = row.get<std::string>(3);
    a.byte_size = row.get<std::int64_t>(4);
    a.sha256 = row.get<std::string>(5);
    a.created_at = row.get<std::int64_t>(6);
    return a;
}

std::vector<ArticleSummary> read_summaries(const storage::ResultSet& rows, std::string_view language, bool staff) {
    std::vector<ArticleSummary> out;
    out.reserve(rows.rows.size());
    for (const auto& row : rows.rows) out.push_back(rows::read_summary(row, language, staff));
    return out;
}

// Whether `reader` may see article `id` (missing articles are not visible either).
Result<bool> article_visible(storage::Transaction& tx, const Reader& reader, std::int64_t id, std::int64_t now) {
    auto rows = tx.query("SELECT 1 FROM kb_articles a WHERE a.id = $5 AND " COMPTOIR_KB_VISIBLE_ARTICLE,
                         visible_params(reader, now, id));
    if (!rows) return std::unexpected(rows.error());
    return !rows->empty();
}

// The name of a category or section in the first language present among
// `preferred` (requested, default, source), else in any language.
Result<std::string> local_name(storage::Transaction& tx, std::string_view sql, std::int64_t id,
                               const std::array<std::string, 3>& preferred) {
    auto rows = tx.query_with(sql, id, preferred[0], preferred[1], preferred[2]);
    if (!rows) return std::unexpected(rows.error());
    return rows->empty() ? std::string() : rows->one().get<std::string>(0);
}

constexpr std::string_view kCategoryName =
    "SELECT name FROM kb_category_texts WHERE category_id = $1 "
    "ORDER BY CASE language WHEN $2 THEN 0 WHEN $3 THEN 1 WHEN $4 THEN 2 ELSE 3 END, language LIMIT 1";
constexpr std::string_view kSectionName =
    "SELECT name FROM kb_section_texts WHERE section_id = $1 "
    "ORDER BY CASE language WHEN $2 THEN 0 WHEN $3 THEN 1 WHEN $4 THEN 2 ELSE 3 END, language LIMIT 1";

// ORDER BY clauses a list may ask for by name.
std::string_view order_by(std::string_view sort) {
    if (sort == "updated") return "ORDER BY a.updated_at DESC, a.id DESC ";
    if (sort == "views") return "ORDER BY a.view_count DESC, a.id DESC ";
    if (sort == "helpful") return "ORDER BY a.helpful_count DESC, a.unhelpful_count ASC, a.id DESC ";
    return "ORDER BY c.position, c.id, s.position, s.id, a.position, a.id ";
}

bool transition_allowed(Status from, Status to) {
    switch (from) {
        case Status::draft:
            return to == Status::review || to == Status::published;
        case Status::review:
            return to == Status::draft || to == Status::published;
        case Status::published:
            return to == Status::draft || to == Status::archived;
        case Status::archived:
            return to == Status::draft;
    }
    return false;
}

}  // namespace

ArticleService::ArticleService(storage::Database& db, const audit::AuditLog& audit, Languages languages, Clock clock)
    : db_(db), audit_(audit), languages_(std::move(languages)), clock_(std::move(clock)) {}

Result<Article> ArticleService::get(const Reader& reader, std::int64_t id, std::string_view language) const {
    const auto now = clock_();
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    auto found = tx->query(std::string(kArticleColumns) + "WHERE a.id = $5 AND " COMPTOIR_KB_VISIBLE_ARTICLE,
                           visible_params(reader, now, id));
    if (!found) return std::unexpected(found.error());
    if (found->empty()) return not_found();
    const auto& row = found->one();

    Article article;
    ArticleSummary& s = article.summary;
    s.id = row.get<std::int64_t>(0);
    s.section_id = row.get<std::int64_t>(1);
    s.category_id = row.get<std::int64_t>(2);
    s.position = static_cast<int>(row.get<std::int64_t>(3));
    article.source_language = row.get<std::string>(4);
    s.status = parse_status(row.get<std::string>(5)).value_or(Status::draft);
    s.visibility = parse_visibility(row.get<std::string>(6)).value_or(Visibility::internal);
    s.publish_at = row.get_opt<std::int64_t>(7);
    article.author_id = row.get_opt<std::int64_t>(8);
    article.created_at = row.get<std::int64_t>(9);
    s.updated_at = row.get<std::int64_t>(10);
    s.published_at = row.get_opt<std::int64_t>(11);
    s.view_count = row.get<std::int64_t>(12);
    s.helpful_count = row.get<std::int64_t>(13);
    s.unhelpful_count = row.get<std::int64_t>(14);
    article.category_kind = parse_category_kind(row.get<std::string>(15)).value_or(CategoryKind::kb);

    auto translations = tx->query_with(
        "SELECT language, title, slug, outdated, updated_at FROM kb_translations WHERE article_id = $1 "
        "ORDER BY language",
        id);
    if (!translations) return std::unexpected(translations.error());
    for (const auto& t : translations->rows) {
        article.translations.push_back({t.get<std::string>(0), t.get<std::string>(1), t.get<std::string>(2),
                                        reader.staff() && t.get<bool>(3), t.get<std::int64_t>(4)});
    }
    if (article.translations.empty()) return not_found();  // never saved: nothing to show
    const std::array<std::string, 3> preferred{std::string(language), languages_.default_language,
                                               article.source_language};
    std::string chosen = article.translations.front().language;
    for (const auto& wanted : preferred) {
        if (std::any_of(article.translations.begin(), article.translations.end(),
                        [&](const TranslationInfo& t) { return t.language == wanted; })) {
            chosen = wanted;
            break;
        }
    }

    auto text = tx->query_with(
        "SELECT title, slug, body, summary, labels, outdated, revision_id FROM kb_translations "
        "WHERE article_id = $1 AND language = $2",
        id, chosen);
    if (!text) return std::unexpected(text.error());
    const auto& t = text->one();
    s.language = chosen;
    s.fallback = chosen != language;
    s.title = t.get<std::string>(0);
    s.slug = t.get<std::string>(1);
    article.body = t.get<std::string>(2);
    s.summary = t.get<std::string>(3);
    article.labels = rows::split_labels(t.get<std::string>(4));
    s.outdated = reader.staff() && t.get<bool>(5);
    article.revision_id = t.get_opt<std::int64_t>(6).value_or(0);

    if (reader.staff()) {
        auto organisations = tx->query_with(
            "SELECT organisation_id FROM kb_article_organisations WHERE article_id = $1 ORDER BY organisation_id", id);
        if (!organisations) return std::unexpected(organisations.error());
        for (const auto& o : organisations->rows) article.organisation_ids.push_back(o.get<std::int64_t>(0));
    }
    auto category_name = local_name(*tx, kCategoryName, s.category_id, preferred);
    if (!category_name) return std::unexpected(category_name.error());
    article.category_name = std::move(*category_name);
    auto section_name = local_name(*tx, kSectionName, s.section_id, preferred);
    if (!section_name) return std::unexpected(section_name.error());
    article.section_name = std::move(*section_name);
    return article;
}

Result<Paged<ArticleSummary>> ArticleService::list(const Reader& reader, const ArticleQuery& query) const {
    Paged<ArticleSummary> out;
    out.page = std::clamp(query.page, 1, kMaxPage);
    out.per_page = std::clamp(query.per_page, 1, kMaxPerPage);
    // Status and outdated filters are the authors'; for others the visibility rule decides alone.
    const std::string status = reader.staff() && query.status ? std::string(to_string(*query.status)) : std::string();
    const bool outdated_only = reader.staff() && query.outdated_only;
    const auto now = clock_();

    constexpr std::string_view kWhere =
        "WHERE " COMPTOIR_KB_VISIBLE_ARTICLE
        " AND (CAST($7 AS BIGINT) IS NULL OR s.category_id = $7) AND (CAST($8 AS BIGINT) IS NULL OR a.section_id = $8) "
        "AND ($9 = '' OR a.status = $9) AND ($10 = 0 OR (t.outdated = 1 AND t.language = $5)) ";
    auto params = visible_params(reader, now, query.language, languages_.default_language, query.category_id,
                                 query.section_id, status, outdated_only);
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    auto counted = tx->query("SELECT COUNT(*) " + std::string(rows::kSummaryFrom) + std::string(kWhere), params);
    if (!counted) return std::unexpected(counted.error());
    out.total = counted->one().get<std::int64_t>(0);

    params.emplace_back(std::int64_t{out.per_page});
    params.emplace_back(std::int64_t{out.per_page} * (out.page - 1));
    auto found = tx->query(std::string(rows::kSummaryColumns) + std::string(rows::kSummaryFrom) + std::string(kWhere) +
                               std::string(order_by(query.sort)) + "LIMIT $11 OFFSET $12",
                           params);
    if (!found) return std::unexpected(found.error());
    out.items = read_summaries(*found, query.language, reader.staff());
    return out;
}

Result<std::vector<ArticleSummary>> ArticleService::in_section(const Reader& reader, std::int64_t section_id,
                                                               std::string_view language) const {
    const auto now = clock_();
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    auto section = tx->query_with("SELECT 1 FROM kb_sections WHERE id = $1", section_id);
    if (!section) return std::unexpected(section.error());
    if (section->empty()) return not_found();
    auto found = tx->query(std::string(rows::kSummaryColumns) + std::string(rows::kSummaryFrom) +
                               "WHERE " COMPTOIR_KB_VISIBLE_ARTICLE " AND a.section_id = $7 ORDER BY a.position, a.id",
                           visible_params(reader, now, language, languages_.default_language, section_id));
    if (!found) return std::unexpected(found.error());
    return read_summaries(*found, language, reader.staff());
}

Result<std::vector<ArticleSummary>> ArticleService::related(const Reader& reader, std::int64_t id,
                                                            std::string_view language, int limit) const {
    limit = std::clamp(limit, 1, kMaxRelated);
    const auto now = clock_();
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    auto self = tx->query("SELECT a.section_id, t.labels, t.language " + std::string(rows::kSummaryFrom) +
                              "WHERE a.id = $7 AND " COMPTOIR_KB_VISIBLE_ARTICLE,
                          visible_params(reader, now, language, languages_.default_language, id));
    if (!self) return std::unexpected(self.error());
    if (self->empty()) return not_found();
    const auto section_id = self->one().get<std::int64_t>(0);
    const auto labels = rows::split_labels(self->one().get<std::string>(1));
    const auto labels_language = self->one().get<std::string>(2);

    // Candidates, bounded whatever the size of the knowledge base: the most
    // helpful articles of the same section, and the newest ones sharing a
    // label (in the language of this one's labels) found by an index; the
    // shared labels are counted here.
    const std::string columns = std::string(rows::kSummaryColumns) + ", t.labels " + std::string(rows::kSummaryFrom);
    auto candidates = tx->query(
        columns + "WHERE a.id IN (SELECT a.id FROM kb_articles a WHERE a.section_id = $8 AND a.id <> $7 AND " +
            COMPTOIR_KB_VISIBLE_ARTICLE " ORDER BY a.helpful_count DESC, a.view_count DESC, a.id LIMIT $9)",
        visible_params(reader, now, language, languages_.default_language, id, section_id, kSectionCandidates));
    if (!candidates) return std::unexpected(candidates.error());
    if (!labels.empty()) {
        auto labelled =
            tx->query(columns + "WHERE a.id IN (" + labelled_articles_sql(db_.backend(), labels_language) +
                          ") AND a.id <> $7 AND a.section_id <> $8 AND " COMPTOIR_KB_VISIBLE_ARTICLE,
                      visible_params(reader, now, language, languages_.default_language, id, section_id,
                                     labels_match(db_.backend(), labels), labels_language, kLabelCandidates));
        if (!labelled) return std::unexpected(labelled.error());
        for (auto& row : labelled->rows) candidates->rows.push_back(std::move(row));
    }

    struct Scored {
        ArticleSummary summary;
        std::size_t shared = 0;
        bool same_section = false;
    };
    std::vector<Scored> scored;
    for (const auto& row : candidates->rows) {
        Scored c{rows::read_summary(row, language, reader.staff()), 0, false};
        for (const auto& label : rows::split_labels(row.get<std::string>(17)))
            if (std::find(labels.begin(), labels.end(), label) != labels.end()) ++c.shared;
        c.same_section = c.summary.section_id == section_id;
        if (c.shared > 0 || c.same_section) scored.push_back(std::move(c));
    }
    std::stable_sort(scored.begin(), scored.end(), [](const Scored& x, const Scored& y) {
        if (x.shared != y.shared) return x.shared > y.shared;
        return x.same_section && !y.same_section;
    });
    std::vector<ArticleSummary> out;
    for (auto& c : scored) {
        if (out.size() == static_cast<std::size_t>(limit)) break;
        out.push_back(std::move(c.summary));
    }
    return out;
}

Result<std::vector<ArticleSummary>> ArticleService::titles(const Reader& reader, std::span<const std::int64_t> ids,
                                                           std::string_view language) const {
    std::vector<std::int64_t> wanted;
    for (const auto id : ids) {
        if (wanted.size() == kMaxTitleIds) break;
        if (std::find(wanted.begin(), wanted.end(), id) == wanted.end()) wanted.push_back(id);
    }
    std::vector<ArticleSummary> out;
    if (wanted.empty()) return out;
    const auto now = clock_();
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    // One indexed lookup per link keeps the statement constant (an IN list would not be).
    const std::string sql = std::string(rows::kSummaryColumns) + std::string(rows::kSummaryFrom) +
                            "WHERE a.id = $7 AND " COMPTOIR_KB_VISIBLE_ARTICLE;
    for (const auto id : wanted) {
        auto found = tx->query(sql, visible_params(reader, now, language, languages_.default_language, id));
        if (!found) return std::unexpected(found.error());
        if (!found->empty()) out.push_back(rows::read_summary(found->one(), language, reader.staff()));
    }
    return out;
}

Result<std::vector<SitemapEntry>> ArticleService::sitemap() const {
    const auto now = clock_();
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    // The rule as an anonymous visitor sees it: public, published, publication time passed.
    auto found = tx->query(
        "SELECT a.id, t.language, t.slug, CASE WHEN t.updated_at > a.updated_at THEN t.updated_at ELSE a.updated_at "
        "END FROM kb_articles a JOIN kb_translations t ON t.article_id = a.id WHERE " COMPTOIR_KB_VISIBLE_ARTICLE
        " ORDER BY a.id, t.language",
        visible_params(Reader::anonymous(), now));
    if (!found) return std::unexpected(found.error());
    std::vector<SitemapEntry> out;
    out.reserve(found->rows.size());
    for (const auto& row : found->rows) {
        out.push_back(
            {row.get<std::int64_t>(0), row.get<std::string>(1), row.get<std::string>(2), row.get<std::int64_t>(3)});
    }
    return out;
}

// ------------------------------------------------------------ writing

Result<std::int64_t> ArticleService::create(const accounts::Principal& actor, const NewArticle& article,
                                            const accounts::RequestMeta& meta) {
    COMPTOIR_TRY(require_staff(actor));
    auto text = checked_text(languages_, article.text);
    if (!text) return std::unexpected(text.error());
    auto settings = checked_settings(article.settings);
    if (!settings) return std::unexpected(settings.error());
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    COMPTOIR_TRY(check_references(*tx, *settings));
    auto position = next_position(*tx, settings->section_id);
    if (!position) return std::unexpected(position.error());
    auto inserted = tx->query_with(
        "INSERT INTO kb_articles (section_id, position, source_language, status, visibility, publish_at, author_id, "
        "created_at, updated_at) VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7, $7) RETURNING id",
        settings->section_id, *position, text->language, to_string(settings->visibility), settings->publish_at,
        actor.user_id, now);
    if (!inserted) return std::unexpected(inserted.error());
    const auto id = inserted->one().get<std::int64_t>(0);
    COMPTOIR_TRY(write_organisations(*tx, id, *settings));
    auto revision = write_translation(*tx, actor, id, text->language, *text, now);
    if (!revision) return std::unexpected(revision.error());
    COMPTOIR_TRY(audit_.append(*tx,
                               accounts::audit_event(meta, "kb.article_created", &actor, article_target(id),
                                                     {{"language", text->language},
                                                      {"title", text->title},
                                                      {"section_id", std::to_string(settings->section_id)},
                                                      {"visibility", std::string(to_string(settings->visibility))}}),
                               now));
    COMPTOIR_TRY(tx->commit());
    return id;
}

Result<std::int64_t> ArticleService::save_translation(const accounts::Principal& actor, std::int64_t id,
                                                      const TranslationInput& input,
                                                      const accounts::RequestMeta& meta) {
    COMPTOIR_TRY(require_staff(actor));
    auto text = checked_text(languages_, input);
    if (!text) return std::unexpected(text.error());
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    auto found = tx->query_with("SELECT source_language FROM kb_articles WHERE id = $1", id);
    if (!found) return std::unexpected(found.error());
    if (found->empty()) return not_found();
    auto revision = write_translation(*tx, actor, id, found->one().get<std::string>(0), *text, now);
    if (!revision) return std::unexpected(revision.error());
    COMPTOIR_TRY(
        audit_.append(*tx,
                      accounts::audit_event(meta, "kb.article_saved", &actor, article_target(id),
                                            {{"language", text->language}, {"revision_id", std::to_string(*revision)}}),
                      now));
    COMPTOIR_TRY(tx->commit());
    return *revision;
}

Result<void> ArticleService::update_settings(const accounts::Principal& actor, std::int64_t id,
                                             const ArticleSettings& input, const accounts::RequestMeta& meta) {
    COMPTOIR_TRY(require_staff(actor));
    auto settings = checked_settings(input);
    if (!settings) return std::unexpected(settings.error());
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    auto found = tx->query_with("SELECT section_id, position FROM kb_articles WHERE id = $1", id);
    if (!found) return std::unexpected(found.error());
    if (found->empty()) return not_found();
    COMPTOIR_TRY(check_references(*tx, *settings));
    std::int64_t position = found->one().get<std::int64_t>(1);
    if (found->one().get<std::int64_t>(0) != settings->section_id) {
        auto last = next_position(*tx, settings->section_id);
        if (!last) return std::unexpected(last.error());
        position = *last;
    }
    COMPTOIR_TRY(tx->query_with(
        "UPDATE kb_articles SET section_id = $1, position = $2, visibility = $3, publish_at = $4, updated_at = $5 "
        "WHERE id = $6",
        settings->section_id, position, to_string(settings->visibility), settings->publish_at, now, id));
    COMPTOIR_TRY(write_organisations(*tx, id, *settings));
    COMPTOIR_TRY(audit_.append(
        *tx,
        accounts::audit_event(meta, "kb.article_settings", &actor, article_target(id),
                              {{"section_id", std::to_string(settings->section_id)},
                               {"visibility", std::string(to_string(settings->visibility))},
                               {"organisations", organisations_text(settings->organisation_ids)},
                               {"publish_at", settings->publish_at ? std::to_string(*settings->publish_at) : ""}}),
        now));
    return tx->commit();
}

Result<void> ArticleService::transition(const accounts::Principal& actor, std::int64_t id, Status to,
                                        const accounts::RequestMeta& meta) {
    COMPTOIR_TRY(require_staff(actor));
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    auto found = tx->query_with("SELECT status FROM kb_articles WHERE id = $1", id);
    if (!found) return std::unexpected(found.error());
    if (found->empty()) return not_found();
    const auto from = parse_status(found->one().get<std::string>(0)).value_or(Status::draft);
    if (!transition_allowed(from, to)) return fail(ErrorCode::conflict, "kb.error.transition");
    // published_at keeps the first publication; unpublishing and publishing again does not move it.
    const std::optional<std::int64_t> first_published =
        to == Status::published ? std::optional<std::int64_t>(now) : std::nullopt;
    COMPTOIR_TRY(
        tx->query_with("UPDATE kb_articles SET status = $1, updated_at = $2, published_at = COALESCE(published_at, "
                       "CAST($3 AS BIGINT)) "
                       "WHERE id = $4",
                       to_string(to), now, first_published, id));
    COMPTOIR_TRY(audit_.append(
        *tx,
        accounts::audit_event(meta, "kb.article_status", &actor, article_target(id),
                              {{"from", std::string(to_string(from))}, {"to", std::string(to_string(to))}}),
        now));
    return tx->commit();
}

Result<std::vector<Revision>> ArticleService::history(const accounts::Principal& actor, std::int64_t id,
                                                      std::string_view language) const {
    COMPTOIR_TRY(require_staff(actor));
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    auto found = tx->query_with("SELECT 1 FROM kb_articles WHERE id = $1", id);
    if (!found) return std::unexpected(found.error());
    if (found->empty()) return not_found();
    auto rows = tx->query_with(
        std::string(kRevisionColumns) + "WHERE r.article_id = $1 AND ($2 = '' OR r.language = $2) ORDER BY r.id DESC",
        id, language);
    if (!rows) return std::unexpected(rows.error());
    std::vector<Revision> out;
    out.reserve(rows->rows.size());
    for (const auto& row : rows->rows) out.push_back(read_revision(row));
    return out;
}

Result<Revision> ArticleService::revision(const accounts::Principal& actor, std::int64_t id,
                                          std::int64_t revision_id) const {
    COMPTOIR_TRY(require_staff(actor));
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    auto rows =
        tx->query_with(std::string(kRevisionColumns) + "WHERE r.id = $1 AND r.article_id = $2", revision_id, id);
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return not_found();
    return read_revision(rows->one());
}

Result<std::int64_t> ArticleService::restore(const accounts::Principal& actor, std::int64_t id,
                                             std::int64_t revision_id, const accounts::RequestMeta& meta) {
    COMPTOIR_TRY(require_staff(actor));
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    auto rows =
        tx->query_with(std::string(kRevisionColumns) + "WHERE r.id = $1 AND r.article_id = $2", revision_id, id);
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return not_found();
    const auto old = read_revision(rows->one());
    auto source = tx->query_with("SELECT source_language FROM kb_articles WHERE id = $1", id);
    if (!source) return std::unexpected(source.error());
    auto text = checked_text(languages_, TranslationInput{old.language, old.title, old.body, old.labels,
                                                          "restored #" + std::to_string(old.id)});
    if (!text) return std::unexpected(text.error());
    auto revision = write_translation(*tx, actor, id, source->one().get<std::string>(0), *text, now);
    if (!revision) return std::unexpected(revision.error());
    COMPTOIR_TRY(audit_.append(*tx,
                               accounts::audit_event(meta, "kb.article_restored", &actor, article_target(id),
                                                     {{"language", old.language},
                                                      {"restored_revision_id", std::to_string(old.id)},
                                                      {"revision_id", std::to_string(*revision)}}),
                               now));
    COMPTOIR_TRY(tx->commit());
    return *revision;
}

// ------------------------------------------------------------ attachments

Result<std::vector<Attachment>> ArticleService::attachments(const Reader& reader, std::int64_t article_id) const {
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    auto visible = article_visible(*tx, reader, article_id, clock_());
    if (!visible) return std::unexpected(visible.error());
    if (!*visible) return not_found();
    auto rows = tx->query_with(
        std::string(kAttachmentColumns) + " FROM kb_attachments WHERE article_id = $1 ORDER BY id", article_id);
    if (!rows) return std::unexpected(rows.error());
    std::vector<Attachment> out;
    out.reserve(rows->rows.size());
    for (const auto& row : rows->rows) out.push_back(read_attachment(row));
    return out;
}

Result<AttachmentData> ArticleService::attachment(const Reader& reader, std::int64_t article_id,
                                                  std::int64_t attachment_id) const {
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    auto visible = article_visible(*tx, reader, article_id, clock_());
    if (!visible) return std::unexpected(visible.error());
    if (!*visible) return not_found();
    auto rows = tx->query_with(
        std::string(kAttachmentColumns) + ", data_base64 FROM kb_attachments WHERE id = $1 AND article_id = $2",
        attachment_id, article_id);
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return not_found();
    AttachmentData out;
    out.info = read_attachment(rows->one());
    auto bytes = crypto::from_base64(rows->one().get<std::string>(7));
    if (!bytes) return fail(ErrorCode::internal, "database error", "kb_attachments.data_base64 is not base64");
    out.bytes = std::move(*bytes);
    return out;
}

Result<std::int64_t> ArticleService::add_attachment(const accounts::Principal& actor, std::int64_t article_id,
                                                    std::string file_name, std::string content_type,
                                                    std::string_view bytes, const accounts::RequestMeta& meta) {
    COMPTOIR_TRY(require_staff(actor));
    if (bytes.size() > kMaxAttachmentBytes) return fail(ErrorCode::too_large, "kb.error.attachment_too_large");
    if (bytes.empty()) return fail(ErrorCode::invalid_input, "kb.error.attachment_empty");
    auto name = rows::checked_file_name(file_name);
    if (!name) return std::unexpected(name.error());
    // The sniffed type is served as Content-Type: anything odd is served as opaque bytes.
    content_type = rows::trimmed(content_type);
    const bool type_ok = !content_type.empty() && content_type.size() <= kMaxContentTypeBytes &&
                         std::all_of(content_type.begin(), content_type.end(), [](char c) {
                             const auto u = static_cast<unsigned char>(c);
                             return u >= 0x20 && u < 0x7f;
                         });
    if (!type_ok) content_type = "application/octet-stream";
    const auto sha256 = crypto::sha256_hex(bytes);
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    auto found = tx->query_with("SELECT 1 FROM kb_articles WHERE id = $1", article_id);
    if (!found) return std::unexpected(found.error());
    if (found->empty()) return not_found();
    auto inserted = tx->query_with(
        "INSERT INTO kb_attachments (article_id, file_name, content_type, byte_size, sha256, data_base64, created_by, "
        "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        article_id, *name, content_type, static_cast<std::int64_t>(bytes.size()), sha256, crypto::to_base64(bytes),
        actor.user_id, now);
    if (!inserted) return std::unexpected(inserted.error());
    const auto id = inserted->one().get<std::int64_t>(0);
    COMPTOIR_TRY(audit_.append(*tx,
                               accounts::audit_event(meta, "kb.attachment_added", &actor, article_target(article_id),
                                                     {{"attachment_id", std::to_string(id)},
                                                      {"file_name", *name},
                                                      {"byte_size", std::to_string(bytes.size())},
                                                      {"sha256", sha256}}),
                               now));
    COMPTOIR_TRY(tx->commit());
    return id;
}

Result<void> ArticleService::remove_attachment(const accounts::Principal& actor, std::int64_t article_id,
                                               std::int64_t attachment_id, const accounts::RequestMeta& meta) {
    COMPTOIR_TRY(require_staff(actor));
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    auto removed = tx->query_with("DELETE FROM kb_attachments WHERE id = $1 AND article_id = $2 RETURNING file_name",
                                  attachment_id, article_id);
    if (!removed) return std::unexpected(removed.error());
    if (removed->empty()) return not_found();
    COMPTOIR_TRY(audit_.append(*tx,
                               accounts::audit_event(meta, "kb.attachment_removed", &actor, article_target(article_id),
                                                     {{"attachment_id", std::to_string(attachment_id)},
                                                      {"file_name", removed->one().get<std::string>(0)}}),
                               now));
    return tx->commit();
}

Result<void> ArticleService::add_views(std::span<const std::pair<std::int64_t, std::int64_t>> article_views) {
    if (std::none_of(article_views.begin(), article_views.end(), [](const auto& v) { return v.second > 0; })) return {};
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    for (const auto& [article_id, views] : article_views) {
        if (views <= 0) continue;
        COMPTOIR_TRY(
            tx->query_with("UPDATE kb_articles SET view_count = view_count + $2 WHERE id = $1", article_id, views));
    }
    return tx->commit();
}

#undef COMPTOIR_TRY

}  // namespace comptoir::kb
