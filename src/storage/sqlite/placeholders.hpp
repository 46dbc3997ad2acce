#pragma once
// SQL is written once with PostgreSQL's `$N` placeholders; SQLite reads
// `?N` with the same meaning (numbered, reusable, any order).
#include <string>
#include <string_view>

namespace comptoir::storage::sqlite {

/// Rewrites each `$N` (N digits) to `?N`, leaving string literals ('…'),
/// quoted identifiers ("…", `…`, […]) and comments (-- …, /* … */) untouched.
std::string translate_placeholders(std::string_view sql);

}  // namespace comptoir::storage::sqlite
