// GET /account/mfa — two-step verification: its state and what can be done
// (set up, confirm the pending set-up, regenerate recovery codes, turn off).
#include "web/mfa/actions.hpp"

namespace comptoir::web {
namespace {

// Confirmations the POST actions redirect with (?done=…); anything else is ignored.
std::string_view notice_for(std::string_view done) {
    if (done == "started") return "mfa.done.started";
    if (done == "disabled") return "mfa.done.disabled";
    return {};
}

}  // namespace

http::Response mfa_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    const std::string done = request.query_param("done").value_or("");
    return render_mfa_status(deps, request, visitor, {}, notice_for(done));
}

}  // namespace comptoir::web
