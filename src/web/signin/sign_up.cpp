// GET/POST /sign-up — self-registration, when the operator allows it. The
// answer is the same whether or not the address already has an account: a
// mail tells its owner what to do.
#include "domain/accounts/auth_service.hpp"
#include "web/dictionary.hpp"
#include "web/errors.hpp"
#include "web/page.hpp"
#include "web/signin/actions.hpp"

namespace comptoir::web {
namespace {

struct SignUpForm {
    std::string email, name, organisation;
};

http::Response render(const Deps& deps, const http::Request& request, const Visitor& visitor, const SignUpForm& form,
                      std::string_view error_key, int status) {
    Page page(deps, request, visitor, "pages/signin/sign_up", "signup.title");
    page.dict().SetValue("EMAIL", form.email);
    page.dict().SetValue("NAME", form.name);
    page.dict().SetValue("ORGANISATION", form.organisation);
    page.use_form();
    if (!error_key.empty()) page.set_error(error_key);
    return page.finish(status);
}

}  // namespace

http::Response sign_up_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    if (!deps.site.self_registration) return error_page(deps, 404, request);
    if (visitor.signed_in()) return http::Response::redirect("/");
    return render(deps, request, visitor, {}, "", 200);
}

http::Response sign_up_submit(const Deps& deps, http::Request& request, const Visitor& visitor) {
    if (!deps.site.self_registration) return error_page(deps, 404, request);
    SignUpForm form{request.form_param("email").value_or(""), request.form_param("name").value_or(""),
                    request.form_param("organisation").value_or("")};
    const std::string password = request.form_param("password").value_or("");
    const std::string confirm = request.form_param("password_confirm").value_or("");
    for (const auto* field : {&form.email, &form.name, &form.organisation})
        if (!http::is_valid_utf8(*field)) return render(deps, request, visitor, {}, "auth.error.invalid_text", 400);
    if (password != confirm) return render(deps, request, visitor, form, "auth.error.password_mismatch", 400);

    accounts::SignUp sign_up{form.email, form.name, password, choose_language(request, deps.i18n).lang,
                             form.organisation};
    auto done = deps.services.auth->sign_up(sign_up, request_meta(deps, request));
    if (!done) {
        const auto& e = done.error();
        if (e.code == ErrorCode::internal || e.code == ErrorCode::unavailable) return error_page(deps, e, request);
        return render(deps, request, visitor, form, e.public_message, status_for(e.code));
    }
    return message_page(deps, request, visitor, "signup.sent.title", "signup.sent.text", "/sign-in", "signin.title");
}

}  // namespace comptoir::web
