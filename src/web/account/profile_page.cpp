// GET /account — the profile and preferences form, filled from the database.
#include "web/account/actions.hpp"
#include "web/account/views.hpp"
#include "web/errors.hpp"

namespace comptoir::web {

http::Response account_profile_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    if (!deps.services.profile) return no_profile_service(deps, request);
    auto profile = deps.services.profile->profile(*visitor.principal);
    if (!profile) return error_page(deps, profile.error(), request);
    ProfileForm form;
    form.email = profile->email;
    form.values.display_name = profile->display_name;
    form.values.phone = profile->phone;
    form.values.postal_address = profile->postal_address;
    form.values.billing_address = profile->billing_address;
    form.values.language = profile->language;
    form.values.time_zone = profile->time_zone;
    form.values.notify_updates = profile->notify_updates;
    form.values.notify_news = profile->notify_news;
    return render_profile(deps, request, visitor, form);
}

}  // namespace comptoir::web
