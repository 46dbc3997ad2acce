// Knowledge-base benchmark (issue 4): with 50,000 generated articles in fr and
// en on SQLite, the latency percentiles of search, search-as-you-type and the
// public article page, through the real services and page action, as `serve`
// builds them. Not Google Benchmark: it reports means, and the targets are
// percentiles. Run from the repository root (demo/, migrations/, themes/ and
// locales/ are read from there):
//   make bench-kb                     # release build, then this
//   build/release/comptoir_kb_bench [--quick] [--articles N] [--db FILE] [--only search|render] [--budget S]
// The database is generated once (2–6 minutes for 50,000 articles on this
// machine) and reused while it holds the requested number of articles made by
// this generator with this seed. Each timed loop stops after --budget seconds
// (default 120) whatever its count, so a slow service still reports in bounded
// time. Every figure is given as wall-clock time and as CPU time of the thread:
// on a machine shared with builds, the CPU time is what a quiet machine shows.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <fstream>
#include <iostream>
#include <random>
#include <thread>

#include "app/components.hpp"
#include "app/config.hpp"
#include "corpus.hpp"
#include "domain/audit/audit_log.hpp"
#include "domain/kb/article_service.hpp"
#include "domain/kb/catalogue_service.hpp"
#include "domain/kb/feedback_service.hpp"
#include "domain/kb/search_service.hpp"
#include "generate.hpp"
#include "http/metrics.hpp"
#include "stats.hpp"
#include "web/kb/actions.hpp"
#include "web/kb/runtime.hpp"
#include "web/kb/urls.hpp"
#include "web/kb/views.hpp"

