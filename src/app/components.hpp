#pragma once
// The composition root's building blocks: each opens or loads one component
// from the configuration, with errors that say what to fix.
#include <memory>
#include <vector>

#include "app/config.hpp"
#include "http/assets.hpp"
#include "render/i18n.hpp"
#include "render/templates.hpp"
#include "storage/database.hpp"

namespace comptoir::app {

/// Theme directories in lookup order: the operator's override, then the default theme.
std::vector<std::filesystem::path> theme_dirs(const Config& config);

/// The brand stylesheet generated from [brand] settings (values are validated by config).
std::string brand_css(const BrandConfig& brand);

/// Opens the database and checks its schema is current (`require_current`).
Result<std::unique_ptr<storage::Database>> open_database(const Config& config, bool require_current);

/// Catalogues, templates and assets: what pages need, loaded once.
struct Presentation {
    std::unique_ptr<render::I18n> i18n;  // stable address: templates may refer to it
    std::unique_ptr<render::TemplateEngine> templates;
    http::AssetStore assets;
};
Result<Presentation> load_presentation(const Config& config);

}  // namespace comptoir::app
