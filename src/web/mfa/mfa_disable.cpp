// POST /account/mfa/disable — turns two-step verification off (password
// required; refused when the role or the organisation requires it).
#include "domain/accounts/mfa.hpp"
#include "web/mfa/actions.hpp"

namespace comptoir::web {

http::Response mfa_disable(const Deps& deps, http::Request& request, const Visitor& visitor) {
    const std::string password = request.form_param("password").value_or("");
    auto done = deps.services.mfa->disable(*visitor.principal, password, request_meta(deps, request));
    if (!done) return mfa_form_failure(deps, request, visitor, done.error());
    return http::Response::redirect("/account/mfa?done=disabled");
}

}  // namespace comptoir::web
