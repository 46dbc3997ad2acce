// GET/POST /password/forgot — asks for a reset link. The answer is the same
// whether or not the address has an account.
#include "domain/accounts/auth_service.hpp"
#include "web/dictionary.hpp"
#include "web/errors.hpp"
#include "web/page.hpp"
#include "web/signin/actions.hpp"

namespace comptoir::web {
namespace {

http::Response render(const Deps& deps, const http::Request& request, const Visitor& visitor, std::string_view email,
                      std::string_view error_key, int status) {
    Page page(deps, request, visitor, "pages/signin/forgot", "forgot.title");
    page.dict().SetValue("EMAIL", std::string(email));
    page.use_form();
    if (!error_key.empty()) page.set_error(error_key);
    return page.finish(status);
}

}  // namespace

http::Response password_forgot_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    return render(deps, request, visitor, "", "", 200);
}

http::Response password_forgot_submit(const Deps& deps, http::Request& request, const Visitor& visitor) {
    const std::string email = request.form_param("email").value_or("");
    if (!http::is_valid_utf8(email)) return render(deps, request, visitor, "", "auth.error.email_invalid", 400);
    auto done = deps.services.auth->request_password_reset(email, request_meta(deps, request));
    if (!done) {
        const auto& e = done.error();
        if (e.code == ErrorCode::internal || e.code == ErrorCode::unavailable) return error_page(deps, e, request);
        return render(deps, request, visitor, email, e.public_message, status_for(e.code));
    }
    return message_page(deps, request, visitor, "forgot.sent.title", "forgot.sent.text", "/sign-in", "signin.title");
}

}  // namespace comptoir::web
