// POST /admin/api-keys — creates a key and shows it this once (no-store): the
// server keeps only its hash, so it can never be shown again.
#include <boost/url/params_view.hpp>

#include "domain/accounts/api_keys.hpp"
#include "web/api/actions.hpp"
#include "web/api/api_keys_view.hpp"
#include "web/dictionary.hpp"
#include "web/errors.hpp"
#include "web/page.hpp"

namespace comptoir::web {
namespace {

// Only the fields this form has are read; anything else in the body is ignored.
ApiKeyForm read_form(const http::Request& request) {
    ApiKeyForm form;
    form.name = request.form_param("name").value_or("");
    try {
        for (const auto& param : boost::urls::params_view(request.body, boost::urls::encoding_opts(true)))
            if (param.key == "scopes" && param.value.size() <= 64) form.scopes.push_back(param.value);
    } catch (const std::exception&) {
        form.scopes.clear();
    }
    if (form.scopes.size() > 16) form.scopes.resize(16);
    return form;
}

}  // namespace

http::Response api_key_create(const Deps& deps, http::Request& request, const Visitor& visitor) {
    ApiKeyForm form = read_form(request);
    auto created =
        deps.services.api_keys->create(*visitor.principal, form.name, form.scopes, request_meta(deps, request));
    if (!created) {
        if (created.error().code != ErrorCode::invalid_input) return error_page(deps, created.error(), request);
        if (form.name.size() > 400) form.name.resize(0);  // do not echo a huge value back
        return render_api_keys(deps, request, visitor, 422, form, created.error().public_message);
    }
    Page page(deps, request, visitor, "pages/api/api_key_created", "admin_api.created.title");
    auto& dict = page.dict();
    dict.SetValue("KEY_NAME", created->info.name);
    std::string scopes;
    for (const auto& scope : created->info.scopes) scopes += (scopes.empty() ? "" : ", ") + scope;
    dict.SetValue("SCOPES", scopes);
    dict.SetValue("NEW_KEY", created->key);
    page.set_notice("admin_api.notice.created");
    // The key is in this body only. Page sends no-store for every signed-in
    // visitor, so no cache or history keeps a copy of it.
    return page.finish(201);
}

}  // namespace comptoir::web
