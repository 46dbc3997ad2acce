// POST /admin/agents — an admin invites a new agent or admin by e-mail. The
// answer is the same whether or not the address already has an account.
#include "domain/accounts/organisation_service.hpp"
#include "web/admin/actions.hpp"
#include "web/admin/views.hpp"
#include "web/errors.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response admin_agent_create(const Deps& deps, http::Request& request, const Visitor& visitor) {
    auto* service = deps.services.organisations;
    if (!service) return no_organisation_service(deps, request);
    AgentForm form;
    form.email = request.form_param("email").value_or("");
    form.display_name = request.form_param("display_name").value_or("");
    form.role = request.form_param("role").value_or("agent");
    form.language = request.form_param("language").value_or("");
    if (!http::is_valid_utf8(form.email) || !http::is_valid_utf8(form.display_name)) {
        form = AgentForm{};
        form.error_key = "admin.error.form_invalid";
        return render_users(deps, request, visitor, form, 400);
    }
    const auto role = accounts::parse_role(form.role);
    if (!role || !deps.i18n.supports(form.language)) {
        form.error_key = !role ? "admin.error.role_invalid" : "admin.error.language_invalid";
        form.role = "agent";
        return render_users(deps, request, visitor, form, 400);
    }
    accounts::NewAgent agent{form.email, form.display_name, *role, form.language, deps.site.brand_name};
    auto done = service->create_agent(*visitor.principal, agent, request_meta(deps, request));
    if (!done) {
        const auto& e = done.error();
        if (e.code != ErrorCode::invalid_input) return error_page(deps, e, request);
        form.error_key = e.public_message;
        return render_users(deps, request, visitor, form, 400);
    }
    return http::Response::redirect("/admin/users?done=agent_invited");
}

}  // namespace comptoir::web
