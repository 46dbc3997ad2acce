#pragma once
// Small parsers the authoring pages share, kept free of pages and services so
// that they are tested on their own: labels typed as "a, b", the scheduled
// publication typed in the author's time zone, repeated form fields,
// positive ids and move directions.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::web::kb_admin {

/// "Invoice, PDF ,, receipt" → {"Invoice", "PDF", "receipt"}: split at commas,
/// trimmed, empty pieces dropped (the service lower-cases and deduplicates).
std::vector<std::string> split_labels(std::string_view text);
/// The reverse, for the form: "invoice, pdf".
std::string join_labels(const std::vector<std::string>& labels);

/// A datetime-local value ("2026-05-01T09:30", seconds optional) read as a
/// wall-clock time in the IANA `time_zone` (an unknown or empty zone counts as
/// UTC), as unix seconds. A wall time skipped by a daylight-saving change moves
/// to the next valid one. nullopt when the text is not such a date.
std::optional<std::int64_t> parse_local_date_time(std::string_view text, std::string_view time_zone);
/// unix seconds → "2026-05-01T09:30" in `time_zone`, the datetime-local format.
std::string format_local_date_time(std::int64_t unix_seconds, std::string_view time_zone);

/// Every value of a repeated field of a urlencoded body (`+` is a space), in order.
std::vector<std::string> form_values(std::string_view body, std::string_view name);

/// A positive decimal id ("42"); nullopt for anything else.
std::optional<std::int64_t> parse_id(std::string_view text);

/// "up" → -1, "down" → +1 (what the move buttons send); nullopt otherwise.
std::optional<int> parse_direction(std::string_view text);

}  // namespace comptoir::web::kb_admin
