#pragma once
// Articles: reading them in a language (with fallback), and staff writing
// them under governed publishing.
//
// - Reading goes through the visibility rule (kb/visibility.hpp): a reader
//   who may not see an article gets not_found, never its text.
// - Every save of a translation is a revision (author, time); restoring one
//   is a new save. Saving the source-language version flags every other
//   translation "outdated" until it is saved again.
// - Workflow: draft → review → published → archived, with publish_at for
//   scheduled publication; allowed moves are listed in transition().
// - The search index follows kb_translations (SQLite triggers, PostgreSQL
//   generated column); the typo vocabulary is updated in the same
//   transaction (kb/vocabulary.hpp).
// Staff only for every change (agents and admins); others get not_found.
// Error public messages are catalogue keys ("kb.error.*").
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/audit/audit_log.hpp"
#include "domain/kb/catalogue_service.hpp"
#include "domain/kb/model.hpp"
#include "storage/database.hpp"

namespace comptoir::kb {

/// Limits that inputs are checked against (invalid_input with a kb.error.* key beyond).
inline constexpr std::size_t kMaxTitleBytes = 200;
inline constexpr std::size_t kMaxBodyBytes = 200 * 1024;
inline constexpr std::size_t kMaxLabels = 10;
inline constexpr std::size_t kMaxLabelBytes = 40;
inline constexpr std::size_t kMaxAttachmentBytes = 5 * 1024 * 1024;

/// The text of one translation as an author saves it.
struct TranslationInput {
    std::string language;
    std::string title;
    std::string body;                 // Markdown
    std::vector<std::string> labels;  // trimmed, deduplicated, lower-cased by the service
    std::string note;                 // optional revision note
};

/// What is common to every language.
struct ArticleSettings {
    std::int64_t section_id = 0;
    Visibility visibility = Visibility::public_;
    std::vector<std::int64_t> organisation_ids;  // when visibility is organisations (at least one)
    std::optional<std::int64_t> publish_at;      // scheduled publication (unix seconds, UTC)
};

struct NewArticle {
    ArticleSettings settings;
    TranslationInput text;  // its language becomes the source language
};

/// Which articles a list shows; staff may filter by status and see every one.
struct ArticleQuery {
    std::string language;
    std::optional<std::int64_t> category_id;
    std::optional<std::int64_t> section_id;
    std::optional<Status> status;   // staff only; ignored for others
    bool outdated_only = false;     // staff: translations flagged outdated
    std::string sort = "position";  // position | updated | views | helpful (allow-listed)
    int page = 1;
    int per_page = 20;  // 1..100
};

class ArticleService {
  public:
    ArticleService(storage::Database& db, const audit::AuditLog& audit, Languages languages,
                   Clock clock = system_clock());

    /// The article in `language`; when that translation is missing, the
    /// default language's (else the source language's) with summary.fallback set.
    Result<Article> get(const Reader& reader, std::int64_t id, std::string_view language) const;
    Result<Paged<ArticleSummary>> list(const Reader& reader, const ArticleQuery& query) const;
    /// Articles of a section in position order (FAQ topics and section pages).
    Result<std::vector<ArticleSummary>> in_section(const Reader& reader, std::int64_t section_id,
                                                   std::string_view language) const;
    /// Up to `limit` visible articles close to this one: shared labels first, then same section.
    Result<std::vector<ArticleSummary>> related(const Reader& reader, std::int64_t id, std::string_view language,
                                                int limit = 5) const;
    /// Titles and slugs of visible articles by id, in `language` (with fallback): internal links.
    Result<std::vector<ArticleSummary>> titles(const Reader& reader, std::span<const std::int64_t> ids,
                                               std::string_view language) const;
    /// Every public, published article in every language it exists in.
    Result<std::vector<SitemapEntry>> sitemap() const;

    // Staff only.
    Result<std::int64_t> create(const accounts::Principal& actor, const NewArticle& article,
                                const accounts::RequestMeta& meta);
    /// Saves one translation (creating it if new) as a new revision.
    Result<std::int64_t> save_translation(const accounts::Principal& actor, std::int64_t id,
                                          const TranslationInput& text, const accounts::RequestMeta& meta);
    Result<void> update_settings(const accounts::Principal& actor, std::int64_t id, const ArticleSettings& settings,
                                 const accounts::RequestMeta& meta);
    /// Allowed: draft→review, review→draft, draft|review→published,
    /// published→draft (unpublish), published→archived, archived→draft.
    /// Anything else is conflict "kb.error.transition".
    Result<void> transition(const accounts::Principal& actor, std::int64_t id, Status to,
                            const accounts::RequestMeta& meta);
    /// Newest first.
    Result<std::vector<Revision>> history(const accounts::Principal& actor, std::int64_t id,
                                          std::string_view language) const;
    Result<Revision> revision(const accounts::Principal& actor, std::int64_t id, std::int64_t revision_id) const;
    /// Saves the revision's text again as the newest revision (note "restored #N").
    Result<std::int64_t> restore(const accounts::Principal& actor, std::int64_t id, std::int64_t revision_id,
                                 const accounts::RequestMeta& meta);

    Result<std::vector<Attachment>> attachments(const Reader& reader, std::int64_t article_id) const;
    /// The bytes of an attachment of an article the reader may see.
    Result<AttachmentData> attachment(const Reader& reader, std::int64_t article_id, std::int64_t attachment_id) const;
    /// content_type is the sniffed type (the caller uses libmagic), not the declared one.
    Result<std::int64_t> add_attachment(const accounts::Principal& actor, std::int64_t article_id,
                                        std::string file_name, std::string content_type, std::string_view bytes,
                                        const accounts::RequestMeta& meta);
    Result<void> remove_attachment(const accounts::Principal& actor, std::int64_t article_id,
                                   std::int64_t attachment_id, const accounts::RequestMeta& meta);

    /// Adds counted views (buffered by the caller, flushed every few seconds).
    Result<void> add_views(std::span<const std::pair<std::int64_t, std::int64_t>> article_views);

    const Languages& languages() const { return languages_; }

  private:
    storage::Database& db_;
    const audit::AuditLog& audit_;
    Languages languages_;
    Clock clock_;
};

}  // namespace comptoir::kb
