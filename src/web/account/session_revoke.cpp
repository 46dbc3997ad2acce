// POST /account/sessions/{id}/revoke — signs out one of the user's sessions.
// Another user's session id is answered exactly like an unknown one: 404.
#include <charconv>

#include "web/account/actions.hpp"
#include "web/account/views.hpp"
#include "web/errors.hpp"

namespace comptoir::web {

http::Response account_session_revoke(const Deps& deps, http::Request& request, const Visitor& visitor) {
    if (!deps.services.profile) return no_profile_service(deps, request);
    const auto& text = request.params["id"];
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return error_page(deps, 404, request);

    const auto& who = *visitor.principal;
    auto revoked = deps.services.profile->revoke_session(who, id, request_meta(deps, request));
    if (!revoked) return error_page(deps, revoked.error(), request);
    if (id == who.session_id) {
        // Signing out this very browser from the list: it is signed out.
        auto response = http::Response::redirect("/sign-in");
        clear_session_cookie(response, request);
        return response;
    }
    return http::Response::redirect("/account/sessions?done=session_revoked");
}

}  // namespace comptoir::web
