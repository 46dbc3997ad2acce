// POST /organisation/settings — whether every contact of the organisation must
// use two-step verification.
#include "web/errors.hpp"
#include "web/organisation/actions.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response organisation_settings_save(const Deps& deps, http::Request& request, const Visitor& visitor) {
    const auto place = own_place(visitor);
    if (!place) return error_page(deps, 404, request);
    return submit_settings(deps, request, visitor, *place);
}

}  // namespace comptoir::web
