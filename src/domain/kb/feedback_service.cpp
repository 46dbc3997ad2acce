#include "domain/kb/feedback_service.hpp"

#include <algorithm>
#include <span>
#include <utility>

#include "core/utf8.hpp"
#include "domain/accounts/notices.hpp"
#include "domain/accounts/throttle.hpp"
#include "domain/kb/visibility.hpp"

namespace comptoir::kb {
namespace {

// Voter keys are built by the web layer ("u:42", "v:<sha-256 hex>"); this bounds junk.
constexpr std::size_t kMaxVoterBytes = 100;
// Anonymous votes per client address and hour, counted in the throttles
// table (as failures are elsewhere, so the count holds across nodes): keeps a
// script from moving the helpfulness counts, which rank search results.
const accounts::ThrottlePolicy kVotePolicy{"kb_vote", kVotesPerAddress, 60 * 60, 60, 60 * 60};
constexpr std::size_t kMaxLanguageBytes = 16;
constexpr int kMaxPerPage = 100;

// Turns Result<T> into an early return of its error.
#define COMPTOIR_TRY(expr)                                                                                            \
    do {                                                                                                              \
        if (auto comptoir_try_r = (expr); !comptoir_try_r) return std::unexpected(std::move(comptoir_try_r.error())); \
    } while (false)

constexpr std::string_view kVisibleArticle =
    "SELECT a.id FROM kb_articles a WHERE a.id = $5 AND " COMPTOIR_KB_VISIBLE_ARTICLE;

// One vote per (article, voter): a second vote replaces the first.
constexpr std::string_view kUpsertVote =
    "INSERT INTO kb_votes (article_id, voter, language, helpful, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $5) "
    "ON CONFLICT (article_id, voter) DO UPDATE SET language = excluded.language, helpful = excluded.helpful, "
    "updated_at = excluded.updated_at";

// Recounted rather than incremented: exact whatever the previous vote was,
// and self-correcting should the counters ever drift.
constexpr std::string_view kRecount =
    "UPDATE kb_articles SET "
    "helpful_count = (SELECT COUNT(*) FROM kb_votes v WHERE v.article_id = $1 AND v.helpful = 1), "
    "unhelpful_count = (SELECT COUNT(*) FROM kb_votes v WHERE v.article_id = $1 AND v.helpful = 0) "
    "WHERE id = $1";

constexpr std::string_view kInsertFeedback =
    "INSERT INTO kb_feedback (article_id, language, helpful, comment, user_id, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6)";

// $1 1 for handled items, 0 for open ones; $2 an article id or -1 for all.
#define KB_INBOX_WHERE                      \
    "WHERE (f.article_id = $2 OR $2 = -1) " \
    "AND (($1 = 1 AND f.handled_at IS NOT NULL) OR ($1 = 0 AND f.handled_at IS NULL)) "

// The title in the comment's language, else the source language's, else any
// (a joined row, not an outer reference in a subquery's ORDER BY, which SQLite refuses).
constexpr std::string_view kInbox =
    "SELECT f.id, f.article_id, COALESCE(t.title, s.title, (SELECT x.title FROM kb_translations x "
    "WHERE x.article_id = f.article_id ORDER BY x.language LIMIT 1), ''), f.language, f.helpful, f.comment, "
    "f.user_id, COALESCE(u.display_name, ''), f.created_at, f.handled_at, COALESCE(h.display_name, '') "
    "FROM kb_feedback f JOIN kb_articles a ON a.id = f.article_id "
    "LEFT JOIN kb_translations t ON t.article_id = f.article_id AND t.language = f.language "
    "LEFT JOIN kb_translations s ON s.article_id = f.article_id AND s.language = a.source_language "
    "LEFT JOIN users u ON u.id = f.user_id LEFT JOIN users h ON h.id = f.handled_by " KB_INBOX_WHERE
    "ORDER BY f.created_at DESC, f.id DESC LIMIT $3 OFFSET $4";
constexpr std::string_view kInboxTotal = "SELECT COUNT(*) FROM kb_feedback f " KB_INBOX_WHERE;

#undef KB_INBOX_WHERE

Result<void> require_staff(const accounts::Principal& actor) {
    if (!actor.staff()) return fail(ErrorCode::not_found, "kb.error.not_found");
    return {};
}

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

// A comment may span lines; other control characters have no business in it.
bool has_control(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return (c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f;
    });
}

// "en", "fr", "pt-br": the language the reader read the article in.
bool valid_language(std::string_view lang) {
    if (lang.empty() || lang.size() > kMaxLanguageBytes) return false;
    return std::all_of(lang.begin(), lang.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

FeedbackItem read_item(const storage::Row& row) {
    FeedbackItem item;
    item.id = row.get<std::int64_t>(0);
    item.article_id = row.get<std::int64_t>(1);
    item.article_title = row.get<std::string>(2);
    item.language = row.get<std::string>(3);
    item.helpful = row.get<bool>(4);
    item.comment = row.get<std::string>(5);
    item.user_id = row.get_opt<std::int64_t>(6);
    item.user_name = row.get<std::string>(7);
    item.created_at = row.get<std::int64_t>(8);
    item.handled_at = row.get_opt<std::int64_t>(9);
    item.handled_by_name = row.get<std::string>(10);
    return item;
}

}  // namespace

FeedbackService::FeedbackService(storage::Database& db, const audit::AuditLog& audit, Clock clock)
    : db_(db), audit_(audit), clock_(std::move(clock)) {}

Result<void> FeedbackService::vote(const Reader& reader, std::string_view voter, const Vote& vote) {
    if (voter.empty() || voter.size() > kMaxVoterBytes) return fail(ErrorCode::invalid_input, "kb.error.voter_invalid");
    if (!valid_language(vote.language)) return fail(ErrorCode::invalid_input, "kb.error.language_unsupported");
    const std::string comment = trimmed(vote.comment);
    if (!is_valid_utf8(comment) || has_control(comment)) return fail(ErrorCode::invalid_input, "kb.error.text_invalid");
    if (comment.size() > kMaxCommentBytes) return fail(ErrorCode::invalid_input, "kb.error.comment_too_long");
    const auto now = clock_();

    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    const auto leading = visibility_params(reader, now);
    const storage::Value params[] = {leading[0], leading[1], leading[2], leading[3], storage::Value(vote.article_id)};
    auto visible = tx->query(kVisibleArticle, std::span<const storage::Value>(params));
    if (!visible) return std::unexpected(visible.error());
    // Hidden and missing look the same: a vote must not reveal that a draft exists.
    if (visible->empty()) return fail(ErrorCode::not_found, "kb.error.not_found");
    if (!vote.client_address.empty()) {
        // One more beyond the limit would lock: refused, and rolled back with
        // the count, which so stays at the limit until the window ends.
        auto delay = accounts::Throttle::record_failure(*tx, kVotePolicy, vote.client_address, now);
        if (!delay) return std::unexpected(delay.error());
        if (*delay > 0) return fail(ErrorCode::rate_limited, "kb.error.too_many_votes");
    }

    // Takes the article's row lock first: on PostgreSQL (READ COMMITTED) a
    // concurrent vote then waits here, and the recount below, a later
    // statement with a fresh snapshot, sees the other vote too.
    COMPTOIR_TRY(tx->query_with("UPDATE kb_articles SET helpful_count = helpful_count WHERE id = $1", vote.article_id));
    COMPTOIR_TRY(tx->query_with(kUpsertVote, vote.article_id, voter, vote.language, vote.helpful, now));
    COMPTOIR_TRY(tx->query_with(kRecount, vote.article_id));
    if (!comment.empty()) {
        std::optional<std::int64_t> user_id;
        if (reader.principal) user_id = reader.principal->user_id;
        COMPTOIR_TRY(
            tx->query_with(kInsertFeedback, vote.article_id, vote.language, vote.helpful, comment, user_id, now));
    }
    return tx->commit();
}

Result<std::optional<bool>> FeedbackService::vote_of(std::string_view voter, std::int64_t article_id) const {
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    auto rows = tx->query_with("SELECT helpful FROM kb_votes WHERE article_id = $1 AND voter = $2", article_id, voter);
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return std::optional<bool>{};
    return std::optional<bool>{rows->one().get<bool>(0)};
}

Result<Paged<FeedbackItem>> FeedbackService::inbox(const accounts::Principal& actor, const InboxQuery& query) const {
    COMPTOIR_TRY(require_staff(actor));
    Paged<FeedbackItem> out;
    out.per_page = std::clamp(query.per_page, 1, kMaxPerPage);
    out.page = std::clamp(query.page, 1, 1000000);
    const std::int64_t handled = query.handled ? 1 : 0;
    const std::int64_t article = query.article_id.value_or(-1);

    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    auto total = tx->query_with(kInboxTotal, handled, article);
    if (!total) return std::unexpected(total.error());
    out.total = total->one().get<std::int64_t>(0);
    auto rows = tx->query_with(kInbox, handled, article, std::int64_t{out.per_page},
                               std::int64_t{out.per_page} * (out.page - 1));
    if (!rows) return std::unexpected(rows.error());
    out.items.reserve(rows->rows.size());
    for (const auto& row : rows->rows) out.items.push_back(read_item(row));
    return out;
}

Result<void> FeedbackService::mark_handled(const accounts::Principal& actor, std::int64_t feedback_id, bool handled,
                                           const accounts::RequestMeta& meta) {
    COMPTOIR_TRY(require_staff(actor));
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    auto found = tx->query_with("SELECT handled_at, article_id FROM kb_feedback WHERE id = $1", feedback_id);
    if (!found) return std::unexpected(found.error());
    if (found->empty()) return fail(ErrorCode::not_found, "kb.error.not_found");
    // Marking twice keeps who handled it first and when.
    if (!found->one().is_null(0) == handled) return {};
    if (handled) {
        COMPTOIR_TRY(tx->query_with("UPDATE kb_feedback SET handled_at = $1, handled_by = $2 WHERE id = $3", now,
                                    actor.user_id, feedback_id));
    } else {
        COMPTOIR_TRY(
            tx->query_with("UPDATE kb_feedback SET handled_at = NULL, handled_by = NULL WHERE id = $1", feedback_id));
    }
    COMPTOIR_TRY(audit_.append(
        *tx,
        accounts::audit_event(
            meta, "kb.feedback_handled", &actor, "kb_feedback:" + std::to_string(feedback_id),
            {{"handled", handled ? "1" : "0"}, {"article", std::to_string(found->one().get<std::int64_t>(1))}}),
        now));
    return tx->commit();
}

#undef COMPTOIR_TRY

}  // namespace comptoir::kb
