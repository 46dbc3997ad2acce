// GET /account/security — password change, e-mail address change and the
// two-step verification status.
#include "web/account/actions.hpp"
#include "web/account/views.hpp"

namespace comptoir::web {

http::Response account_security_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    return render_security(deps, request, visitor, SecurityForm{});
}

}  // namespace comptoir::web
