#pragma once
// Route binders: each wraps a page action with the checks its URL needs, so
// that the checks live here once and routes read as a table of who may do what.
//
//   public_page(d, action)   anyone; the visitor is resolved for the header
//   member_page(d, action)   signed in (else redirect to /sign-in?return_to=…)
//   staff_page / admin_page  signed-in agents and admins / admins only; anyone else gets 404
//   *_form(d, action)        the same for POST, after the CSRF check (403 on failure)
//
// A signed-in user who must set up MFA first (staff, or an organisation that
// requires it) is sent to /account/mfa by every member page except the MFA
// pages and sign-out.
#include <string_view>

#include "http/message.hpp"
#include "http/router.hpp"
#include "web/auth.hpp"
#include "web/deps.hpp"

namespace comptoir::web {

using PageAction = http::Response (*)(const Deps&, http::Request&, const Visitor&);

enum class Audience { anyone, member, staff, admin };

/// The check of one route, applied before its action.
http::Response guarded(const Deps& deps, http::Request& request, PageAction action, Audience audience, bool form);

inline http::Handler bind_page(const Deps& deps, PageAction action, Audience audience, bool form) {
    const Deps* d = &deps;
    return [d, action, audience, form](http::Request& request) { return guarded(*d, request, action, audience, form); };
}
inline http::Handler public_page(const Deps& d, PageAction a) { return bind_page(d, a, Audience::anyone, false); }
inline http::Handler public_form(const Deps& d, PageAction a) { return bind_page(d, a, Audience::anyone, true); }
inline http::Handler member_page(const Deps& d, PageAction a) { return bind_page(d, a, Audience::member, false); }
inline http::Handler member_form(const Deps& d, PageAction a) { return bind_page(d, a, Audience::member, true); }
inline http::Handler staff_page(const Deps& d, PageAction a) { return bind_page(d, a, Audience::staff, false); }
inline http::Handler staff_form(const Deps& d, PageAction a) { return bind_page(d, a, Audience::staff, true); }
inline http::Handler admin_page(const Deps& d, PageAction a) { return bind_page(d, a, Audience::admin, false); }
inline http::Handler admin_form(const Deps& d, PageAction a) { return bind_page(d, a, Audience::admin, true); }

/// Redirect to the sign-in page, coming back to this request's path afterwards.
http::Response redirect_to_sign_in(const http::Request& request);

}  // namespace comptoir::web
