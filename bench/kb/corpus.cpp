#include "corpus.hpp"

#include <toml++/toml.h>
#include <algorithm>
#include <set>
#include <string_view>

namespace comptoir::bench {
namespace {

namespace fs = std::filesystem;
using Node = toml::node_view<const toml::node>;

std::string trim(std::string_view text) {
    const auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string_view::npos) return {};
    const auto end = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(begin, end - begin + 1));
}

std::size_t word_count(std::string_view text) {
    std::size_t count = 0;
    bool in_word = false;
    for (char c : text) {
        const bool space = c == ' ';
        if (!space && !in_word) ++count;
        in_word = !space;
    }
    return count;
}

/// `{ fr = "…", en = "…" }` as language → text.
LocalName per_language(const Node& node) {
    LocalName out;
    if (const auto* table = node.as_table())
        for (const auto& [language, value] : *table) out[std::string(language.str())] = value.value_or(std::string{});
    return out;
}

/// "[text](kb:some-key)" → "[text](kb:#)": the generator links to its own articles.
std::string with_link_placeholders(std::string_view text) {
    std::string out;
    std::size_t pos = 0;
    while (true) {
        const auto start = text.find("](kb:", pos);
        if (start == std::string_view::npos) break;
        const auto end = text.find(')', start);
        if (end == std::string_view::npos) break;
        out.append(text.substr(pos, start - pos)).append("](kb:#");
        pos = end;
    }
    out.append(text.substr(pos));
    return out;
}

/// Sentences of a paragraph: cut after . ? ! followed by a space, never
/// inside a link's [text] or (destination).
std::vector<std::string> sentences_of(std::string_view paragraph) {
    std::vector<std::string> out;
    int depth = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i < paragraph.size(); ++i) {
        const char c = paragraph[i];
        if (c == '[' || c == '(') ++depth;
        if ((c == ']' || c == ')') && depth > 0) --depth;
        const bool end =
            (c == '.' || c == '?' || c == '!') && depth == 0 && (i + 1 == paragraph.size() || paragraph[i + 1] == ' ');
        if (end) {
            out.push_back(trim(paragraph.substr(start, i + 1 - start)));
            start = i + 1;
        }
    }
    if (auto rest = trim(paragraph.substr(std::min(start, paragraph.size()))); !rest.empty()) out.push_back(rest);
    return out;
}

/// A list marker ("- ", "* ", "1. ", "- [ ] ") and its length, or 0.
std::size_t list_marker(std::string_view line) {
    if (line.starts_with("- [ ] ") || line.starts_with("- [x] ")) return 6;
    if (line.starts_with("- ") || line.starts_with("* ")) return 2;
    std::size_t digits = 0;
    while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) ++digits;
    if (digits > 0 && line.substr(digits).starts_with(". ")) return digits + 2;
    return 0;
}

/// Sorts one body's lines into sentences, headings and list items.
void add_body(TextPool& corpus, std::string_view body) {
    std::string paragraph;
    auto flush = [&] {
        for (auto& sentence : sentences_of(paragraph)) {
            // Images and attachments belong to their own article.
            if (sentence.find("![") != std::string::npos || sentence.find("(attachment:") != std::string::npos)
                continue;
            if (word_count(sentence) >= 4) corpus.sentences.push_back(with_link_placeholders(sentence));
        }
        paragraph.clear();
    };
    bool in_code = false;
    std::size_t pos = 0;
    while (pos <= body.size()) {
        auto newline = body.find('\n', pos);
        if (newline == std::string_view::npos) newline = body.size();
        const std::string line = trim(body.substr(pos, newline - pos));
        pos = newline + 1;
        if (line.starts_with("```")) {
            in_code = !in_code;
            flush();
            continue;
        }
        if (in_code) continue;
        if (line.empty() || line.starts_with('|')) {
            flush();
        } else if (line.starts_with('#')) {
            flush();
            auto heading = trim(std::string_view(line).substr(line.find_first_not_of('#')));
            if (const auto marker = list_marker(heading); marker > 2) heading = heading.substr(marker);  // "1. Triage"
            if (!heading.empty()) corpus.headings.push_back(heading);
        } else if (const auto marker = list_marker(line); marker > 0) {
            flush();
            auto item = trim(std::string_view(line).substr(marker));
            if (item.find("![") == std::string::npos && item.find("(attachment:") == std::string::npos)
                corpus.list_items.push_back(with_link_placeholders(item));
        } else {
            const std::string_view text = line.starts_with("> ") ? std::string_view(line).substr(2) : line;
            if (!paragraph.empty()) paragraph += ' ';
            paragraph += text;
        }
    }
    flush();
}

