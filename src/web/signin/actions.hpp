#pragma once
// Sign-in, sign-up, e-mail verification and password reset pages.
#include "http/message.hpp"
#include "web/auth.hpp"
#include "web/deps.hpp"

namespace comptoir::web {

http::Response sign_in_page(const Deps& deps, http::Request& request, const Visitor& visitor);       // sign_in.cpp
http::Response sign_in_submit(const Deps& deps, http::Request& request, const Visitor& visitor);     // sign_in.cpp
http::Response sign_in_code_page(const Deps& deps, http::Request& request, const Visitor& visitor);  // sign_in_code.cpp
http::Response sign_in_code_submit(const Deps& deps, http::Request& request,
                                   const Visitor& visitor);                                       // sign_in_code.cpp
http::Response sign_out(const Deps& deps, http::Request& request, const Visitor& visitor);        // sign_out.cpp
http::Response sign_up_page(const Deps& deps, http::Request& request, const Visitor& visitor);    // sign_up.cpp
http::Response sign_up_submit(const Deps& deps, http::Request& request, const Visitor& visitor);  // sign_up.cpp
http::Response verify_email(const Deps& deps, http::Request& request, const Visitor& visitor);    // verify_email.cpp
http::Response password_forgot_page(const Deps& deps, http::Request& request,
                                    const Visitor& visitor);  // password_forgot.cpp
http::Response password_forgot_submit(const Deps& deps, http::Request& request,
                                      const Visitor& visitor);  // password_forgot.cpp
http::Response password_reset_page(const Deps& deps, http::Request& request,
                                   const Visitor& visitor);  // password_reset.cpp
http::Response password_reset_submit(const Deps& deps, http::Request& request,
                                     const Visitor& visitor);  // password_reset.cpp

/// A page with a title, a message and a link (sign-up done, link invalid…).
http::Response message_page(const Deps& deps, const http::Request& request, const Visitor& visitor,
                            std::string_view title_key, std::string_view text_key, std::string_view link,
                            std::string_view link_key, int status = 200);  // message_page.cpp

}  // namespace comptoir::web
