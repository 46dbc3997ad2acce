// Routes of the signed-in user's own account: profile, security, devices.
#include "web/routes.hpp"
#include "web/account/actions.hpp"
#include "web/guards.hpp"

namespace comptoir::web {

void register_account_routes(http::Router& router, const Deps& deps) {
    router.get("/account", member_page(deps, account_profile_page));
    router.post("/account", member_form(deps, account_profile_save));
    router.get("/account/security", member_page(deps, account_security_page));
    router.post("/account/password", member_form(deps, account_password_change));
    router.post("/account/email", member_form(deps, account_email_change));
    // The mailed token authorises on its own: the link works in any browser.
    router.get("/account/email/confirm", public_page(deps, account_email_confirm_page));
    router.post("/account/email/confirm", public_form(deps, account_email_confirm));
    router.get("/account/sessions", member_page(deps, account_sessions_page));
    router.post("/account/sessions/revoke-others", member_form(deps, account_sessions_revoke_others));
    router.post("/account/sessions/{id}/revoke", member_form(deps, account_session_revoke));
}

}  // namespace comptoir::web
