// POST /account/sessions/revoke-others — signs out every other session of the user.
#include "web/account/actions.hpp"
#include "web/account/views.hpp"
#include "web/errors.hpp"

namespace comptoir::web {

http::Response account_sessions_revoke_others(const Deps& deps, http::Request& request, const Visitor& visitor) {
    if (!deps.services.profile) return no_profile_service(deps, request);
    auto ended = deps.services.profile->revoke_other_sessions(*visitor.principal, request_meta(deps, request));
    if (!ended) return error_page(deps, ended.error(), request);
    return http::Response::redirect("/account/sessions?done=others_revoked");
}

}  // namespace comptoir::web
