#pragma once
// The API keys page, shared by its GET action and by the create form when it
// must be shown again with an error.
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"
#include "web/auth.hpp"
#include "web/deps.hpp"

namespace comptoir::web {

/// Fields typed into the create form, kept when it is shown again.
struct ApiKeyForm {
    std::string name;
    std::vector<std::string> scopes;
};

/// Renders the list and the create form with `status`; `error_key` and
/// `notice_key` (catalogue keys, may be empty) set the banners.
http::Response render_api_keys(const Deps& deps, http::Request& request, const Visitor& visitor, int status,
                               const ApiKeyForm& form, std::string_view error_key = {},
                               std::string_view notice_key = {});

/// "organisations:read" → "admin_api.scope.organisations_read", its label's key.
std::string scope_label_key(std::string_view scope);

/// A date in the admin's language and time zone.
std::string admin_date(const Deps& deps, std::string_view lang, const Visitor& visitor, std::int64_t unix_seconds);

}  // namespace comptoir::web
