// GET /invitation?token=… — the e-mailed invitation link: asks the invited
// person for a name and a password. The page sends no Referer, so the token
// does not leak to other sites.
#include "web/dictionary.hpp"
#include "web/errors.hpp"
#include "web/organisation/actions.hpp"
#include "web/organisation/views.hpp"
#include "web/signin/actions.hpp"

namespace comptoir::web {

http::Response invitation_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    auto* service = deps.services.organisations;
    if (!service) return no_organisation_service(deps, request);
    const std::string token = request.query_param("token").value_or("");
    auto invitation = service->peek_invitation(token);
    if (!invitation) {
        if (invitation.error().code != ErrorCode::not_found) return error_page(deps, invitation.error(), request);
        return message_page(deps, request, visitor, "auth.link_invalid.title", "organisation.invitation.invalid",
                            "/sign-in", "signin.title", 404);
    }
    return render_invitation(deps, request, visitor, token, *invitation, invitation->display_name, {}, 200);
}

}  // namespace comptoir::web
