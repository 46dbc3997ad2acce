// POST /account/mfa/recovery-codes — ten new recovery codes replace the old
// ones (password required); the answer shows them, once.
#include "domain/accounts/mfa.hpp"
#include "web/mfa/actions.hpp"

namespace comptoir::web {

http::Response mfa_regenerate(const Deps& deps, http::Request& request, const Visitor& visitor) {
    const std::string password = request.form_param("password").value_or("");
    auto codes =
        deps.services.mfa->regenerate_recovery_codes(*visitor.principal, password, request_meta(deps, request));
    if (!codes) return mfa_form_failure(deps, request, visitor, codes.error());
    return render_recovery_codes(deps, request, visitor, *codes, "mfa.done.regenerated");
}

}  // namespace comptoir::web
