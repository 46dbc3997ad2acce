// POST /admin/users/{id}/end-sessions — an admin signs a user out everywhere
// (a lost laptop, a departing employee); their next request is signed out.
#include "domain/accounts/organisation_service.hpp"
#include "web/admin/actions.hpp"
#include "web/errors.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response admin_user_end_sessions(const Deps& deps, http::Request& request, const Visitor& visitor) {
    auto* service = deps.services.organisations;
    if (!service) return no_organisation_service(deps, request);
    const auto id = id_param(request, "id");
    if (!id) return error_page(deps, 404, request);
    auto ended = service->end_all_sessions(*visitor.principal, *id, request_meta(deps, request));
    if (!ended) return error_page(deps, ended.error(), request);
    // An admin who ends their own sessions has just signed themselves out.
    if (*id == visitor.principal->user_id) {
        auto response = http::Response::redirect("/sign-in");
        clear_session_cookie(response, request);
        return response;
    }
    return http::Response::redirect("/admin/users/" + std::to_string(*id) + "?done=sessions_ended");
}

}  // namespace comptoir::web
