#pragma once
// What the account pages share: the forms rendered both by their GET page and
// by the POST that re-shows them after a refusal, the navigation between the
// pages, and the `?done=` notices.
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "domain/accounts/profile_service.hpp"
#include "http/message.hpp"
#include "web/auth.hpp"
#include "web/deps.hpp"
#include "web/page.hpp"

namespace comptoir::web {

/// The profile form's content: values shown and the problem of each field.
struct ProfileForm {
    accounts::ProfileUpdate values;
    std::string email;
    std::vector<accounts::FieldError> errors;
};

/// The security page's state after a refused POST (empty on a plain GET).
struct SecurityForm {
    std::string new_email;       // kept after a refused address change
    std::string password_error;  // catalogue key
    std::string email_error;     // catalogue key
};

/// Languages from the catalogues and time zones checked with ICU.
accounts::ProfileChoices profile_choices(const Deps& deps);

/// Adds the links between account pages; `current` is "profile", "security" or "sessions".
void add_account_nav(Page& page, const Deps& deps, std::string_view current);

/// Sets the notice named by `?done=` when it is one of `allowed` ("saved" →
/// account.notice.saved); anything else is ignored.
void show_done_notice(Page& page, const http::Request& request, std::initializer_list<std::string_view> allowed);

http::Response render_profile(const Deps& deps, const http::Request& request, const Visitor& visitor,
                              const ProfileForm& form, int status = 200);

http::Response render_security(const Deps& deps, const http::Request& request, const Visitor& visitor,
                               const SecurityForm& form, int status = 200);

/// 503 page for an installation built without the profile service (tests of other areas).
http::Response no_profile_service(const Deps& deps, const http::Request& request);

}  // namespace comptoir::web
