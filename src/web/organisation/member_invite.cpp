// POST /organisation/members/invite — invites a contact by e-mail. The answer
// is the same whether or not the address already has an account.
#include "web/errors.hpp"
#include "web/organisation/actions.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response organisation_member_invite(const Deps& deps, http::Request& request, const Visitor& visitor) {
    const auto place = own_place(visitor);
    if (!place) return error_page(deps, 404, request);
    return submit_invite(deps, request, visitor, *place);
}

}  // namespace comptoir::web
