// POST /account/mfa/confirm — the first code from the authenticator turns MFA
// on; the answer shows the ten recovery codes, once.
#include "domain/accounts/mfa.hpp"
#include "web/mfa/actions.hpp"

namespace comptoir::web {

http::Response mfa_confirm(const Deps& deps, http::Request& request, const Visitor& visitor) {
    const std::string code = request.form_param("code").value_or("");
    auto codes = deps.services.mfa->confirm_enrolment(*visitor.principal, code, request_meta(deps, request));
    if (!codes) return mfa_form_failure(deps, request, visitor, codes.error());
    // Shown in the answer to the POST rather than after a redirect: no URL can show them again.
    return render_recovery_codes(deps, request, visitor, *codes, "mfa.done.enabled");
}

}  // namespace comptoir::web