namespace {

using namespace comptoir;
using bench::Samples;

struct Options {
    std::filesystem::path db;
    std::int64_t articles = 50'000;
    bool quick = false;
    bool regenerate = false;
    std::uint64_t seed = 20261129;
    int searches = 1'200;
    int suggestions = 1'200;
    int renders = 2'000;
    int articles_per_transaction = 2'000;
    bool generate_only = false;
    std::string only;           // "search" or "render": skip the other part
    std::filesystem::path sql;  // --sql: time these statements instead
    /// Each timed loop stops after this many seconds, whatever its count:
    /// a slow service still gives figures in bounded time.
    int budget_seconds = 120;
};

/// True while a loop started at `started` is within the time budget.
bool within(const Options& options, std::chrono::steady_clock::time_point started) {
    return std::chrono::steady_clock::now() - started < std::chrono::seconds(options.budget_seconds);
}

[[noreturn]] void die(const std::string& what, const Error& error) {
    std::cerr << "kb_bench: " << what << ": " << error.public_message;
    if (!error.internal_detail.empty()) std::cerr << " (" << error.internal_detail << ")";
    std::cerr << "\n";
    std::exit(1);
}

template <class T>
T must(Result<T> result, const std::string& what) {
    if (!result) die(what, result.error());
    return std::move(*result);
}

void must(Result<void> result, const std::string& what) {
    if (!result) die(what, result.error());
}

/// A table row: what, count, wall-clock and CPU percentiles, and the target when there is one.
void row(const std::string& what, Samples& samples, const std::string& target = "") {
    std::cout << "| " << what << " | " << samples.size() << " | " << bench::ms(samples.percentile(50)) << " | "
              << bench::ms(samples.percentile(95)) << " | " << bench::ms(samples.percentile(99)) << " | "
              << bench::ms(samples.max()) << " | " << bench::ms(samples.cpu_percentile(50)) << " | "
              << bench::ms(samples.cpu_percentile(95)) << " | " << target << " |\n";
}

void table_head(const std::string& title) {
    std::cout << "\n### " << title << "\n\n| what | n | p50 | p95 | p99 | max | CPU p50 | CPU p95 | target |\n"
              << "|---|---:|---:|---:|---:|---:|---:|---:|---|\n";
}

/// Met or not by the wall-clock p95, with the CPU p95 (what a quiet machine would show).
std::string verdict(Samples& samples, double p95_target_ms) {
    const double p95 = samples.percentile(95);
    const double cpu = samples.cpu_percentile(95);
    return "p95 < " + bench::ms(p95_target_ms) + " ms: " + (p95 < p95_target_ms ? "**met**" : "**NOT met**") +
           " (CPU p95 " + (cpu < p95_target_ms ? "under" : "over") + ")";
}

// ------------------------------------------------------------------ search

struct QuerySpec {
    std::string kind;
    std::string language;
    std::string text;
    std::int64_t total = -1;  // as found by the warm-up (-1: not reached within the budget)
    bool capped = false;      // more results than total (only the newest matches are ranked)
    std::optional<std::string> suggestion;
    Samples samples;
};

/// A word of the vocabulary found in few translations: `like` filters it
/// ('lx%': a product reference; '%': any other word of at least 6 letters).
std::string rare_word(storage::Database& db, std::string_view language, bool reference) {
    auto tx = must(db.read(), "read");
    auto rows = must(tx.query_with(reference ? "SELECT word FROM kb_vocabulary WHERE language = $1 AND word LIKE 'lx%' "
                                               "AND documents >= 2 ORDER BY documents, word LIMIT 1"
                                             : "SELECT word FROM kb_vocabulary WHERE language = $1 AND word NOT LIKE "
                                               "'lx%' AND length(word) >= 6 AND documents >= 2 ORDER BY documents, "
                                               "word LIMIT 1",
                                   std::string(language)),
                     "rare word");
    return rows.empty() ? "introuvable" : rows.one().get<std::string>(0);
}

std::vector<QuerySpec> query_mix(storage::Database& db) {
    std::vector<QuerySpec> mix;
    auto add = [&](std::string kind, std::string language, std::vector<std::string> texts) {
        for (auto& text : texts) mix.push_back({kind, language, std::move(text)});
    };
    add("common word", "fr", {"facture", "compteur", "livraison", "contrat"});
    add("common word", "en", {"invoice", "meter", "delivery", "contract"});
    add("rare word (product reference)", "fr", {rare_word(db, "fr", true)});
    add("rare word (product reference)", "en", {rare_word(db, "en", true)});
    add("least common word (6+ letters)", "fr", {rare_word(db, "fr", false)});
    add("least common word (6+ letters)", "en", {rare_word(db, "en", false)});
    add("2–3 words", "fr", {"facture impayée", "changer adresse livraison", "relevé compteur", "annuler commande"});
    add("2–3 words", "en", {"unpaid invoice", "change delivery address", "meter reading", "cancel order"});
    add("phrase", "fr", {"\"prélèvement SEPA\"", "\"mot de passe\""});
    add("phrase", "en", {"\"direct debit\"", "\"password reset\""});
    add("typo (did you mean)", "fr", {"facturaton", "compteru", "livriason"});
    add("typo (did you mean)", "en", {"invocie", "delivry", "pasword"});
    add("in no document", "fr", {"xylophone", "zeppelin quantique"});
    add("in no document", "en", {"xylophone", "zeppelin quantum"});
    return mix;
}

struct SearchFigures {
    Samples all, unrecorded, suggest;
    std::map<std::string, Samples> by_kind;
    std::vector<QuerySpec> mix;
};

SearchFigures bench_search(storage::Database& db, kb::SearchService& search, const Options& options) {
    SearchFigures out;
    out.mix = query_mix(db);
    {
        // Comparable runs: the searches of earlier runs are not kept.
        auto tx = must(db.write(), "write");
        must(tx.query("DELETE FROM kb_searches"), "clear kb_searches");
        must(tx.commit(), "commit");
    }
    const auto reader = kb::Reader::anonymous();
    auto run = [&](QuerySpec& spec, bool record) {
        kb::SearchQuery query;
        query.text = spec.text;
        query.language = spec.language;
        query.per_page = 10;
        query.record = record;
        return search.search(reader, query);
    };
    auto started = std::chrono::steady_clock::now();
    for (auto& spec : out.mix) {  // warm-up: statements prepared, pages cached
        if (!within(options, started)) break;
        auto results = must(run(spec, false), "search " + spec.text);
        spec.total = results.total;
        spec.capped = results.capped;
        spec.suggestion = results.suggestion;
    }
    std::mt19937_64 rng(options.seed);
    std::vector<std::size_t> order;
    const auto rounds = std::max<std::size_t>(1, (options.searches + out.mix.size() - 1) / out.mix.size());
    for (std::size_t r = 0; r < rounds; ++r)
        for (std::size_t i = 0; i < out.mix.size(); ++i) order.push_back(i);
    std::shuffle(order.begin(), order.end(), rng);
    started = std::chrono::steady_clock::now();
    for (const auto index : order) {
        if (!within(options, started)) break;
        auto& spec = out.mix[index];
        const auto cpu_started = bench::thread_cpu_time();
        const auto wall_started = std::chrono::steady_clock::now();
        must(run(spec, true), "search " + spec.text);
        const auto wall =
            std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - wall_started);
        const auto cpu = bench::thread_cpu_time() - cpu_started;
        out.all.add(wall, cpu);
        out.by_kind[spec.kind].add(wall, cpu);
        spec.samples.add(wall, cpu);
    }
    // The same without recording (an INSERT in a write transaction, fsync'd
    // with synchronous=FULL): what the search costs by itself.
    started = std::chrono::steady_clock::now();
    for (const auto index : order) {
        if (!within(options, started)) break;
        bench::timed(out.unrecorded, [&] { return must(run(out.mix[index], false), "search"); });
    }

