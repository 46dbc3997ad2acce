#pragma once
// Pages of the second factor (TOTP and recovery codes), under /account/mfa.
// A user who must enrol (staff, or an organisation that requires MFA) can
// reach these pages and no others (see guards.hpp).
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "http/message.hpp"
#include "web/auth.hpp"
#include "web/deps.hpp"

namespace comptoir::web {

http::Response mfa_page(const Deps& deps, http::Request& request, const Visitor& visitor);        // mfa_page.cpp
http::Response mfa_setup(const Deps& deps, http::Request& request, const Visitor& visitor);       // mfa_setup.cpp
http::Response mfa_confirm(const Deps& deps, http::Request& request, const Visitor& visitor);     // mfa_confirm.cpp
http::Response mfa_regenerate(const Deps& deps, http::Request& request, const Visitor& visitor);  // mfa_regenerate.cpp
http::Response mfa_disable(const Deps& deps, http::Request& request, const Visitor& visitor);     // mfa_disable.cpp

// Shared views (mfa_views.cpp).

/// The MFA page in its current state (off, pending, on); `error` (a catalogue
/// key) shows in the error banner, `status` is the response status.
http::Response render_mfa_status(const Deps& deps, const http::Request& request, const Visitor& visitor,
                                 std::string_view error = {}, std::string_view notice = {}, int status = 200);
/// The ten recovery codes, shown once (the response is never cached).
http::Response render_recovery_codes(const Deps& deps, const http::Request& request, const Visitor& visitor,
                                     const std::vector<std::string>& codes, std::string_view notice);
/// A failed form submission: the status page again with the error banner, or
/// the error page for failures that are not the user's input.
http::Response mfa_form_failure(const Deps& deps, const http::Request& request, const Visitor& visitor,
                                const Error& error);

}  // namespace comptoir::web
