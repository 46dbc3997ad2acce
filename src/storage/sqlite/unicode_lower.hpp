#pragma once
// SQLite's built-in lower() changes ASCII letters only ("ÉLODIE" stays
// "Élodie"); PostgreSQL's lowers every letter. This replaces lower() on each
// connection with ICU's full lower-casing (root locale), so that
// `LOWER(name) LIKE $1` finds "Élodie" for "ÉLODIE" on both backends.
struct sqlite3;

namespace comptoir::storage::sqlite {

/// Registers lower(text) on one connection; returns an SQLite result code.
/// NULL stays NULL; a value that is not valid UTF-8 is returned unchanged.
int register_unicode_lower(sqlite3* db);

}  // namespace comptoir::storage::sqlite
