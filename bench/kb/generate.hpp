#pragma once
// The benchmark's database: a migrated SQLite file holding a generated
// knowledge base (10 categories × 10 sections, N articles in fr and en),
// made once and reused while it holds the requested number of articles.
#include <cstdint>
#include <filesystem>

#include "app/config.hpp"
#include "core/error.hpp"
#include "corpus.hpp"

namespace comptoir::bench {

struct GenerateOptions {
    std::filesystem::path file;  // the SQLite database file
    std::int64_t articles = 50'000;
    std::uint64_t seed = 20261129;
    int articles_per_transaction = 2'000;
    bool regenerate = false;  // even when the file holds the right count
};

struct GenerateReport {
    bool reused = false;
    double seconds = 0;  // generation time (0 when reused)
    std::int64_t articles = 0;
    std::int64_t translations = 0;
    std::int64_t visible = 0;  // published and public: what an anonymous reader finds
    std::int64_t vocabulary = 0;
    std::uintmax_t file_bytes = 0;
};

/// Makes `options.file` hold the generated knowledge base (see the header
/// comment), printing progress to stderr. `config` gives the migrations directory.
Result<GenerateReport> prepare_database(const app::Config& config, const Corpus& corpus,
                                        const GenerateOptions& options);

}  // namespace comptoir::bench
