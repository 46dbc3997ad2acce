#pragma once
// The demo knowledge base and FAQ of Lumière Énergie, read from
// demo/kb/*.toml (one file per category; format in demo/kb/README.md) and
// written through the knowledge-base services, so the search index, the
// typo vocabulary, revisions and the audit trail are as if authors had
// typed it. Loading is idempotent: nothing happens when a category exists.
#include <filesystem>

#include "core/error.hpp"
#include "domain/accounts/model.hpp"
#include "domain/kb/article_service.hpp"
#include "domain/kb/catalogue_service.hpp"

namespace comptoir::app {

struct DemoKbCounts {
    int categories = 0;
    int articles = 0;
    int translations = 0;
    bool already_loaded = false;
};

Result<DemoKbCounts> load_demo_knowledge_base(const std::filesystem::path& dir, kb::CatalogueService& catalogue,
                                              kb::ArticleService& articles, const accounts::Principal& author);

}  // namespace comptoir::app
