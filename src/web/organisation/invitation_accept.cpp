// POST /invitation — accepts an invitation: the token (hidden field), a name,
// a password and its confirmation. Then the person signs in.
#include "web/errors.hpp"
#include "web/organisation/actions.hpp"
#include "web/organisation/views.hpp"
#include "web/signin/actions.hpp"

namespace comptoir::web {

http::Response invitation_accept(const Deps& deps, http::Request& request, const Visitor& visitor) {
    auto* service = deps.services.organisations;
    if (!service) return no_organisation_service(deps, request);
    const std::string token = request.form_param("token").value_or("");
    const std::string name = request.form_param("display_name").value_or("");
    const std::string password = request.form_param("password").value_or("");
    auto link_invalid = [&] {
        return message_page(deps, request, visitor, "auth.link_invalid.title", "organisation.invitation.invalid",
                            "/sign-in", "signin.title", 404);
    };
    // Checked first so that a refused form can be shown again with its address.
    auto invitation = service->peek_invitation(token);
    if (!invitation) {
        if (invitation.error().code != ErrorCode::not_found) return error_page(deps, invitation.error(), request);
        return link_invalid();
    }
    if (!http::is_valid_utf8(name))
        return render_invitation(deps, request, visitor, token, *invitation, "", "auth.error.invalid_text", 400);
    if (password != request.form_param("password_confirm").value_or(""))
        return render_invitation(deps, request, visitor, token, *invitation, name, "auth.error.password_mismatch", 400);
    auto accepted = service->accept_invitation(token, name, password, request_meta(deps, request));
    if (!accepted) {
        const auto& e = accepted.error();
        if (e.code == ErrorCode::not_found) return link_invalid();
        if (e.code != ErrorCode::invalid_input) return error_page(deps, e, request);
        return render_invitation(deps, request, visitor, token, *invitation, name, e.public_message, 400);
    }
    return http::Response::redirect("/sign-in?done=invitation_accepted");
}

}  // namespace comptoir::web
