#include "app/commands.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>

#include "app/components.hpp"
#include "app/config_check.hpp"
#include "app/demo_data.hpp"
#include "app/demo_kb.hpp"
#include "app/mailer.hpp"
#include "app/services.hpp"
#include "core/crypto.hpp"
#include "domain/accounts/users.hpp"
#include "http/access_log.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "storage/migrations.hpp"
#include "web/errors.hpp"
#include "web/kb/runtime.hpp"
#include "web/routes.hpp"

namespace comptoir::app {
namespace {

// Application messages go to stderr as text; the access log (stdout or a
// file) is the machine-readable stream.
void init_logging(const Config& config) {
    auto logger = spdlog::stderr_logger_mt("comptoir");
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ %v", spdlog::pattern_time_type::utc);
    logger->set_level(spdlog::level::from_str(config.log_level));
    spdlog::set_default_logger(logger);
}

int report(const Error& error) {
    std::cerr << "comptoir: " << error.public_message;
    if (!error.internal_detail.empty()) std::cerr << " (" << error.internal_detail << ")";
    std::cerr << "\n";
    return 1;
}

}  // namespace

int serve(const Config& config) {
    init_logging(config);
    crypto::init();
    auto db = open_database(config, /*require_current=*/true);
    if (!db) return report(db.error());
    auto presentation = load_presentation(config);
    if (!presentation) return report(presentation.error());

    http::Metrics metrics;
    std::unique_ptr<http::AccessLog> access_log;
    try {
        access_log = std::make_unique<http::AccessLog>(config.access_log);
    } catch (const std::exception& e) {
        return report(Error{ErrorCode::invalid_input, "log.access: " + std::string(e.what()), {}});
    }
    auto services = build_services(config, **db);
    if (!services) return report(services.error());
    // Rendered public article pages for anonymous visitors and buffered view
    // counts; declared after the services, so it flushes its views before they go.
    web::KbRuntime kb_runtime(*services->kb_articles);
    web::Deps deps{*presentation->i18n,
                   *presentation->templates,
                   presentation->assets,
                   **db,
                   metrics,
                   web::Site{config.brand.name, config.brand.logo, config.public_url},
                   config.test_routes,
                   services->view()};
    deps.site.self_registration = config.auth.self_registration;
    deps.kb_runtime = &kb_runtime;
    http::Router router;
    web::register_routes(router, deps);

    http::Server server(
        config.server, router,
        [&deps](int status, const http::Request& request) { return web::error_page(deps, status, request); }, metrics,
        *access_log);
    if (auto listening = server.listen(); !listening) return report(listening.error());
    // Mail waits in the outbox table; this node delivers its share in the background.
    auto outbox = make_outbox_worker(config, **db, *presentation->i18n, *presentation->templates, deps.site);
    outbox->start();
    // Printed whatever the log level: scripts and tests wait for this line.
    const auto& host = config.server.host;
    std::cerr << "comptoir listening on http://" << (host.find(':') != std::string::npos ? "[" + host + "]" : host)
              << ":" << server.port() << " (" << storage::to_string((*db)->backend()) << " database, "
              << config.server.io_threads << " io threads, " << config.server.worker_threads << " workers)"
              << std::endl;
    server.run();
    outbox->stop();
    spdlog::info("comptoir stopped");
    return 0;
}

int migrate(const Config& config) {
    auto db = open_database(config, /*require_current=*/false);
    if (!db) return report(db.error());
    auto migrations = storage::load_migrations(config.migrations_dir, (*db)->backend());
    if (!migrations) return report(migrations.error());
    auto applied = storage::migrate(**db, *migrations);
    if (!applied) return report(applied.error());
    auto version = storage::current_schema_version(**db);
    if (!version) return report(version.error());
    std::cout << "comptoir: applied " << *applied << " migration(s); schema version " << *version << "\n";
    return 0;
}

namespace {
/// The demo administrator, who authors the demo knowledge base.
Result<accounts::Principal> demo_author(storage::Database& db) {
    auto tx = db.read();
    if (!tx) return std::unexpected(tx.error());
    auto user = accounts::find_user_by_email(*tx, kDemoAuthorEmail);
    if (!user) return std::unexpected(user.error());
    if (!*user) return fail(ErrorCode::not_found, "demo administrator missing");
    accounts::Principal principal;
    principal.user_id = (*user)->id;
    principal.role = accounts::Role::admin;
    principal.display_name = (*user)->display_name;
    principal.language = (*user)->language;
    return principal;
}
}  // namespace

int seed_demo(const Config& config) {
    crypto::init();
    auto db = open_database(config, /*require_current=*/true);
    if (!db) return report(db.error());
    auto logins = load_demo_data(**db);
    if (!logins) return report(logins.error());
    auto services = build_services(config, **db);
    if (!services) return report(services.error());
    auto author = demo_author(**db);
    if (!author) return report(author.error());
    auto knowledge =
        load_demo_knowledge_base(config.demo_dir / "kb", *services->kb_catalogue, *services->kb_articles, *author);
    if (!knowledge) return report(knowledge.error());
    if (!knowledge->already_loaded)
        std::cout << "Knowledge base: " << knowledge->categories << " categories, " << knowledge->articles
                  << " articles, " << knowledge->translations << " translations\n";
    std::cout << "Demo logins (staff set up two-step verification at their first sign-in):\n";
    for (const auto& login : *logins)
        std::cout << "  " << login.role << "\t" << login.email << "\t" << login.password << "\t(" << login.who << ")\n";
    return 0;
}

int check_config(const Config& config) {
    auto presentation = load_presentation(config);
    if (!presentation) return report(presentation.error());
    // A schema that is behind is the normal state before `comptoir migrate`:
    // reported, not an error. An unreachable database is one.
    auto database = check_database(config);
    if (!database) {
        std::cerr << "comptoir: " << database.error().public_message << "\n";
        return 1;
    }
    std::cout << "comptoir: configuration OK\n"
              << "comptoir: " << *database << "\n";
    return 0;
}

}  // namespace comptoir::app
