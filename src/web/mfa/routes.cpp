// Routes of the second factor: every page needs a signed-in user; a user who
// must enrol is let through to these (guards.cpp).
#include "web/routes.hpp"
#include "web/guards.hpp"
#include "web/mfa/actions.hpp"

namespace comptoir::web {

void register_mfa_routes(http::Router& router, const Deps& deps) {
    router.get("/account/mfa", member_page(deps, mfa_page));
    router.post("/account/mfa/setup", member_form(deps, mfa_setup));
    router.post("/account/mfa/confirm", member_form(deps, mfa_confirm));
    router.post("/account/mfa/recovery-codes", member_form(deps, mfa_regenerate));
    router.post("/account/mfa/disable", member_form(deps, mfa_disable));
}

}  // namespace comptoir::web
