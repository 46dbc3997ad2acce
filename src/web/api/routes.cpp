// Routes of the api area: the integration API (JSON, Bearer keys only) and the
// admin pages that manage its keys and browse the audit trail.
#include "web/routes.hpp"
#include "web/api/actions.hpp"
#include "web/api/api.hpp"
#include "web/guards.hpp"

namespace comptoir::web {
namespace {

http::Handler api_route(const Deps& deps, std::string_view scope, api::ApiAction action) {
    const Deps* d = &deps;
    return [d, scope, action](http::Request& request) { return api::guarded(*d, request, scope, action); };
}

}  // namespace

void register_api_routes(http::Router& router, const Deps& deps) {
    // Integration API: the scope each resource needs ("" = any valid key).
    router.get("/api/v1/whoami", api_route(deps, "", api_whoami));
    router.get("/api/v1/organisations", api_route(deps, "organisations:read", api_organisations));
    router.get("/api/v1/organisations/{id}/users", api_route(deps, "users:read", api_organisation_users));
    router.get("/api/v1/kb/categories", api_route(deps, "kb:read", api_kb_categories));
    router.get("/api/v1/kb/categories/{id}/sections", api_route(deps, "kb:read", api_kb_sections));
    router.get("/api/v1/kb/articles", api_route(deps, "kb:read", api_kb_articles));
    router.get("/api/v1/kb/articles/{id}", api_route(deps, "kb:read", api_kb_article));
    router.get("/api/v1/kb/search", api_route(deps, "kb:read", api_kb_search));

    // Admin pages
    router.get("/admin/api-keys", admin_page(deps, api_keys_page));
    router.post("/admin/api-keys", admin_form(deps, api_key_create));
    router.post("/admin/api-keys/{id}/revoke", admin_form(deps, api_key_revoke));
    router.get("/admin/audit", admin_page(deps, audit_page));
    router.post("/admin/audit/verify", admin_form(deps, audit_verify));
}

}  // namespace comptoir::web
