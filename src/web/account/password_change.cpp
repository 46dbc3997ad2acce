// POST /account/password — changes the password (current one required); the
// other sessions end. A refusal re-shows the security page, passwords never kept.
#include "web/account/actions.hpp"
#include "web/account/views.hpp"
#include "web/errors.hpp"

namespace comptoir::web {

http::Response account_password_change(const Deps& deps, http::Request& request, const Visitor& visitor) {
    if (!deps.services.profile) return no_profile_service(deps, request);
    const auto current = request.form_param("current_password").value_or("");
    const auto fresh = request.form_param("new_password").value_or("");
    const auto again = request.form_param("new_password_confirm");
    SecurityForm form;
    if (current.empty()) {
        form.password_error = "account.error.current_password_required";
        return render_security(deps, request, visitor, form, 400);
    }
    // The confirmation is the page's own safeguard against a typo; clients
    // without it (scripts) rely on the current password alone.
    if (again && *again != fresh) {
        form.password_error = "account.error.password_mismatch";
        return render_security(deps, request, visitor, form, 400);
    }
    auto changed =
        deps.services.profile->change_password(*visitor.principal, current, fresh, request_meta(deps, request));
    if (!changed) {
        const auto code = changed.error().code;
        if (code != ErrorCode::invalid_input && code != ErrorCode::rate_limited && code != ErrorCode::conflict)
            return error_page(deps, changed.error(), request);
        form.password_error = changed.error().public_message;
        return render_security(deps, request, visitor, form, status_for(code));
    }
    return http::Response::redirect("/account/security?done=password_changed");
}

}  // namespace comptoir::web
