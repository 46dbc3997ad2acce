#pragma once
// Page actions of the admin area (staff: agents read, admins change), one per
// file; bound in routes.cpp. /admin/audit and /admin/api-keys live in src/web/api/.
#include "http/message.hpp"
#include "web/auth.hpp"
#include "web/deps.hpp"

namespace comptoir::web {

http::Response admin_home(const Deps& deps, http::Request& request, const Visitor& visitor);  // home_page.cpp
http::Response admin_organisations_page(const Deps& deps, http::Request& request,
                                        const Visitor& visitor);  // organisations_page.cpp
http::Response admin_organisation_create(const Deps& deps, http::Request& request,
                                         const Visitor& visitor);  // organisation_create.cpp
http::Response admin_organisation_page(const Deps& deps, http::Request& request,
                                       const Visitor& visitor);  // organisation_page.cpp
http::Response admin_organisation_invite(const Deps& deps, http::Request& request,
                                         const Visitor& visitor);  // organisation_invite.cpp
http::Response admin_organisation_settings(const Deps& deps, http::Request& request,
                                           const Visitor& visitor);  // organisation_settings.cpp
http::Response admin_organisation_rename(const Deps& deps, http::Request& request,
                                         const Visitor& visitor);  // organisation_rename.cpp
http::Response admin_organisation_status_page(const Deps& deps, http::Request& request,
                                              const Visitor& visitor);  // organisation_status_page.cpp
http::Response admin_organisation_status_save(const Deps& deps, http::Request& request,
                                              const Visitor& visitor);  // organisation_status_save.cpp
http::Response admin_member_page(const Deps& deps, http::Request& request,
                                 const Visitor& visitor);  // member_page.cpp
http::Response admin_member_save(const Deps& deps, http::Request& request,
                                 const Visitor& visitor);                                           // member_save.cpp
http::Response admin_users_page(const Deps& deps, http::Request& request, const Visitor& visitor);  // users_page.cpp
http::Response admin_user_page(const Deps& deps, http::Request& request, const Visitor& visitor);   // user_page.cpp
http::Response admin_user_save(const Deps& deps, http::Request& request, const Visitor& visitor);   // user_save.cpp
http::Response admin_user_end_sessions(const Deps& deps, http::Request& request,
                                       const Visitor& visitor);  // user_end_sessions.cpp
http::Response admin_agent_create(const Deps& deps, http::Request& request,
                                  const Visitor& visitor);  // agent_create.cpp

}  // namespace comptoir::web