void add_title(TextPool& corpus, std::string_view title) {
    std::size_t pos = 0;
    while (pos < title.size()) {
        auto space = title.find(' ', pos);
        if (space == std::string_view::npos) space = title.size();
        std::string word(title.substr(pos, space - pos));
        pos = space + 1;
        while (!word.empty() && std::string_view(":?!,;()").find(word.back()) != std::string_view::npos)
            word.pop_back();
        while (!word.empty() && word.front() == '(') word.erase(0, 1);
        if (!word.empty()) corpus.title_words.push_back(word);
    }
}

Result<void> add_file(Corpus& corpus, const fs::path& file, std::size_t topic) {
    toml::table doc;
    try {
        doc = toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        return fail(ErrorCode::invalid_input, file.string() + ": " + std::string(e.description()));
    }
    const Node root{doc};
    corpus.category_names.push_back(per_language(root["category"]["name"]));
    const auto* sections = root["sections"].as_array();
    if (!sections) return {};
    for (const auto& section_node : *sections) {
        const Node section{section_node};
        corpus.section_names.push_back(per_language(section["name"]));
        const auto* articles = section["articles"].as_array();
        if (!articles) continue;
        for (const auto& article_node : *articles) {
            const Node article{article_node};
            for (const auto& [language, title] : per_language(article["title"])) {
                auto& topics = corpus.languages[language].topics;
                if (topics.size() <= topic) topics.resize(topic + 1);
                auto& target = topics[topic];
                add_title(target, title);
                add_body(target, article["body"][language].value_or(std::string{}));
                if (const auto* labels = article["labels"][language].as_array())
                    for (const auto& label : *labels) target.labels.push_back(label.value_or(std::string{}));
            }
        }
    }
    return {};
}

template <class T>
void append(std::vector<T>& to, const std::vector<T>& from) {
    to.insert(to.end(), from.begin(), from.end());
}

/// Labels without repeats; domain words from labels and title words.
void finish(TextPool& pool) {
    const std::set<std::string> labels(pool.labels.begin(), pool.labels.end());
    std::set<std::string> domain(labels);
    for (const auto& word : pool.title_words)
        if (word.size() >= 6) domain.insert(word);
    pool.labels.assign(labels.begin(), labels.end());
    pool.domain_words.assign(domain.begin(), domain.end());
}

template <class T>
const T& pick(const std::vector<T>& items, std::mt19937_64& rng) {
    return items[std::uniform_int_distribution<std::size_t>(0, items.size() - 1)(rng)];
}

int between(int low, int high, std::mt19937_64& rng) { return std::uniform_int_distribution<int>(low, high)(rng); }

bool chance(double p, std::mt19937_64& rng) { return std::bernoulli_distribution(p)(rng); }

/// Puts a random article id in every "(kb:#)".
std::string linked(std::string text, std::int64_t article_count, std::mt19937_64& rng) {
    for (auto at = text.find("(kb:#)"); at != std::string::npos; at = text.find("(kb:#)", at)) {
        const auto id = std::uniform_int_distribution<std::int64_t>(1, article_count)(rng);
        text.replace(at + 4, 1, std::to_string(id));
    }
    return text;
}

void capitalise(std::string& text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
}

}  // namespace

