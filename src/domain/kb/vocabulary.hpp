#pragma once
// The typo-suggestion vocabulary (kb_vocabulary): folded, unstemmed words of
// every indexed translation with the number of translations they occur in.
// The article service calls update_vocabulary() in the transaction that
// changes a translation's title, labels or body text, so the vocabulary is
// the index's, on both backends.
#include <string_view>

#include "core/error.hpp"
#include "storage/database.hpp"

namespace comptoir::kb {

/// Moves the document counts from the words of `old_text` (empty for a new
/// translation) to those of `new_text` (empty when one is deleted). Each text
/// is title + labels + body text of one translation; a word counts once per text.
Result<void> update_vocabulary(storage::Transaction& tx, std::string_view language, std::string_view old_text,
                               std::string_view new_text);

}  // namespace comptoir::kb
