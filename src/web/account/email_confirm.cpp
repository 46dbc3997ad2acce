// POST /account/email/confirm — uses the mailed token: the new address
// replaces the old one, which is notified. Works once.
#include "web/account/actions.hpp"
#include "web/account/views.hpp"
#include "web/dictionary.hpp"
#include "web/errors.hpp"

namespace comptoir::web {

http::Response account_email_confirm(const Deps& deps, http::Request& request, const Visitor& visitor) {
    if (!deps.services.profile) return no_profile_service(deps, request);
    const auto token = request.form_param("token").value_or("");
    auto confirmed = deps.services.profile->confirm_email_change(token, request_meta(deps, request));
    if (!confirmed) {
        const auto code = confirmed.error().code;
        if (code != ErrorCode::not_found && code != ErrorCode::conflict)
            return error_page(deps, confirmed.error(), request);
        Page page(deps, request, visitor, "pages/account/email_confirm", "account.email_confirm.title");
        page.use_form();
        page.set_error(confirmed.error().public_message);
        page.dict().ShowSection("INVALID");
        return page.finish(status_for(code));
    }
    return http::Response::redirect("/account/email/confirm?done=email_changed");
}

}  // namespace comptoir::web
