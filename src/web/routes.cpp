// The whole HTTP surface of Comptoir, in one table.
#include "web/routes.hpp"

#include "web/actions.hpp"

namespace comptoir::web {

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
    router.get("/", bind(home_page));
    router.get("/search", bind(search_page));

    // Sections that later issues fill in.
    static constexpr std::string_view sections[][2] = {
        {"/kb", "kb"},
        {"/faq", "faq"},
        {"/tickets", "tickets"},
        {"/orders", "orders"},
        {"/billing", "billing"},
        {"/appointments", "appointments"},
        {"/community", "community"},
        {"/assistant", "assistant"},
        {"/sign-in", "signin"},
    };
    for (const auto& [path, name] : sections)
        router.get(std::string(path), [d, name](http::Request& request) { return section_page(*d, request, name); });

    if (deps.test_routes) router.get("/__test/sleep", bind(test_sleep));
}

}  // namespace comptoir::web