    const std::vector<std::pair<std::string, std::string>> typed = {
        {"fr", "fac"},  {"fr", "factu"},     {"fr", "télécharger fac"}, {"fr", "livr"},         {"fr", "mot de pa"},
        {"fr", "prél"}, {"en", "inv"},       {"en", "invoi"},           {"en", "download inv"}, {"en", "deliv"},
        {"en", "pass"}, {"en", "direct deb"}};
    for (const auto& [language, text] : typed) must(search.suggest(reader, text, language, 8), "suggest " + text);
    started = std::chrono::steady_clock::now();
    for (int i = 0; i < options.suggestions && within(options, started); ++i) {
        const auto& [language, text] = typed[static_cast<std::size_t>(i) % typed.size()];
        bench::timed(out.suggest, [&] { return must(search.suggest(reader, text, language, 8), "suggest " + text); });
    }
    return out;
}

// ------------------------------------------------------------ article page

struct ArticlePage {
    std::int64_t id = 0;
    std::string language;
    std::string slug;
};

std::vector<ArticlePage> visible_pages(storage::Database& db) {
    auto tx = must(db.read(), "read");
    auto rows = must(tx.query("SELECT t.article_id, t.language, t.slug FROM kb_translations t JOIN kb_articles a ON "
                              "a.id = t.article_id WHERE a.status = 'published' AND a.visibility = 'public' AND "
                              "a.publish_at IS NULL ORDER BY t.id"),
                     "visible pages");
    std::vector<ArticlePage> pages;
    for (const auto& r : rows.rows)
        pages.push_back({r.get<std::int64_t>(0), r.get<std::string>(1), r.get<std::string>(2)});
    if (pages.empty()) die("visible pages", Error{ErrorCode::internal, "no visible article", {}});
    return pages;
}

/// The request the router hands to the action for GET /kb/<lang>/articles/<id>-<slug>.
http::Request article_request(const ArticlePage& page) {
    http::Request request;
    request.method = "GET";
    request.path = web::kb_public::kb_article_path(page.language, page.id, page.slug);
    request.target = request.path;
    request.headers.add("Host", "127.0.0.1:8080");
    request.headers.add("Accept-Language", page.language == "fr" ? "fr-FR,fr;q=0.9" : "en-GB,en;q=0.9");
    request.peer_addr = request.client_addr = "127.0.0.1";
    request.request_id = "0123456789abcdef0123456789abcdef";
    request.route = "/kb/{lang}/articles/{id}";
    request.params["lang"] = page.language;
    request.params["id"] = std::to_string(page.id) + "-" + page.slug;
    return request;
}

struct RenderFigures {
    Samples uncached, cached, cache_missed, get, related, attachments, body_html;
    std::size_t bytes = 0, distinct_cached = 0, cached_pages = 0;
};

