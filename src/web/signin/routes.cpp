// Routes of sign-in, sign-up, e-mail verification and password reset: public
// pages and forms (the CSRF check uses the anonymous token before sign-in).
#include "web/routes.hpp"
#include "web/guards.hpp"
#include "web/signin/actions.hpp"

namespace comptoir::web {

void register_signin_routes(http::Router& router, const Deps& deps) {
    router.get("/sign-in", public_page(deps, sign_in_page));
    router.post("/sign-in", public_form(deps, sign_in_submit));
    router.get("/sign-in/code", public_page(deps, sign_in_code_page));
    router.post("/sign-in/code", public_form(deps, sign_in_code_submit));
    router.post("/sign-out", public_form(deps, sign_out));
    router.get("/sign-up", public_page(deps, sign_up_page));
    router.post("/sign-up", public_form(deps, sign_up_submit));
    router.get("/verify-email", public_page(deps, verify_email));
    router.get("/password/forgot", public_page(deps, password_forgot_page));
    router.post("/password/forgot", public_form(deps, password_forgot_submit));
    router.get("/password/reset", public_page(deps, password_reset_page));
    router.post("/password/reset", public_form(deps, password_reset_submit));
}

}  // namespace comptoir::web
