#include "web/guards.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "web/errors.hpp"

namespace comptoir::web {

http::Response redirect_to_sign_in(const http::Request& request) {
    const std::string back = safe_return_to(request.target);
    if (back == "/") return http::Response::redirect("/sign-in");
    return http::Response::redirect("/sign-in?return_to=" + boost::urls::encode(back, boost::urls::unreserved_chars));
}

http::Response guarded(const Deps& deps, http::Request& request, PageAction action, Audience audience, bool form) {
    const Visitor visitor = identify(deps, request);
    if (form && !csrf_ok(deps, request, visitor)) {
        return error_page(deps, 403, request);
    }
    if (audience != Audience::anyone) {
        if (!visitor.signed_in()) {
            if (form) return error_page(deps, 403, request);
            return redirect_to_sign_in(request);
        }
        const auto& who = *visitor.principal;
        // Pages for staff do not exist for anyone else: 404 rather than a hint.
        if ((audience == Audience::staff && !who.staff()) || (audience == Audience::admin && !who.admin()))
            return error_page(deps, 404, request);
        if (visitor.must_enrol_mfa && !request.path.starts_with("/account/mfa") && request.path != "/sign-out")
            return http::Response::redirect("/account/mfa");
    }
    return action(deps, request, visitor);
}

}  // namespace comptoir::web
