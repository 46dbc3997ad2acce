// The whole HTTP surface of Comptoir: the foundation's routes here, then one
// table per area (see routes.hpp).
#include "web/routes.hpp"

#include "web/actions.hpp"
#include "web/guards.hpp"

namespace comptoir::web {
namespace {

http::Response section_from_path(const Deps& deps, http::Request& request, const Visitor& visitor) {
    return section_page(deps, request, visitor, std::string_view(request.path).substr(1));
}

}  // namespace

void register_routes(http::Router& router, const Deps& deps) {
    using http::Execution;
    const Deps* d = &deps;
    auto bind = [d](http::Response (*action)(const Deps&, http::Request&)) {
        return [d, action](http::Request& request) { return action(*d, request); };
    };

    // Operations
    router.get("/healthz", bind(healthz), Execution::inline_);
    router.get("/readyz", bind(readyz));
    router.get("/metrics", bind(metrics), Execution::inline_);
    router.get_prefix("/static/", bind(static_asset), Execution::inline_);

    // Public pages
    router.get("/", public_page(deps, home_page));

    // Sections that later issues fill in: the section's name is its path.
    for (std::string_view path : {"/tickets", "/orders", "/billing", "/appointments", "/community", "/assistant"})
        router.get(std::string(path), public_page(deps, section_from_path));

    register_signin_routes(router, deps);
    register_account_routes(router, deps);
    register_mfa_routes(router, deps);
    register_organisation_routes(router, deps);
    register_admin_routes(router, deps);
    register_api_routes(router, deps);
    register_kb_routes(router, deps);
    register_kb_admin_routes(router, deps);

    if (deps.test_routes) {
        router.get("/__test/sleep", bind(test_sleep));
        router.get("/__test/fail", bind(test_fail));
    }
}

}  // namespace comptoir::web
