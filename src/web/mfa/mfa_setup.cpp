// POST /account/mfa/setup — starts (or restarts) enrolment with a new secret
// (password required); the MFA page then shows its QR code.
#include "domain/accounts/mfa.hpp"
#include "web/mfa/actions.hpp"

namespace comptoir::web {

http::Response mfa_setup(const Deps& deps, http::Request& request, const Visitor& visitor) {
    const std::string password = request.form_param("password").value_or("");
    auto begun = deps.services.mfa->begin_enrolment(*visitor.principal, password, request_meta(deps, request));
    if (!begun) return mfa_form_failure(deps, request, visitor, begun.error());
    return http::Response::redirect("/account/mfa?done=started");
}

}  // namespace comptoir::web
