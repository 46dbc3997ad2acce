// Micro-benchmarks of the page path without the network: rendering the home
// and search pages through the real page actions, and the i18n formatters
// they use. Run from the repository root (themes/ and locales/ are read from
// there):
//   cmake --preset release && cmake --build --preset release --target comptoir_bench
//   build/release/comptoir_bench --benchmark_min_time=2
#include <benchmark/benchmark.h>

#include <chrono>
#include <filesystem>

#include "app/components.hpp"
#include "app/config.hpp"
#include "http/metrics.hpp"
#include "web/actions.hpp"

namespace {

using namespace comptoir;

// Everything a page action needs, built once as `serve` builds it.
struct Fixture {
    app::Config config;
    app::Presentation presentation;
    std::unique_ptr<storage::Database> db;
    http::Metrics metrics;
    std::unique_ptr<web::Deps> deps;

    Fixture() {
        auto loaded = app::load_config("", {});
        if (!loaded) throw std::runtime_error(loaded.error().public_message);
        config = *loaded;
        auto file = std::filesystem::temp_directory_path() / "comptoir-bench.db";
        config.database.url = "sqlite:" + file.string();
        auto p = app::load_presentation(config);
        if (!p) throw std::runtime_error(p.error().public_message);
        presentation = std::move(*p);
        auto opened = storage::open_database(config.database);
        if (!opened) throw std::runtime_error(opened.error().public_message);
        db = std::move(*opened);
        deps = std::make_unique<web::Deps>(web::Deps{*presentation.i18n, *presentation.templates, presentation.assets,
                                                     *db, metrics, web::Site{config.brand.name, "", ""}, false});
    }
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

http::Request make_request(std::string target, std::string accept_language) {
    http::Request request;
    request.method = "GET";
    request.target = target;
    auto q = target.find('?');
    request.path = target.substr(0, q);
    if (q != std::string::npos) request.query = target.substr(q + 1);
    request.headers.add("Host", "127.0.0.1:8080");
    request.headers.add("Accept-Language", std::move(accept_language));
    request.request_id = "0123456789abcdef0123456789abcdef";
    return request;
}

void BM_HomePage(benchmark::State& state, const char* accept_language) {
    auto& f = fixture();
    auto request = make_request("/", accept_language);
    std::size_t bytes = 0;
    for (auto _ : state) {
        auto response = web::home_page(*f.deps, request);
        bytes = response.body.size();
        benchmark::DoNotOptimize(response);
    }
    state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK_CAPTURE(BM_HomePage, en, "en-GB,en;q=0.9");
BENCHMARK_CAPTURE(BM_HomePage, fr, "fr-FR,fr;q=0.9");

void BM_SearchPage(benchmark::State& state) {
    auto& f = fixture();
    auto request = make_request("/search?q=facture+impay%C3%A9e&lang=fr", "fr");
    for (auto _ : state) benchmark::DoNotOptimize(web::search_page(*f.deps, request));
}
BENCHMARK(BM_SearchPage);

void BM_NotFoundPage(benchmark::State& state) {
    auto& f = fixture();
    auto request = make_request("/no/such/page", "fr");
    for (auto _ : state) benchmark::DoNotOptimize(web::static_asset(*f.deps, request));
}
BENCHMARK(BM_NotFoundPage);

void BM_PluralMessage(benchmark::State& state) {
    auto& i18n = *fixture().presentation.i18n;
    std::int64_t n = 0;
    for (auto _ : state)
        benchmark::DoNotOptimize(
            i18n.format("fr", "search.results", {{"count", ++n % 5}, {"query", std::string("x")}}));
}
BENCHMARK(BM_PluralMessage);

void BM_Money(benchmark::State& state) {
    auto& i18n = *fixture().presentation.i18n;
    for (auto _ : state) benchmark::DoNotOptimize(i18n.format_money("fr", 123456, "EUR"));
}
BENCHMARK(BM_Money);

void BM_Date(benchmark::State& state) {
    auto& i18n = *fixture().presentation.i18n;
    auto when = std::chrono::system_clock::now();
    for (auto _ : state) benchmark::DoNotOptimize(i18n.format_date("fr", when, "Europe/Paris"));
}
BENCHMARK(BM_Date);

}  // namespace

BENCHMARK_MAIN();
