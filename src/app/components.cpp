#include "app/components.hpp"

#include "app/config_check.hpp"
#include "storage/migrations.hpp"

namespace comptoir::app {

std::vector<std::filesystem::path> theme_dirs(const Config& config) {
    std::vector<std::filesystem::path> dirs;
    if (!config.theme_dir.empty()) dirs.push_back(config.theme_dir);
    dirs.push_back(config.themes_root / "default");
    return dirs;
}

std::string brand_css(const BrandConfig& brand) {
    return ":root {\n  --brand-primary: " + brand.primary_color +
           ";\n  --brand-primary-contrast: " + brand.primary_contrast + ";\n  --brand-accent: " + brand.accent_color +
           ";\n  --brand-font: " + brand.font + ";\n}\n";
}

Result<std::unique_ptr<storage::Database>> open_database(const Config& config, bool require_current) {
    auto db = storage::open_database(config.database);
    if (!db) return db;
    if (!require_current) return db;
    auto migrations = storage::load_migrations(config.migrations_dir, (*db)->backend());
    if (!migrations) return std::unexpected(migrations.error());
    auto current = storage::current_schema_version(**db);
    if (!current) return std::unexpected(current.error());
    int latest = migrations->empty() ? 0 : migrations->back().version;
    if (*current < latest)
        return fail(ErrorCode::unavailable, "the database schema is at version " + std::to_string(*current) +
                                                " but this comptoir needs " + std::to_string(latest) +
                                                ": run `comptoir migrate` first");
    if (*current > latest)
        return fail(ErrorCode::unavailable, "the database schema is at version " + std::to_string(*current) +
                                                ", newer than this comptoir knows (" + std::to_string(latest) +
                                                "): upgrade comptoir");
    return db;
}

Result<Presentation> load_presentation(const Config& config) {
    // A missing directory or catalogue is the operator's to fix: name the key, not just the file.
    if (auto paths = check_paths(config); !paths) return std::unexpected(paths.error());
    auto i18n = render::I18n::load(config.locales_dir, config.languages, config.default_language);
    if (!i18n) return std::unexpected(i18n.error());
    auto dirs = theme_dirs(config);
    auto catalogues = std::make_unique<render::I18n>(std::move(*i18n));
    auto templates = render::TemplateEngine::load(dirs, *catalogues);
    if (!templates) return std::unexpected(templates.error());
    auto assets = http::AssetStore::load(dirs);
    if (!assets) return std::unexpected(assets.error());
    assets->add("css/brand.css", brand_css(config.brand));
    if (!config.brand.logo.empty()) {
        try {
            (void)assets->url(config.brand.logo);
        } catch (const std::out_of_range&) {
            return fail(ErrorCode::invalid_input, "brand.logo: no asset static/" + config.brand.logo + " in the theme");
        }
    }
    return Presentation{std::move(catalogues), std::move(*templates), std::move(*assets)};
}

}  // namespace comptoir::app
