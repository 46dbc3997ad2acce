#pragma once
// The SQLite full-text index of the knowledge base as the kb services query
// it (search, related articles): which FTS5 table holds a language, and user
// text written as an FTS5 string. Private to src/domain/kb.
#include <string>
#include <string_view>

namespace comptoir::kb::fts {

/// The FTS5 table indexing translations in `language`, as kb_translations'
/// triggers fill them: one per stemming language, the others in kb_fts_simple.
inline std::string_view table(std::string_view language) {
    if (language == "en") return "kb_fts_en";
    if (language == "fr") return "kb_fts_fr";
    return "kb_fts_simple";
}

/// `text` as an FTS5 string ("…", inner quotes doubled): never read as query
/// syntax; several words in it make a phrase.
inline std::string quoted(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

}  // namespace comptoir::kb::fts
