#pragma once
// Realistic article text for the knowledge-base benchmark, drawn from the
// demo content (demo/kb/*.toml): its sentences, headings, list items, title
// words and labels per language, recombined at random. A search index built
// from such text has the vocabulary, word frequencies and document lengths
// of a real support site, which made-up words would not give.
#include <cstdint>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace comptoir::bench {

/// Pieces of demo text of one language: of one demo category, or of all.
struct TextPool {
    /// Prose sentences in Markdown; internal links read "(kb:#)", a random
    /// article id is put in their place when an article is generated.
    std::vector<std::string> sentences;
    std::vector<std::string> headings;
    std::vector<std::string> list_items;
    std::vector<std::string> title_words;
    std::vector<std::string> labels;
    /// Labels and longer title words: what an "applies to" line names.
    std::vector<std::string> domain_words;
};

/// The demo text of one language: one pool per demo category (a topic), and
/// everything together. Real articles are about one topic and borrow from
/// others now and then; so are the generated ones.
struct LanguageCorpus {
    std::vector<TextPool> topics;
    TextPool all;
};

/// A name in every language of the demo content.
using LocalName = std::map<std::string, std::string>;

struct Corpus {
    std::map<std::string, LanguageCorpus> languages;
    std::vector<LocalName> category_names;
    std::vector<LocalName> section_names;
};

/// Reads every demo/kb/*.toml under `dir`; fails when a language has too
/// little text to draw from.
Result<Corpus> load_corpus(const std::filesystem::path& dir);

/// The text of one generated translation.
struct GeneratedText {
    std::string title;
    std::string body;  // Markdown
    std::vector<std::string> labels;
};

/// An article about `topic` (an index into corpus.topics, taken modulo their
/// number): a title of 4–8 title words; a body of 6–15 sentences in
/// paragraphs, with headings, sometimes a list, internal links to articles
/// 1..article_count, and a closing line naming a few domain words (and
/// sometimes a product reference such as "LX1234", the rare words of a real
/// site); 2–4 labels. About 80% of the text comes from the topic, the rest
/// from any topic.
GeneratedText generate_text(const LanguageCorpus& corpus, std::size_t topic, std::string_view language,
                            std::int64_t article_count, std::mt19937_64& rng);

}  // namespace comptoir::bench
