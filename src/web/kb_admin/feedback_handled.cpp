// POST /admin/kb/feedback/{id}/handled (handled=1|0) — marks a comment
// handled or puts it back in the open tab, then returns to the tab it came from.
#include "domain/kb/feedback_service.hpp"
#include "web/errors.hpp"
#include "web/kb_admin/actions.hpp"
#include "web/kb_admin/views.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response kb_admin_feedback_handled(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_admin;
    if (!services_ready(deps)) return unavailable(deps, request);
    const auto id = id_param(request, "id");
    if (!id) return error_page(deps, 404, request);
    const auto handled_text = request.form_param("handled").value_or("");
    if (handled_text != "1" && handled_text != "0") return error_page(deps, 400, request);
    const bool handled = handled_text == "1";
    auto marked =
        deps.services.kb_feedback->mark_handled(*visitor.principal, *id, handled, request_meta(deps, request));
    if (!marked) return error_page(deps, marked.error(), request);
    // Back to the tab the item was in.
    return http::Response::redirect(std::string("/admin/kb/feedback?handled=") + (handled ? "0" : "1") +
                                    "&done=" + (handled ? "feedback_handled" : "feedback_reopened"));
}

}  // namespace comptoir::web