void render_one(const web::Deps& deps, const ArticlePage& page) {
    auto request = article_request(page);
    const auto response = web::kb_article_page(deps, request, web::Visitor{});
    if (response.status != 200)
        die("article page " + request.path,
            Error{ErrorCode::internal, "status " + std::to_string(response.status), {}});
}

RenderFigures bench_render(web::Deps& deps, kb::ArticleService& articles, storage::Database& db,
                           const Options& options) {
    RenderFigures out;
    const auto pages = visible_pages(db);
    std::mt19937_64 rng(options.seed + 1);
    auto pick = [&] { return pages[std::uniform_int_distribution<std::size_t>(0, pages.size() - 1)(rng)]; };
    for (int i = 0; i < 50; ++i) render_one(deps, pick());  // warm-up

    auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < options.renders && within(options, started); ++i) {
        const auto page = pick();
        auto request = article_request(page);
        const auto response =
            bench::timed(out.uncached, [&] { return web::kb_article_page(deps, request, web::Visitor{}); });
        if (response.status != 200) die("article page " + request.path, Error{ErrorCode::internal, "status", {}});
        out.bytes = std::max(out.bytes, response.body.size());
    }

    // Where an uncached rendering spends its time: the service calls it makes.
    const auto reader = kb::Reader::anonymous();
    started = std::chrono::steady_clock::now();
    for (int i = 0; i < std::min(options.renders, 500) && within(options, started); ++i) {
        const auto page = pick();
        const auto article =
            bench::timed(out.get, [&] { return must(articles.get(reader, page.id, page.language), "get"); });
        bench::timed(out.related, [&] { return must(articles.related(reader, page.id, page.language, 5), "related"); });
        const auto files =
            bench::timed(out.attachments, [&] { return must(articles.attachments(reader, page.id), "attachments"); });
        bench::timed(out.body_html, [&] {
            return web::kb_public::article_html(deps, reader, page.language, page.id, article.body, files);
        });
    }

    // Anonymous visitors on a node with the page cache: popular pages repeat.
    // Each is rendered once first; an entry lives 10 s, so a slow loop sees
    // misses again (timed apart).
    web::KbRuntime runtime([](web::KbRuntime::ViewCounts) {});
    deps.kb_runtime = &runtime;
    std::vector<ArticlePage> popular;
    for (int i = 0; i < 100; ++i) popular.push_back(pick());
    for (const auto& page : popular) render_one(deps, page);
    started = std::chrono::steady_clock::now();
    for (int i = 0; i < options.renders && within(options, started); ++i) {
        const auto& page = popular[std::uniform_int_distribution<std::size_t>(0, popular.size() - 1)(rng)];
        auto request = article_request(page);
        const bool cached = runtime.find(request.path) != nullptr;
        const auto response = bench::timed(cached ? out.cached : out.cache_missed,
                                           [&] { return web::kb_article_page(deps, request, web::Visitor{}); });
        if (response.status != 200)
            die("cached article page " + request.path, Error{ErrorCode::internal, "status", {}});
    }
    out.cached_pages = runtime.cached_pages();
    deps.kb_runtime = nullptr;
    return out;
}

}  // namespace

/// The 1-minute load average: the machine is shared, figures depend on it.
std::string load_average() {
    std::ifstream file("/proc/loadavg");
    std::string one;
    file >> one;
    return one.empty() ? "?" : one;
}

