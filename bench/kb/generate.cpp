#include "generate.hpp"

#include <chrono>
#include <iostream>
#include <random>
#include <vector>

#include "domain/kb/article_rows.hpp"
#include "domain/kb/vocabulary.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "text/markdown.hpp"
#include "text/slug.hpp"

namespace comptoir::bench {
namespace {

namespace fs = std::filesystem;

constexpr int kCategories = 10;
constexpr int kSectionsPerCategory = 10;
constexpr std::size_t kSummaryBytes = 300;  // as ArticleService stores it (a meta description)
const char* const kLanguages[] = {"fr", "en"};
// Bump when generated text changes: a database made by another version (or
// seed) is generated again rather than reused.
constexpr std::uint64_t kGeneratorVersion = 2;

#define BENCH_TRY(expr)                                                                                      \
    do {                                                                                                     \
        if (auto bench_try_r = (expr); !bench_try_r) return std::unexpected(std::move(bench_try_r.error())); \
    } while (false)

Result<std::unique_ptr<storage::Database>> open_migrated(const app::Config& config, const fs::path& file) {
    storage::DatabaseOptions options = config.database;
    options.url = "sqlite:" + file.string();
    auto db = storage::open_database(options);
    if (!db) return db;
    auto migrations = storage::load_migrations(config.migrations_dir, (*db)->backend());
    if (!migrations) return std::unexpected(migrations.error());
    BENCH_TRY(storage::migrate(**db, *migrations));
    return db;
}

Result<std::int64_t> count(storage::Database& db, std::string_view sql) {
    auto tx = db.read();
    if (!tx) return std::unexpected(tx.error());
    auto rows = tx->query(sql);
    if (!rows) return std::unexpected(rows.error());
    return rows->one().get<std::int64_t>(0);
}

std::string numbered(const LocalName& names, std::string_view language, std::size_t round) {
    auto found = names.find(std::string(language));
    std::string name = found == names.end() ? names.begin()->second : found->second;
    return round == 0 ? name : name + " " + std::to_string(round + 1);
}

/// 10 categories of 10 sections, named after the demo ones; returns the section ids.
Result<std::vector<std::int64_t>> write_catalogue(storage::Database& db, const Corpus& corpus, std::int64_t now) {
    auto tx = db.write();
    if (!tx) return std::unexpected(tx.error());
    std::vector<std::int64_t> sections;
    for (int c = 0; c < kCategories; ++c) {
        auto category = tx->query_with(
            "INSERT INTO kb_categories (kind, position, icon, created_at, updated_at) VALUES ('kb', $1, 'question', "
            "$2, $2) RETURNING id",
            c, now);
        if (!category) return std::unexpected(category.error());
        const auto category_id = category->one().get<std::int64_t>(0);
        const auto& names = corpus.category_names[c % corpus.category_names.size()];
        for (const char* language : kLanguages) {
            BENCH_TRY(tx->query_with(
                "INSERT INTO kb_category_texts (category_id, language, name, description) VALUES ($1, $2, $3, '')",
                category_id, language, numbered(names, language, c / corpus.category_names.size())));
        }
        for (int s = 0; s < kSectionsPerCategory; ++s) {
            auto section = tx->query_with(
                "INSERT INTO kb_sections (category_id, position, created_at, updated_at) VALUES ($1, $2, $3, $3) "
                "RETURNING id",
                category_id, s, now);
            if (!section) return std::unexpected(section.error());
            sections.push_back(section->one().get<std::int64_t>(0));
            const std::size_t index = static_cast<std::size_t>(c * kSectionsPerCategory + s);
            const auto& section_names = corpus.section_names[index % corpus.section_names.size()];
            for (const char* language : kLanguages) {
                BENCH_TRY(tx->query_with(
                    "INSERT INTO kb_section_texts (section_id, language, name, description) VALUES ($1, $2, $3, '')",
                    sections.back(), language, numbered(section_names, language, index / corpus.section_names.size())));
            }
        }
    }
    BENCH_TRY(tx->commit());
    return sections;
}

/// One translation as ArticleService::save_translation writes it: a
/// revision, the current text (the FTS triggers index it), the vocabulary.
Result<void> write_translation(storage::Transaction& tx, std::int64_t article_id, std::string_view language,
                               const GeneratedText& text, std::int64_t at) {
    const std::string labels = kb::rows::join_labels(text.labels);
    const std::string body_text = text::markdown_to_text(text.body);
    auto revision = tx.query_with(
        "INSERT INTO kb_revisions (article_id, language, title, body, labels, note, author_id, created_at) "
        "VALUES ($1, $2, $3, $4, $5, '', NULL, $6) RETURNING id",
        article_id, language, text.title, text.body, labels, at);
    if (!revision) return std::unexpected(revision.error());
    BENCH_TRY(tx.query_with(
        "INSERT INTO kb_translations (article_id, language, title, slug, body, body_text, summary, labels, outdated, "
        "revision_id, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $10, NULL)",
        article_id, language, text.title, text::slugify(text.title), text.body, body_text,
        text::summarize(body_text, kSummaryBytes), labels, revision->one().get<std::int64_t>(0), at));
    return kb::update_vocabulary(tx, language, "", kb::rows::vocabulary_text(text.title, labels, body_text));
}

Result<void> write_articles(storage::Database& db, const Corpus& corpus, const GenerateOptions& options,
                            const std::vector<std::int64_t>& sections, std::int64_t now) {
    // A category's articles are about the demo category it is named after.
    std::vector<std::size_t> topics;
    for (std::size_t i = 0; i < sections.size(); ++i) topics.push_back(i / kSectionsPerCategory);
    std::mt19937_64 rng(options.seed);
    std::vector<std::int64_t> positions(sections.size(), 0);
    const auto started = std::chrono::steady_clock::now();
    for (std::int64_t done = 0; done < options.articles;) {
        auto tx = db.write();
        if (!tx) return std::unexpected(tx.error());
        const auto batch_end = std::min(options.articles, done + options.articles_per_transaction);
        for (; done < batch_end; ++done) {
            const auto section = std::uniform_int_distribution<std::size_t>(0, sections.size() - 1)(rng);
            const double kind = std::uniform_real_distribution<double>(0, 1)(rng);
            const bool draft = kind < 0.05;
            const char* visibility = kind >= 0.05 && kind < 0.08 ? "internal" : "public";
            const std::int64_t created = now - std::uniform_int_distribution<std::int64_t>(0, 2 * 365 * 86400)(rng);
            const std::int64_t updated =
                std::min(now, created + std::uniform_int_distribution<std::int64_t>(0, 90 * 86400)(rng));
            const auto views = std::uniform_int_distribution<std::int64_t>(0, 5000)(rng);
            const auto helpful = std::uniform_int_distribution<std::int64_t>(0, 40)(rng);
            const auto unhelpful = std::uniform_int_distribution<std::int64_t>(0, 10)(rng);
            const char* source = kLanguages[done % 2];
            auto inserted = tx->query_with(
                "INSERT INTO kb_articles (section_id, position, source_language, status, visibility, publish_at, "
                "author_id, created_at, updated_at, published_at, view_count, helpful_count, unhelpful_count) "
                "VALUES ($1, $2, $3, $4, $5, NULL, NULL, $6, $7, $8, $9, $10, $11) RETURNING id",
                sections[section], positions[section]++, source, draft ? "draft" : "published", visibility, created,
                updated, draft ? std::optional<std::int64_t>() : std::optional<std::int64_t>(updated), views, helpful,
                unhelpful);
            if (!inserted) return std::unexpected(inserted.error());
            const auto id = inserted->one().get<std::int64_t>(0);
            for (const char* language : kLanguages) {
                const auto text =
                    generate_text(corpus.languages.at(language), topics[section], language, options.articles, rng);
                BENCH_TRY(write_translation(*tx, id, language, text, updated));
            }
        }
        BENCH_TRY(tx->commit());
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        std::cerr << "kb_bench: " << done << "/" << options.articles << " articles, " << static_cast<int>(seconds)
                  << " s (" << static_cast<int>(static_cast<double>(done) / seconds) << "/s)\n";
    }
    return {};
}

/// What made a database, kept in its header (PRAGMA user_version, which
/// comptoir does not use otherwise).
std::int64_t stamp(const GenerateOptions& options) {
    return static_cast<std::int64_t>((kGeneratorVersion * 1'000'003 + options.seed) & 0x7fffffff);
}

Result<void> write_stamp(storage::Database& db, std::int64_t value) {
    auto tx = db.write();
    if (!tx) return std::unexpected(tx.error());
    // A pragma takes no bound parameter; the value is a number computed here.
    BENCH_TRY(tx->query("PRAGMA user_version = " + std::to_string(value)));
    return tx->commit();
}

void remove_database(const fs::path& file) {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(fs::path(file.string() + suffix));
}

}  // namespace

Result<GenerateReport> prepare_database(const app::Config& config, const Corpus& corpus,
                                        const GenerateOptions& options) {
    for (const char* language : kLanguages)
        if (!corpus.languages.contains(language))
            return fail(ErrorCode::invalid_input, std::string("the demo content has no text in ") + language);
    GenerateReport report;
    if (options.file.has_parent_path()) fs::create_directories(options.file.parent_path());
    if (options.regenerate) remove_database(options.file);
    {
        auto db = open_migrated(config, options.file);
        if (!db) return std::unexpected(db.error());
        auto articles = count(**db, "SELECT COUNT(*) FROM kb_articles");
        if (!articles) return std::unexpected(articles.error());
        auto translations = count(**db, "SELECT COUNT(*) FROM kb_translations");
        if (!translations) return std::unexpected(translations.error());
        auto made_by = count(**db, "PRAGMA user_version");
        if (!made_by) return std::unexpected(made_by.error());
        report.reused =
            *articles == options.articles && *translations == 2 * options.articles && *made_by == stamp(options);
    }
    if (!report.reused) {
        std::cerr << "kb_bench: generating " << options.articles << " articles in " << options.file.string() << "\n";
        remove_database(options.file);
        const auto started = std::chrono::steady_clock::now();
        auto db = open_migrated(config, options.file);
        if (!db) return std::unexpected(db.error());
        const auto now =
            std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                .count();
        auto sections = write_catalogue(**db, corpus, now);
        if (!sections) return std::unexpected(sections.error());
        BENCH_TRY(write_articles(**db, corpus, options, *sections, now));
        BENCH_TRY(write_stamp(**db, stamp(options)));
        report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    }
    auto db = open_migrated(config, options.file);
    if (!db) return std::unexpected(db.error());
    auto articles = count(**db, "SELECT COUNT(*) FROM kb_articles");
    auto translations = count(**db, "SELECT COUNT(*) FROM kb_translations");
    auto visible = count(**db, "SELECT COUNT(*) FROM kb_articles WHERE status = 'published' AND visibility = 'public'");
    auto vocabulary = count(**db, "SELECT COUNT(*) FROM kb_vocabulary");
    for (auto* counted : {&articles, &translations, &visible, &vocabulary})
        if (!*counted) return std::unexpected(counted->error());
    report.articles = *articles;
    report.translations = *translations;
    report.visible = *visible;
    report.vocabulary = *vocabulary;
    std::error_code ec;
    report.file_bytes = fs::file_size(options.file, ec);
    return report;
}

}  // namespace comptoir::bench
