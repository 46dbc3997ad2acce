// GET /verify-email?token=… — the link of the verification e-mail.
#include "domain/accounts/auth_service.hpp"
#include "web/errors.hpp"
#include "web/signin/actions.hpp"

namespace comptoir::web {

http::Response verify_email(const Deps& deps, http::Request& request, const Visitor& visitor) {
    auto done =
        deps.services.auth->verify_email(request.query_param("token").value_or(""), request_meta(deps, request));
    if (!done) {
        if (done.error().code != ErrorCode::not_found) return error_page(deps, done.error(), request);
        return message_page(deps, request, visitor, "auth.link_invalid.title", "auth.link_invalid.text",
                            "/password/forgot", "forgot.title", 404);
    }
    return http::Response::redirect("/sign-in?done=verified");
}

}  // namespace comptoir::web
