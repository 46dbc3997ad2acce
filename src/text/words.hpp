#pragma once
// Words as the typo-suggestion vocabulary sees them: folded (lower case,
// accents removed) so that "Facturation", "facturation" and "factûration" are
// one word, split into runs of letters and digits, and compared by edit
// distance so "facturaton" can suggest "facturation".
//
// Folding is ICU "NFKD; [[:Nonspacing Mark:] & [:Script=Inherited:]] Remove;
// Lower; NFC": é→e, ç→c, Ё→е, ﬁ→fi, but letters that are not a base letter
// plus an accent stay as they are (œ, æ, ø, ß), like SQLite FTS5's
// `unicode61 remove_diacritics 2`, so folded words match what the
// accent-folding search index holds. Only the generic combining accents
// (Script=Inherited) are removed: the vowel signs and viramas of Indic
// scripts are script-specific marks and are kept, or Hindi words would break.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::text {

/// Shortest and longest words (in code points) that words() keeps.
inline constexpr std::size_t kMinWordLength = 2;
inline constexpr std::size_t kMaxWordLength = 40;

/// Lower case without accents (see above). Invalid UTF-8 becomes U+FFFD.
std::string fold(std::string_view text);

/// Lower case, accents kept (Unicode, root locale): what SQL LOWER() gives on
/// both backends (SQLite's is replaced by the storage layer). Invalid UTF-8
/// becomes U+FFFD.
std::string lower(std::string_view text);

/// A LIKE pattern (with ESCAPE '\\') matching `query` anywhere in a
/// LOWER(column): `query` lower-cased, its % _ and \\ taken literally.
std::string like_contains(std::string_view query);

/// The folded words of a text, in order and with repeats: maximal runs of
/// letters (Unicode Alphabetic) and digits, with the marks and zero-width
/// joiners written inside them, kept when 2 to 40 code points long and not made of
/// digits only (a different number is never a spelling correction).
/// Apostrophes and hyphens split words: "l'état" gives "etat".
/// Scripts written without spaces (Chinese, Japanese, Thai) are not
/// segmented: a run of such characters is one word (or dropped when too long).
std::vector<std::string> words(std::string_view text);

/// Damerau-Levenshtein distance in its optimal-string-alignment form (an
/// adjacent transposition costs 1) between a and b, counted in code points.
/// Computes only what is needed to know whether the distance is within
/// `limit`: returns limit + 1 for any distance above it. A negative limit
/// counts as 0. Invalid UTF-8 bytes each count as one U+FFFD.
int edit_distance(std::string_view a, std::string_view b, int limit);

}  // namespace comptoir::text
