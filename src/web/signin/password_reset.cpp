// GET/POST /password/reset?token=… — sets a new password from the e-mailed
// link. The token travels in a hidden field on POST; the page sends a Referer
// only to this site (Referrer-Policy: same-origin, which still lets the
// browser send a real Origin with the form), so the token leaks nowhere.
#include "domain/accounts/auth_service.hpp"
#include "web/dictionary.hpp"
#include "web/errors.hpp"
#include "web/page.hpp"
#include "web/signin/actions.hpp"

namespace comptoir::web {
namespace {

http::Response render(const Deps& deps, const http::Request& request, const Visitor& visitor, std::string_view token,
                      std::string_view error_key, int status) {
    Page page(deps, request, visitor, "pages/signin/reset", "reset.title");
    page.dict().SetValue("TOKEN", std::string(token));
    page.use_form();
    if (!error_key.empty()) page.set_error(error_key);
    page.headers().set("Referrer-Policy", "same-origin");
    return page.finish(status);
}

http::Response link_invalid(const Deps& deps, const http::Request& request, const Visitor& visitor) {
    return message_page(deps, request, visitor, "auth.link_invalid.title", "auth.link_invalid.text", "/password/forgot",
                        "forgot.title", 404);
}

}  // namespace

http::Response password_reset_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    const std::string token = request.query_param("token").value_or("");
    if (auto valid = deps.services.auth->check_reset_token(token); !valid) {
        if (valid.error().code != ErrorCode::not_found) return error_page(deps, valid.error(), request);
        return link_invalid(deps, request, visitor);
    }
    return render(deps, request, visitor, token, "", 200);
}

http::Response password_reset_submit(const Deps& deps, http::Request& request, const Visitor& visitor) {
    const std::string token = request.form_param("token").value_or("");
    const std::string password = request.form_param("password").value_or("");
    if (password != request.form_param("password_confirm").value_or(""))
        return render(deps, request, visitor, token, "auth.error.password_mismatch", 400);
    auto done = deps.services.auth->reset_password(token, password, request_meta(deps, request));
    if (!done) {
        const auto& e = done.error();
        if (e.code == ErrorCode::not_found) return link_invalid(deps, request, visitor);
        if (e.code == ErrorCode::internal || e.code == ErrorCode::unavailable) return error_page(deps, e, request);
        return render(deps, request, visitor, token, e.public_message, status_for(e.code));
    }
    auto response = http::Response::redirect("/sign-in?done=password_reset");
    // The visitor may have been signed in on this browser: that session ended too.
    if (visitor.session) clear_session_cookie(response, request);
    return response;
}

}  // namespace comptoir::web
