// Routes of the organisation area: an org admin's member pages (the service
// answers 404 to anyone who does not manage the organisation) and the public
// invitation pages.
#include "web/routes.hpp"
#include "web/guards.hpp"
#include "web/organisation/actions.hpp"

namespace comptoir::web {

void register_organisation_routes(http::Router& router, const Deps& deps) {
    router.get("/organisation/members", member_page(deps, organisation_members_page));
    // Before /organisation/members/{id}: the first matching route wins.
    router.post("/organisation/members/invite", member_form(deps, organisation_member_invite));
    router.get("/organisation/members/{id}", member_page(deps, organisation_member_page));
    router.post("/organisation/members/{id}", member_form(deps, organisation_member_save));
    router.post("/organisation/settings", member_form(deps, organisation_settings_save));

    router.get("/invitation", public_page(deps, invitation_page));
    router.post("/invitation", public_form(deps, invitation_accept));
}

}  // namespace comptoir::web
