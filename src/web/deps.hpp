#pragma once
// What page actions need, built once by the composition root (src/app) and
// passed by reference: no globals.
#include <string>

#include "http/assets.hpp"
#include "http/metrics.hpp"
#include "render/i18n.hpp"
#include "render/templates.hpp"
#include "storage/database.hpp"

namespace comptoir::web {

/// Operator settings the pages show.
struct Site {
    std::string brand_name = "Comptoir";
    std::string logo_asset;  // logical asset path ("img/logo.svg"); empty: the name is the logo
    std::string public_url;  // "https://support.example.com"; empty: taken from the Host header
};

struct Deps {
    const render::I18n& i18n;
    const render::TemplateEngine& templates;
    const http::AssetStore& assets;
    storage::Database& db;
    const http::Metrics& metrics;
    Site site;
    bool test_routes = false;
};

}  // namespace comptoir::web
