// GET/POST /sign-in — e-mail and password. A second factor, when enrolled, is
// asked next on /sign-in/code. Errors re-show the form with the address kept.
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "domain/accounts/auth_service.hpp"
#include "web/dictionary.hpp"
#include "web/errors.hpp"
#include "web/page.hpp"
#include "web/signin/actions.hpp"

namespace comptoir::web {
namespace {

http::Response render(const Deps& deps, const http::Request& request, const Visitor& visitor, std::string_view email,
                      std::string_view return_to, std::string_view error_key, int status) {
    Page page(deps, request, visitor, "pages/signin/sign_in", "signin.title");
    page.dict().SetValue("EMAIL", std::string(email));
    page.dict().SetValue("RETURN_TO", std::string(return_to));
    if (deps.site.self_registration) page.dict().ShowSection("SIGN_UP");
    if (!error_key.empty()) page.set_error(error_key);
    page.use_form();
    const auto done = request.query_param("done").value_or("");
    if (done == "signed_out" || done == "password_reset" || done == "verified" || done == "invitation_accepted")
        page.set_notice("signin.done." + done);
    return page.finish(status);
}

}  // namespace

http::Response sign_in_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    const std::string return_to = safe_return_to(request.query_param("return_to").value_or("/"));
    if (visitor.signed_in()) return http::Response::redirect(return_to);
    return render(deps, request, visitor, "", return_to, "", 200);
}

http::Response sign_in_submit(const Deps& deps, http::Request& request, const Visitor& visitor) {
    const std::string return_to = safe_return_to(request.form_param("return_to").value_or("/"));
    const std::string email = request.form_param("email").value_or("");
    const std::string password = request.form_param("password").value_or("");
    if (email.empty() || password.empty())
        return render(deps, request, visitor, email, return_to, "auth.error.missing_fields", 400);
    if (!http::is_valid_utf8(email) || email.size() > 254)
        return render(deps, request, visitor, "", return_to, "auth.error.invalid_credentials", 400);

    auto outcome = deps.services.auth->sign_in(email, password, request_meta(deps, request));
    if (!outcome) {
        const auto& e = outcome.error();
        if (e.code == ErrorCode::internal || e.code == ErrorCode::unavailable) return error_page(deps, e, request);
        return render(deps, request, visitor, email, return_to, e.public_message, status_for(e.code));
    }
    // A new token at every sign-in: a cookie planted before cannot ride along.
    http::Response response = http::Response::redirect(
        outcome->mfa_due ? "/sign-in/code?return_to=" + boost::urls::encode(return_to, boost::urls::unreserved_chars)
                         : return_to);
    set_session_cookie(response, request, outcome->session.token);
    return response;
}

}  // namespace comptoir::web
