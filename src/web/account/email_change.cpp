// POST /account/email — asks to change the e-mail address (current password
// required); the link goes to the new address. The answer is the same whether
// or not the new address already has an account.
#include "web/account/actions.hpp"
#include "web/account/views.hpp"
#include "web/errors.hpp"

namespace comptoir::web {

http::Response account_email_change(const Deps& deps, http::Request& request, const Visitor& visitor) {
    if (!deps.services.profile) return no_profile_service(deps, request);
    const auto new_email = request.form_param("new_email").value_or("");
    const auto password = request.form_param("password").value_or("");
    auto requested = deps.services.profile->request_email_change(*visitor.principal, password, new_email,
                                                                 request_meta(deps, request));
    if (!requested) {
        const auto code = requested.error().code;
        if (code != ErrorCode::invalid_input && code != ErrorCode::rate_limited)
            return error_page(deps, requested.error(), request);
        SecurityForm form;
        form.new_email = new_email.size() <= 254 ? new_email : "";
        form.email_error = requested.error().public_message;
        return render_security(deps, request, visitor, form, status_for(code));
    }
    return http::Response::redirect("/account/security?done=email_sent");
}

}  // namespace comptoir::web
