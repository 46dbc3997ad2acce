#include "storage/sqlite/snowball_tokenizer.hpp"

#include <libstemmer.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <new>
#include <span>
#include <string>
#include <string_view>

namespace comptoir::storage::sqlite {
namespace {

// PostgreSQL's stop lists (tsearch_data/english.stop, french.stop), which its
// english/french Snowball dictionaries drop. PostgreSQL checks them after
// unaccent, so the accented French entries ("à", "été"…) never match there and
// are left out here: what remains drops exactly the words PostgreSQL drops.
constexpr std::array<std::string_view, 127> kEnglishStopWords = {
    "a",       "about",  "above",   "after",  "again",  "against",    "all",       "am",        "an",    "and",
    "any",     "are",    "as",      "at",     "be",     "because",    "been",      "before",    "being", "below",
    "between", "both",   "but",     "by",     "can",    "did",        "do",        "does",      "doing", "don",
    "down",    "during", "each",    "few",    "for",    "from",       "further",   "had",       "has",   "have",
    "having",  "he",     "her",     "here",   "hers",   "herself",    "him",       "himself",   "his",   "how",
    "i",       "if",     "in",      "into",   "is",     "it",         "its",       "itself",    "just",  "me",
    "more",    "most",   "my",      "myself", "no",     "nor",        "not",       "now",       "of",    "off",
    "on",      "once",   "only",    "or",     "other",  "our",        "ours",      "ourselves", "out",   "over",
    "own",     "s",      "same",    "she",    "should", "so",         "some",      "such",      "t",     "than",
    "that",    "the",    "their",   "theirs", "them",   "themselves", "then",      "there",     "these", "they",
    "this",    "those",  "through", "to",     "too",    "under",      "until",     "up",        "very",  "was",
    "we",      "were",   "what",    "when",   "where",  "which",      "while",     "who",       "whom",  "why",
    "will",    "with",   "you",     "your",   "yours",  "yourself",   "yourselves"};

constexpr std::array<std::string_view, 133> kFrenchStopWords = {
    "ai",       "aie",     "aient",   "aies",    "ait",      "as",       "au",      "aura",   "aurai",  "auraient",
    "aurais",   "aurait",  "auras",   "aurez",   "auriez",   "aurions",  "aurons",  "auront", "aux",    "avaient",
    "avais",    "avait",   "avec",    "avez",    "aviez",    "avions",   "avons",   "ayant",  "ayante", "ayantes",
    "ayants",   "ayez",    "ayons",   "c",       "ce",       "ces",      "d",       "dans",   "de",     "des",
    "du",       "elle",    "en",      "es",      "est",      "et",       "eu",      "eue",    "eues",   "eurent",
    "eus",      "eusse",   "eussent", "eusses",  "eussiez",  "eussions", "eut",     "eux",    "furent", "fus",
    "fusse",    "fussent", "fusses",  "fussiez", "fussions", "fut",      "il",      "j",      "je",     "l",
    "la",       "le",      "leur",    "lui",     "m",        "ma",       "mais",    "me",     "mes",    "moi",
    "mon",      "n",       "ne",      "nos",     "notre",    "nous",     "on",      "ont",    "ou",     "par",
    "pas",      "pour",    "qu",      "que",     "qui",      "s",        "sa",      "se",     "sera",   "serai",
    "seraient", "serais",  "serait",  "seras",   "serez",    "seriez",   "serions", "serons", "seront", "ses",
    "soient",   "sois",    "soit",    "sommes",  "son",      "sont",     "soyez",   "soyons", "suis",   "sur",
    "t",        "ta",      "te",      "tes",     "toi",      "ton",      "tu",      "un",     "une",    "vos",
    "votre",    "vous",    "y"};

static_assert(std::ranges::is_sorted(kEnglishStopWords));
static_assert(std::ranges::is_sorted(kFrenchStopWords));

/// The stop list PostgreSQL's Snowball dictionary uses for `language` (empty for others).
std::span<const std::string_view> stop_words_for(std::string_view language) {
    if (language == "english" || language == "en") return kEnglishStopWords;
    if (language == "french" || language == "fr") return kFrenchStopWords;
    return {};
}

fts5_api* fts5_api_of(sqlite3* db) {
    fts5_api* api = nullptr;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) == SQLITE_OK) {
        sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
        sqlite3_step(stmt);
    }
    sqlite3_finalize(stmt);
    return api;
}

/// One tokenizer instance. FTS5 creates one per table and connection, and a
/// connection is used by one thread at a time, so the stemmer (which keeps
/// state between calls and is not thread-safe) needs no lock.
struct Snowball {
    fts5_tokenizer base_methods{};
    Fts5Tokenizer* base = nullptr;
    sb_stemmer* stemmer = nullptr;
    std::span<const std::string_view> stop_words;

    ~Snowball() {
        if (base) base_methods.xDelete(base);
        if (stemmer) sb_stemmer_delete(stemmer);
    }

    bool stop_word(std::string_view word) const { return std::ranges::binary_search(stop_words, word); }
};

using TokenCallback = int (*)(void*, int, const char*, int, int, int);

/// What one xTokenize call passes through unicode61 to its callback.
struct TokenizeCall {
    Snowball* self;
    void* context;
    int flags;
    TokenCallback emit;
};

