#pragma once
// Private helpers of the kb services (not part of the kb interface): checking
// what authors type, the comma-separated label column, and the columns every
// article list reads.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "domain/kb/article_service.hpp"
#include "domain/kb/model.hpp"
#include "storage/database.hpp"

namespace comptoir::kb::rows {

/// `text` without leading and trailing ASCII white space.
std::string trimmed(std::string_view text);

/// A translation as it will be stored: title trimmed, labels trimmed,
/// lower-cased and deduplicated, every field checked against the limits
/// (invalid_input "kb.error.*"). The language is checked by the caller.
Result<TranslationInput> checked_translation(const TranslationInput& input);

/// The label column: "a,b,c" and back.
std::string join_labels(std::span<const std::string> labels);
std::vector<std::string> split_labels(std::string_view column);

/// What the typo vocabulary counts for one translation: title, labels, body text.
std::string vocabulary_text(std::string_view title, std::string_view labels_column, std::string_view body_text);

/// A file name as stored: trimmed, 1..200 bytes of UTF-8 without control
/// characters or path separators (invalid_input "kb.error.file_name_invalid").
Result<std::string> checked_file_name(std::string_view file_name);

/// Columns of one article in a list, in the language chosen by kSummaryFrom:
/// the requested one ($5), else the default one ($6), else the source
/// language. Article alias `a`, translation `t`, section `s`, category `c`.
inline constexpr std::string_view kSummaryColumns =
    "SELECT a.id, a.section_id, s.category_id, a.position, t.language, t.title, t.slug, t.summary, a.status, "
    "a.visibility, a.publish_at, a.updated_at, a.published_at, a.view_count, a.helpful_count, a.unhelpful_count, "
    "t.outdated ";
inline constexpr std::string_view kSummaryFrom =
    "FROM kb_articles a JOIN kb_sections s ON s.id = a.section_id JOIN kb_categories c ON c.id = s.category_id "
    "JOIN kb_translations t ON t.id = COALESCE("
    "(SELECT x.id FROM kb_translations x WHERE x.article_id = a.id AND x.language = $5), "
    "(SELECT x.id FROM kb_translations x WHERE x.article_id = a.id AND x.language = $6), "
    "(SELECT x.id FROM kb_translations x WHERE x.article_id = a.id AND x.language = a.source_language)) ";

/// One row of kSummaryColumns; `outdated` is only kept for staff.
ArticleSummary read_summary(const storage::Row& row, std::string_view requested, bool staff);

}  // namespace comptoir::kb::rows
