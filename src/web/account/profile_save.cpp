// POST /account — saves the profile form. Only the form's own fields are read
// (an added "role" or "email" is ignored); a refusal re-shows the form with
// the values typed and a message at each wrong field.
#include "web/account/actions.hpp"
#include "web/account/views.hpp"
#include "web/errors.hpp"
#include "web/page.hpp"

namespace comptoir::web {

http::Response account_profile_save(const Deps& deps, http::Request& request, const Visitor& visitor) {
    if (!deps.services.profile) return no_profile_service(deps, request);
    ProfileForm form;
    auto& v = form.values;
    v.display_name = request.form_param("display_name").value_or("");
    v.phone = request.form_param("phone").value_or("");
    v.postal_address = request.form_param("postal_address").value_or("");
    v.billing_address = request.form_param("billing_address").value_or("");
    v.language = request.form_param("language").value_or("");
    v.time_zone = request.form_param("time_zone").value_or("");
    // Unticked boxes are not sent at all.
    v.notify_updates = request.form_param("notify_updates").has_value();
    v.notify_news = request.form_param("notify_news").has_value();
    form.email = visitor.principal->email;

    const auto choices = profile_choices(deps);
    auto saved = deps.services.profile->update_profile(*visitor.principal, v, choices, request_meta(deps, request));
    if (!saved) {
        if (saved.error().code != ErrorCode::invalid_input) return error_page(deps, saved.error(), request);
        form.errors = accounts::check_profile(v, choices);
        form.values = accounts::normalised(v);  // as it would be stored: trimmed, plain line feeds
        if (form.errors.empty()) form.errors.push_back({"display_name", saved.error().public_message});
        return render_profile(deps, request, visitor, form, 400);
    }
    auto response = http::Response::redirect("/account?done=saved");
    // The language just chosen wins over one remembered from the switcher.
    const auto language = accounts::normalised(v).language;
    response.headers.add("Set-Cookie", std::string(kLanguageCookie) + "=" + language +
                                           "; Path=/; Max-Age=31536000; SameSite=Lax" +
                                           (request.secure ? "; Secure" : ""));
    return response;
}

}  // namespace comptoir::web
