// POST /admin/api-keys/{id}/revoke — revokes a key at once; calls made with it
// fail from the next request on.
#include <charconv>

#include "domain/accounts/api_keys.hpp"
#include "web/api/actions.hpp"
#include "web/errors.hpp"

namespace comptoir::web {

http::Response api_key_revoke(const Deps& deps, http::Request& request, const Visitor& visitor) {
    const std::string& text = request.params["id"];
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc{} || end != text.data() + text.size() || id <= 0) return error_page(deps, 404, request);
    auto revoked = deps.services.api_keys->revoke(*visitor.principal, id, request_meta(deps, request));
    if (!revoked) return error_page(deps, revoked.error(), request);
    return http::Response::redirect("/admin/api-keys?done=revoked");
}

}  // namespace comptoir::web
