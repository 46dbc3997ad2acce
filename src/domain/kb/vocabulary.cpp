#include "domain/kb/vocabulary.hpp"

#include <algorithm>
#include <iterator>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "text/words.hpp"

namespace comptoir::kb {
namespace {

// A first save may bring thousands of words: they go in batches of a few
// fixed sizes, one statement each, instead of one round trip per word (which
// PostgreSQL would feel). The statement text depends only on the batch size,
// never on the words, which are bound ($1 is the language).
constexpr std::size_t kBatchSizes[] = {64, 8, 1};

std::string placeholders(std::size_t count, std::string_view pattern) {
    std::string out;
    for (std::size_t i = 0; i < count; ++i) {
        if (i) out += ", ";
        std::string item(pattern);
        item.replace(item.find('#'), 1, "$" + std::to_string(i + 2));
        out += item;
    }
    return out;
}

std::string increment_sql(std::size_t count) {
    return "INSERT INTO kb_vocabulary (language, word, documents) VALUES " + placeholders(count, "($1, #, 1)") +
           " ON CONFLICT (language, word) DO UPDATE SET documents = kb_vocabulary.documents + 1";
}

std::string decrement_sql(std::size_t count) {
    return "UPDATE kb_vocabulary SET documents = documents - 1 WHERE language = $1 AND word IN (" +
           placeholders(count, "#") + ")";
}

std::string delete_unused_sql(std::size_t count) {
    return "DELETE FROM kb_vocabulary WHERE language = $1 AND documents <= 0 AND word IN (" + placeholders(count, "#") +
           ")";
}

/// Runs `make_sql(n)` over `words` in batches, each with the language then n words bound.
template <class MakeSql>
Result<void> in_batches(storage::Transaction& tx, std::string_view language, std::span<const std::string> words,
                        MakeSql make_sql) {
    std::vector<storage::Value> params;
    while (!words.empty()) {
        const std::size_t size = *std::ranges::find_if(kBatchSizes, [&](std::size_t n) { return n <= words.size(); });
        params.assign({storage::Value(std::string(language))});
        for (const auto& word : words.first(size)) params.emplace_back(word);
        if (auto done = tx.query(make_sql(size), params); !done) return std::unexpected(done.error());
        words = words.subspan(size);
    }
    return {};
}

std::set<std::string> distinct_words(std::string_view text) {
    auto words = text::words(text);
    return {std::make_move_iterator(words.begin()), std::make_move_iterator(words.end())};
}

}  // namespace

Result<void> update_vocabulary(storage::Transaction& tx, std::string_view language, std::string_view old_text,
                               std::string_view new_text) {
    const auto before = distinct_words(old_text);
    const auto after = distinct_words(new_text);
    // Sorted, so that concurrent saves lock vocabulary rows in the same order.
    std::vector<std::string> removed, added;
    std::ranges::set_difference(before, after, std::back_inserter(removed));
    std::ranges::set_difference(after, before, std::back_inserter(added));

    if (auto done = in_batches(tx, language, removed, decrement_sql); !done) return done;
    if (auto done = in_batches(tx, language, removed, delete_unused_sql); !done) return done;
    return in_batches(tx, language, added, increment_sql);
}

}  // namespace comptoir::kb