Result<Corpus> load_corpus(const fs::path& dir) {
    std::error_code ec;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (entry.path().extension() == ".toml") files.push_back(entry.path());
    if (ec) return fail(ErrorCode::invalid_input, dir.string() + ": " + ec.message());
    std::sort(files.begin(), files.end());  // the same order every run, for the fixed seed
    Corpus corpus;
    for (std::size_t i = 0; i < files.size(); ++i)
        if (auto added = add_file(corpus, files[i], i); !added) return std::unexpected(added.error());
    if (corpus.languages.empty() || corpus.section_names.empty())
        return fail(ErrorCode::invalid_input, dir.string() + ": no demo articles");
    for (auto& [language, text] : corpus.languages) {
        text.topics.resize(files.size());
        text.all = {};
        for (auto& topic : text.topics) {
            finish(topic);
            append(text.all.sentences, topic.sentences);
            append(text.all.headings, topic.headings);
            append(text.all.list_items, topic.list_items);
            append(text.all.title_words, topic.title_words);
            append(text.all.labels, topic.labels);
        }
        finish(text.all);
        const auto& all = text.all;
        if (all.sentences.size() < 50 || all.headings.empty() || all.list_items.empty() ||
            all.title_words.size() < 20 || all.labels.empty())
            return fail(ErrorCode::invalid_input, dir.string() + ": too little demo text in " + language);
    }
    return corpus;
}

GeneratedText generate_text(const LanguageCorpus& corpus, std::size_t topic, std::string_view language,
                            std::int64_t article_count, std::mt19937_64& rng) {
    const TextPool& own = corpus.topics[topic % corpus.topics.size()];
    // Mostly the topic's pieces, sometimes any topic's (and always when the topic has none).
    auto from = [&](std::vector<std::string> TextPool::*pieces, double own_share = 0.8) -> const std::string& {
        const auto& mine = own.*pieces;
        return pick(!mine.empty() && chance(own_share, rng) ? mine : corpus.all.*pieces, rng);
    };

    GeneratedText out;
    const int title_words = between(4, 8, rng);
    for (int i = 0; i < title_words; ++i) {
        if (i) out.title += ' ';
        out.title += from(&TextPool::title_words, 0.9);
    }
    capitalise(out.title);

    int sentences = between(6, 15, rng);
    bool listed = false;
    bool first = true;
    while (sentences > 0) {
        if (!first && chance(0.4, rng)) out.body += "## " + from(&TextPool::headings) + "\n\n";
        const int in_paragraph = std::min(sentences, between(1, 4, rng));
        for (int i = 0; i < in_paragraph; ++i) {
            if (i) out.body += ' ';
            out.body += linked(from(&TextPool::sentences), article_count, rng);
        }
        out.body += "\n\n";
        sentences -= in_paragraph;
        first = false;
        if (!listed && chance(0.35, rng)) {
            listed = true;
            const bool numbered = chance(0.5, rng);
            const int items = between(3, 5, rng);
            for (int i = 0; i < items; ++i)
                out.body += (numbered ? std::to_string(i + 1) + ". " : std::string("- ")) +
                            linked(from(&TextPool::list_items), article_count, rng) + "\n";
            out.body += "\n";
        }
    }
    out.body += language == "fr" ? "Concerne : " : "Applies to: ";
    const int named = between(2, 4, rng);
    for (int i = 0; i < named; ++i) out.body += (i ? ", " : "") + from(&TextPool::domain_words);
    // About 3 articles per reference and language: the rare words of a real site.
    if (chance(0.3, rng)) {
        const auto references = std::max<std::int64_t>(100, article_count / 10);
        out.body += ", LX" + std::to_string(1000 + std::uniform_int_distribution<std::int64_t>(0, references - 1)(rng));
    }
    out.body += ".\n";

    const int labels = between(2, 4, rng);
    for (int tries = 0; static_cast<int>(out.labels.size()) < labels && tries < 20; ++tries) {
        const auto& label = from(&TextPool::labels, 0.9);
        if (std::find(out.labels.begin(), out.labels.end(), label) == out.labels.end()) out.labels.push_back(label);
    }
    return out;
}

}  // namespace comptoir::bench
