#pragma once
// Page actions of the signed-in user's own account, one per file; bound in
// routes.cpp. The shared form renderers live in views.hpp.
#include "http/message.hpp"
#include "web/auth.hpp"
#include "web/deps.hpp"

namespace comptoir::web {

http::Response account_profile_page(const Deps& deps, http::Request& request,
                                    const Visitor& visitor);  // profile_page.cpp
http::Response account_profile_save(const Deps& deps, http::Request& request,
                                    const Visitor& visitor);  // profile_save.cpp
http::Response account_security_page(const Deps& deps, http::Request& request,
                                     const Visitor& visitor);  // security_page.cpp
http::Response account_password_change(const Deps& deps, http::Request& request,
                                       const Visitor& visitor);  // password_change.cpp
http::Response account_email_change(const Deps& deps, http::Request& request,
                                    const Visitor& visitor);  // email_change.cpp
http::Response account_email_confirm_page(const Deps& deps, http::Request& request,
                                          const Visitor& visitor);  // email_confirm_page.cpp
http::Response account_email_confirm(const Deps& deps, http::Request& request,
                                     const Visitor& visitor);  // email_confirm.cpp
http::Response account_sessions_page(const Deps& deps, http::Request& request,
                                     const Visitor& visitor);  // sessions_page.cpp
http::Response account_session_revoke(const Deps& deps, http::Request& request,
                                      const Visitor& visitor);  // session_revoke.cpp
http::Response account_sessions_revoke_others(const Deps& deps, http::Request& request,
                                              const Visitor& visitor);  // sessions_revoke_others.cpp

}  // namespace comptoir::web
