// GET/POST /sign-in/code — the second step for accounts with MFA: a code from
// the authenticator app or one of the recovery codes. The session from the
// first step gets a new token once the code is right.
#include "domain/accounts/auth_service.hpp"
#include "web/dictionary.hpp"
#include "web/errors.hpp"
#include "web/page.hpp"
#include "web/signin/actions.hpp"

namespace comptoir::web {
namespace {

bool waiting_for_code(const Visitor& visitor) {
    return visitor.session && visitor.session->session.stage == accounts::SessionStage::mfa;
}

http::Response render(const Deps& deps, const http::Request& request, const Visitor& visitor,
                      std::string_view return_to, std::string_view error_key, int status) {
    Page page(deps, request, visitor, "pages/signin/code", "signin.code.title");
    page.dict().SetValue("RETURN_TO", std::string(return_to));
    page.use_form();
    if (!error_key.empty()) page.set_error(error_key);
    return page.finish(status);
}

}  // namespace

http::Response sign_in_code_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    const std::string return_to = safe_return_to(request.query_param("return_to").value_or("/"));
    if (visitor.signed_in()) return http::Response::redirect(return_to);
    if (!waiting_for_code(visitor)) return http::Response::redirect("/sign-in");
    return render(deps, request, visitor, return_to, "", 200);
}

http::Response sign_in_code_submit(const Deps& deps, http::Request& request, const Visitor& visitor) {
    const std::string return_to = safe_return_to(request.form_param("return_to").value_or("/"));
    if (!waiting_for_code(visitor)) return http::Response::redirect("/sign-in");
    const std::string code = request.form_param("code").value_or("");
    if (code.empty() || code.size() > 64 || !http::is_valid_utf8(code))
        return render(deps, request, visitor, return_to, "mfa.error.invalid_code", 400);
    auto session = deps.services.auth->complete_mfa(visitor.session->session.id, code, request_meta(deps, request));
    if (!session) {
        const auto& e = session.error();
        if (e.code == ErrorCode::internal || e.code == ErrorCode::unavailable) return error_page(deps, e, request);
        if (e.public_message == "auth.error.session_ended") return http::Response::redirect("/sign-in");
        return render(deps, request, visitor, return_to, e.public_message, status_for(e.code));
    }
    auto response = http::Response::redirect(return_to);
    set_session_cookie(response, request, session->token);
    return response;
}

}  // namespace comptoir::web
