#pragma once
// Page actions of the organisation area (an org admin manages the members of
// their organisation) and the public invitation pages, one per file; bound in
// routes.cpp. The shared renderers and handlers live in views.hpp.
#include "http/message.hpp"
#include "web/auth.hpp"
#include "web/deps.hpp"

namespace comptoir::web {

http::Response organisation_members_page(const Deps& deps, http::Request& request,
                                         const Visitor& visitor);  // members_page.cpp
http::Response organisation_member_invite(const Deps& deps, http::Request& request,
                                          const Visitor& visitor);  // member_invite.cpp
http::Response organisation_member_page(const Deps& deps, http::Request& request,
                                        const Visitor& visitor);  // member_page.cpp
http::Response organisation_member_save(const Deps& deps, http::Request& request,
                                        const Visitor& visitor);  // member_save.cpp
http::Response organisation_settings_save(const Deps& deps, http::Request& request,
                                          const Visitor& visitor);  // settings_save.cpp
http::Response invitation_page(const Deps& deps, http::Request& request,
                               const Visitor& visitor);  // invitation_page.cpp
http::Response invitation_accept(const Deps& deps, http::Request& request,
                                 const Visitor& visitor);  // invitation_accept.cpp

}  // namespace comptoir::web
