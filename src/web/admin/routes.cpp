// Routes of the admin area. Staff (agents and admins) read; admins change
// accounts and organisations (create, rename, deactivate); agents also manage
// organisations' members.
// Anyone else gets 404 (guards.hpp). /admin/audit and /admin/api-keys are
// registered by the api area.
#include "web/routes.hpp"
#include "web/admin/actions.hpp"
#include "web/guards.hpp"

namespace comptoir::web {

void register_admin_routes(http::Router& router, const Deps& deps) {
    router.get("/admin", staff_page(deps, admin_home));

    router.get("/admin/organisations", staff_page(deps, admin_organisations_page));
    router.post("/admin/organisations", admin_form(deps, admin_organisation_create));
    router.get("/admin/organisations/{id}", staff_page(deps, admin_organisation_page));
    router.post("/admin/organisations/{id}/invite", staff_form(deps, admin_organisation_invite));
    router.post("/admin/organisations/{id}/settings", staff_form(deps, admin_organisation_settings));
    router.post("/admin/organisations/{id}/rename", admin_form(deps, admin_organisation_rename));
    // Deactivation signs every member out: a confirmation page comes first.
    router.get("/admin/organisations/{id}/status", admin_page(deps, admin_organisation_status_page));
    router.post("/admin/organisations/{id}/status", admin_form(deps, admin_organisation_status_save));
    router.get("/admin/organisations/{id}/members/{user_id}", staff_page(deps, admin_member_page));
    router.post("/admin/organisations/{id}/members/{user_id}", staff_form(deps, admin_member_save));

    router.get("/admin/users", staff_page(deps, admin_users_page));
    router.get("/admin/users/{id}", staff_page(deps, admin_user_page));
    router.post("/admin/users/{id}", admin_form(deps, admin_user_save));
    router.post("/admin/users/{id}/end-sessions", admin_form(deps, admin_user_end_sessions));
    router.post("/admin/agents", admin_form(deps, admin_agent_create));
}

}  // namespace comptoir::web
