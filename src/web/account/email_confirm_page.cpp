// GET /account/email/confirm?token=… — the page behind the link mailed to the
// new address. It only asks for a click: mail scanners that fetch links must
// not use up the token. The token alone authorises, so no sign-in is needed.
#include "web/account/actions.hpp"
#include "web/account/views.hpp"
#include "web/dictionary.hpp"

namespace comptoir::web {

http::Response account_email_confirm_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    if (!deps.services.profile) return no_profile_service(deps, request);
    Page page(deps, request, visitor, "pages/account/email_confirm", "account.email_confirm.title");
    // The token is in this page's URL: sent to this site only. Not
    // "no-referrer": the browser would then post the form with Origin: null,
    // which the CSRF check refuses.
    page.headers().set("Referrer-Policy", "same-origin");
    page.use_form();  // the visitor may be signed out: the anonymous CSRF cookie must go out
    auto& dict = page.dict();
    if (request.query_param("done") == "email_changed") {
        dict.ShowSection("DONE");
        return page.finish();
    }
    const auto token = request.query_param("token").value_or("");
    auto address = token.empty() ? Result<std::string>(fail(ErrorCode::not_found, "account.error.link_invalid"))
                                 : deps.services.profile->peek_email_change(token);
    if (!address) {
        dict.ShowSection("INVALID");
        return page.finish(404);
    }
    auto* valid = dict.AddSectionDictionary("VALID");
    valid->SetValue("QUESTION", page.format("account.email_confirm.question", {{"email", *address}}));
    valid->SetValue("TOKEN", token);
    return page.finish();
}

}  // namespace comptoir::web