/// --sql FILE: each statement of the file (statements end with a line holding
/// only ";;") run 20 times on the database, its plan and percentiles printed:
/// how the query changes of bench/RESULTS.md were tried before being written.
int time_statements(storage::Database& db, const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) {
        std::cerr << "kb_bench: cannot read " << file.string() << "\n";
        return 1;
    }
    std::vector<std::string> statements{""};
    for (std::string line; std::getline(in, line);) {
        if (line == ";;") {
            statements.emplace_back();
        } else {
            statements.back() += line + "\n";
        }
    }
    for (const auto& sql : statements) {
        if (sql.find_first_not_of(" \n") == std::string::npos) continue;
        auto tx = must(db.read(), "read transaction");
        auto plan = tx.query("EXPLAIN QUERY PLAN " + sql);
        std::cout << "----\n" << sql;
        if (!plan) {
            std::cout << "error: " << plan.error().public_message << " " << plan.error().internal_detail << "\n";
            continue;
        }
        for (const auto& row : plan->rows) std::cout << "  plan: " << row.get<std::string>(3) << "\n";
        bench::Samples samples;
        std::size_t rows = 0;
        for (int i = 0; i < 20; ++i) {
            auto result = bench::timed(samples, [&] { return tx.query(sql); });
            if (!result) {
                std::cout << "error: " << result.error().internal_detail << "\n";
                break;
            }
            rows = result->rows.size();
        }
        std::cout << "  rows " << rows << ", p50 " << bench::ms(samples.percentile(50)) << " ms, p95 "
                  << bench::ms(samples.percentile(95)) << " ms, CPU p50 " << bench::ms(samples.cpu_percentile(50))
                  << " ms\n";
    }
    return 0;
}

