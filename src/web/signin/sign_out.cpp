// POST /sign-out — ends this session (a form, so another site cannot sign the
// visitor out with a link or an image).
#include "domain/accounts/auth_service.hpp"
#include "web/errors.hpp"
#include "web/signin/actions.hpp"

namespace comptoir::web {

http::Response sign_out(const Deps& deps, http::Request& request, const Visitor& visitor) {
    if (visitor.session) {
        auto principal = accounts::to_principal(visitor.session->user, visitor.session->session.id);
        if (auto done = deps.services.auth->sign_out(principal, request_meta(deps, request)); !done)
            return error_page(deps, done.error(), request);
    }
    auto response = http::Response::redirect("/sign-in?done=signed_out");
    clear_session_cookie(response, request);
    return response;
}

}  // namespace comptoir::web
