// GET /static/… — theme assets (fingerprinted, immutable, gzip).
#include "web/actions.hpp"
#include "web/errors.hpp"

namespace comptoir::web {

http::Response static_asset(const Deps& deps, http::Request& request) {
    auto response = deps.assets.serve(request);
    if (response.status == 404) return error_page(deps, 404, request);
    return response;
}

}  // namespace comptoir::web