int main(int argc, char** argv) {
    Options options;
    CLI::App cli{"Knowledge-base benchmark: search and article page percentiles on a generated SQLite database"};
    std::string db_file;
    cli.add_option("--db", db_file, "SQLite database file (default bench/out/kb-<N>.db)");
    cli.add_option("--articles", options.articles, "number of generated articles (default 50000)")
        ->check(CLI::Range(100, 1'000'000));
    cli.add_flag("--quick", options.quick, "5,000 articles and fewer samples: a fast check");
    cli.add_flag("--regenerate", options.regenerate, "generate the database even when it can be reused");
    cli.add_option("--seed", options.seed, "random seed of the generated text and of the samples");
    cli.add_option("--searches", options.searches, "timed searches (default 1200)")->check(CLI::PositiveNumber);
    cli.add_option("--suggestions", options.suggestions, "timed suggestions (default 1200)")
        ->check(CLI::PositiveNumber);
    cli.add_option("--renders", options.renders, "timed article pages (default 2000)")->check(CLI::PositiveNumber);
    cli.add_option("--per-transaction", options.articles_per_transaction, "articles per write transaction")
        ->check(CLI::PositiveNumber);
    cli.add_flag("--generate-only", options.generate_only, "make (or check) the database, then stop");
    cli.add_option("--only", options.only, "time only this part")->check(CLI::IsMember({"search", "render"}));
    cli.add_option("--sql", options.sql, "time the statements of this file (ending with lines \";;\") instead");
    cli.add_option("--budget", options.budget_seconds, "seconds at most per timed loop (default 120)")
        ->check(CLI::PositiveNumber);
    CLI11_PARSE(cli, argc, argv);
    if (options.quick) {
        if (cli.count("--articles") == 0) options.articles = 5'000;
        if (cli.count("--searches") == 0) options.searches = 300;
        if (cli.count("--suggestions") == 0) options.suggestions = 300;
        if (cli.count("--renders") == 0) options.renders = 500;
    }
    const auto label =
        options.articles % 1000 == 0 ? std::to_string(options.articles / 1000) + "k" : std::to_string(options.articles);
    options.db =
        db_file.empty() ? std::filesystem::path("bench/out/kb-" + label + ".db") : std::filesystem::path(db_file);
    spdlog::set_level(spdlog::level::warn);

    auto config = must(app::load_config("", {}), "configuration");
    const auto corpus = must(bench::load_corpus(config.demo_dir / "kb"), "demo content");
    bench::GenerateOptions generate{options.db, options.articles, options.seed, options.articles_per_transaction,
                                    options.regenerate};
    const auto generated = must(bench::prepare_database(config, corpus, generate), "database");
    std::cerr << "kb_bench: " << options.db.string() << ": " << generated.articles << " articles, "
              << (generated.reused ? std::string("reused")
                                   : "generated in " + std::to_string(static_cast<int>(generated.seconds)) + " s")
              << "\n";
    if (options.generate_only) return 0;

    // As `serve` opens it: the configured pool, the schema checked.
    config.database.url = "sqlite:" + options.db.string();
    auto db = must(app::open_database(config, /*require_current=*/true), "open database");
    if (!options.sql.empty()) return time_statements(*db, options.sql);
    audit::AuditLog audit(db->backend());
    const kb::Languages languages{config.default_language, config.languages};
    kb::CatalogueService catalogue(*db, audit, languages);
    kb::ArticleService articles(*db, audit, languages);
    kb::FeedbackService feedback(*db, audit);
    kb::SearchService search(*db, languages);

    const std::string load_before = load_average();
    const bool time_search = options.only != "render";
    const bool time_render = options.only != "search";
    SearchFigures searched;
    if (time_search) {
        std::cerr << "kb_bench: searching\n";
        searched = bench_search(*db, search, options);
    }
    RenderFigures rendered;
    if (time_render) {
        std::cerr << "kb_bench: rendering article pages\n";
        auto presentation = must(app::load_presentation(config), "presentation");
        http::Metrics metrics;
        web::Deps deps{*presentation.i18n,
                       *presentation.templates,
                       presentation.assets,
                       *db,
                       metrics,
                       web::Site{config.brand.name, "", ""},
                       false};
        deps.services.audit = &audit;
        deps.services.kb_catalogue = &catalogue;
        deps.services.kb_articles = &articles;
        deps.services.kb_feedback = &feedback;
        deps.services.kb_search = &search;
        rendered = bench_render(deps, articles, *db, options);
    }

    // ------------------------------------------------------------ report
    std::cout << "## Knowledge base, " << generated.articles << " articles (" << generated.translations
              << " translations, " << generated.visible << " public and published; " << generated.vocabulary
              << " vocabulary words; " << generated.file_bytes / (1024 * 1024) << " MB), SQLite\n\n"
              << "Database " << options.db.string() << ": "
              << (generated.reused ? std::string("reused")
                                   : "generated in " + std::to_string(static_cast<int>(generated.seconds)) + " s")
              << ". Pool of " << config.database.pool_size
              << " connections, one thread; milliseconds, wall-clock and CPU time of the thread. "
              << "Load average (1 min) " << load_before << " before, " << load_average() << " after, on "
              << std::thread::hardware_concurrency() << " cores.\n";

    if (time_search) {
        table_head("Search (anonymous, page 1, 10 per page)");
        row("search, recorded (the search page)", searched.all, verdict(searched.all, 20));
        for (auto& [kind, samples] : searched.by_kind) row("&nbsp;&nbsp;" + kind, samples);
        row("search, not recorded (API repeat pages)", searched.unrecorded);
        row("suggest (search-as-you-type, 8 titles)", searched.suggest);
    }
    if (time_render) {
        table_head("Public article page (anonymous)");
        row("article page, no cache", rendered.uncached, verdict(rendered.uncached, 5));
        row("&nbsp;&nbsp;ArticleService::get", rendered.get);
        row("&nbsp;&nbsp;ArticleService::related (5)", rendered.related);
        row("&nbsp;&nbsp;ArticleService::attachments", rendered.attachments);
        row("&nbsp;&nbsp;article_html (Markdown + kb: links)", rendered.body_html);
        row("article page, KbRuntime cache hit (100 pages repeated)", rendered.cached);
        if (rendered.cache_missed.size() > 0)
            row("&nbsp;&nbsp;the same, entry expired (rendered again)", rendered.cache_missed);
        std::cout << "\nLargest page " << rendered.bytes << " bytes; " << rendered.cached_pages
                  << " pages in the cache at the end.\n";
    }
    if (time_search) {
        std::cout << "\n### Queries\n\n| kind | lang | query | results | did you mean | p50 | p95 | CPU p50 |\n"
                  << "|---|---|---|---:|---|---:|---:|---:|\n";
        for (auto& spec : searched.mix) {
            std::cout << "| " << spec.kind << " | " << spec.language << " | `" << spec.text << "` | "
                      << (spec.total < 0 ? std::string("—") : std::to_string(spec.total) + (spec.capped ? "+" : ""))
                      << " | " << spec.suggestion.value_or("") << " | " << bench::ms(spec.samples.percentile(50))
                      << " | " << bench::ms(spec.samples.percentile(95)) << " | "
                      << bench::ms(spec.samples.cpu_percentile(50)) << " |\n";
        }
    }
    return 0;
}