int on_base_token(void* pointer, int token_flags, const char* token, int size, int start, int end) {
    auto* call = static_cast<TokenizeCall*>(pointer);
    Snowball& self = *call->self;
    if (self.stop_word(std::string_view(token, static_cast<std::size_t>(size)))) return SQLITE_OK;

    const sb_symbol* stem = sb_stemmer_stem(self.stemmer, reinterpret_cast<const sb_symbol*>(token), size);
    if (!stem) return SQLITE_NOMEM;
    int stem_size = sb_stemmer_length(self.stemmer);
    std::string_view stemmed(reinterpret_cast<const char*>(stem), static_cast<std::size_t>(stem_size));

    if (call->flags & FTS5_TOKENIZE_PREFIX) {
        // The typed prefix as is ("factu"* matches the stem "factur"), and its
        // stem as an alternative ("facturation"* must match "factur" too).
        int rc = call->emit(call->context, token_flags, token, size, start, end);
        if (rc != SQLITE_OK || stemmed == std::string_view(token, static_cast<std::size_t>(size))) return rc;
        return call->emit(call->context, token_flags | FTS5_TOKEN_COLOCATED, stemmed.data(), stem_size, start, end);
    }
    return call->emit(call->context, token_flags, stemmed.data(), stem_size, start, end);
}

int snowball_create(void* api_pointer, const char** args, int arg_count, Fts5Tokenizer** out) {
    *out = nullptr;
    if (arg_count != 1) return SQLITE_ERROR;
    auto* api = static_cast<fts5_api*>(api_pointer);

    auto* self = new (std::nothrow) Snowball();
    if (!self) return SQLITE_NOMEM;
    self->stemmer = sb_stemmer_new(args[0], "UTF_8");
    if (!self->stemmer) {
        delete self;
        return SQLITE_ERROR;  // unknown language
    }
    self->stop_words = stop_words_for(args[0]);

    void* base_context = nullptr;
    int rc = api->xFindTokenizer(api, "unicode61", &base_context, &self->base_methods);
    if (rc == SQLITE_OK) {
        const char* base_args[] = {"remove_diacritics", "2"};
        rc = self->base_methods.xCreate(base_context, base_args, 2, &self->base);
    }
    if (rc != SQLITE_OK) {
        self->base = nullptr;
        delete self;
        return rc;
    }
    *out = reinterpret_cast<Fts5Tokenizer*>(self);
    return SQLITE_OK;
}

void snowball_delete(Fts5Tokenizer* tokenizer) { delete reinterpret_cast<Snowball*>(tokenizer); }

int snowball_tokenize(Fts5Tokenizer* tokenizer, void* context, int flags, const char* text, int size,
                      TokenCallback emit) {
    auto* self = reinterpret_cast<Snowball*>(tokenizer);
    TokenizeCall call{self, context, flags, emit};
    return self->base_methods.xTokenize(self->base, &call, flags, text, size, &on_base_token);
}

int count_token(void* count, int, const char*, int, int, int) {
    ++*static_cast<int*>(count);
    return SQLITE_OK;
}

// SQL: comptoir_snowball_indexed(language, words) -> the space-separated words
// that yield at least one token, i.e. without the stop words.
void indexed_words(sqlite3_context* context, int, sqlite3_value** args) {
    const auto* language = reinterpret_cast<const char*>(sqlite3_value_text(args[0]));
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(args[1]));
    if (!language || !text) return sqlite3_result_null(context);
    std::string_view words(text, static_cast<std::size_t>(sqlite3_value_bytes(args[1])));

    Fts5Tokenizer* tokenizer = nullptr;
    const char* create_args[] = {language};
    int rc = snowball_create(sqlite3_user_data(context), create_args, 1, &tokenizer);
    if (rc == SQLITE_NOMEM) return sqlite3_result_error_nomem(context);
    if (rc != SQLITE_OK) return sqlite3_result_error(context, "comptoir_snowball_indexed: unknown language", -1);
    try {
        std::string kept;
        while (!words.empty() && rc == SQLITE_OK) {
            auto end = words.find(' ');
            auto word = words.substr(0, end);
            words = end == std::string_view::npos ? std::string_view() : words.substr(end + 1);
            int tokens = 0;
            rc = snowball_tokenize(tokenizer, &tokens, FTS5_TOKENIZE_QUERY, word.data(), static_cast<int>(word.size()),
                                   &count_token);
            if (tokens == 0) continue;
            if (!kept.empty()) kept += ' ';
            kept += word;
        }
        snowball_delete(tokenizer);
        if (rc != SQLITE_OK) return sqlite3_result_error_code(context, rc);
        sqlite3_result_text64(context, kept.data(), kept.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    } catch (const std::bad_alloc&) {
        snowball_delete(tokenizer);
        sqlite3_result_error_nomem(context);
    }
}

}  // namespace

int register_snowball_tokenizer(sqlite3* db) {
    fts5_api* api = fts5_api_of(db);
    if (!api || api->iVersion < 2) return SQLITE_ERROR;
    fts5_tokenizer methods{&snowball_create, &snowball_delete, &snowball_tokenize};
    int rc = api->xCreateTokenizer(api, "comptoir_snowball", api, &methods, nullptr);
    if (rc != SQLITE_OK) return rc;
    return sqlite3_create_function_v2(db, "comptoir_snowball_indexed", 2,
                                      SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, api, &indexed_words,
                                      nullptr, nullptr, nullptr);
}

}  // namespace comptoir::storage::sqlite
