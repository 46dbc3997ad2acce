#pragma once
// The FTS5 tokenizer `comptoir_snowball <language>` behind the knowledge-base
// index (kb_fts_en, kb_fts_fr): the built-in unicode61 tokenizer with
// `remove_diacritics 2` (lower-cases, folds accents), then the language's
// stop words dropped and each word reduced to its Snowball stem. It mirrors
// the PostgreSQL configurations comptoir_en/comptoir_fr (unaccent, then the
// english/french Snowball dictionary with its stop words), so that a word
// reduces to the same stem on both backends and both find the same articles.
//
// Documents and queries go through it alike. A prefix query ("factu"*) keeps
// the typed prefix as is and adds its stem as an alternative, as PostgreSQL
// stems `factu:*`: the prefix of a word need not be the prefix of its stem.
struct sqlite3;

namespace comptoir::storage::sqlite {

/// Registers the tokenizer on one connection (FTS5 tokenizers are per
/// connection), with the SQL function comptoir_snowball_indexed(language,
/// words): the space-separated `words` that the tokenizer indexes, i.e.
/// without its stop words. A query term made only of stop words would match
/// nothing in FTS5 (and make an AND fail), where PostgreSQL's to_tsquery
/// ignores it; search drops such terms first. Returns an SQLite result code;
/// SQLITE_ERROR when the SQLite library lacks FTS5.
int register_snowball_tokenizer(sqlite3* db);

}  // namespace comptoir::storage::sqlite
