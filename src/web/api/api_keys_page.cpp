// GET /admin/api-keys — every API key (never a secret) and the form that creates one.
#include <algorithm>
#include <chrono>

#include "web/api/actions.hpp"
#include "web/api/api_keys_view.hpp"
#include "web/dictionary.hpp"
#include "web/errors.hpp"
#include "web/page.hpp"

namespace comptoir::web {

std::string scope_label_key(std::string_view scope) {
    std::string key = "admin_api.scope.";
    for (char c : scope) key += (c == ':') ? '_' : c;
    return key;
}

std::string admin_date(const Deps& deps, std::string_view lang, const Visitor& visitor, std::int64_t unix_seconds) {
    const std::string zone = visitor.principal ? visitor.principal->time_zone : std::string("UTC");
    return deps.i18n.format_date_time(lang,
                                      std::chrono::system_clock::from_time_t(static_cast<std::time_t>(unix_seconds)),
                                      zone.empty() ? "UTC" : zone);
}

http::Response render_api_keys(const Deps& deps, http::Request& request, const Visitor& visitor, int status,
                               const ApiKeyForm& form, std::string_view error_key, std::string_view notice_key) {
    auto keys = deps.services.api_keys->list(*visitor.principal);
    if (!keys) return error_page(deps, keys.error(), request);

    Page page(deps, request, visitor, "pages/api/api_keys", "admin_api.keys.title");
    auto& dict = page.dict();
    if (keys->empty())
        dict.ShowSection("NO_KEYS");
    else
        dict.ShowSection("HAS_KEYS");
    for (const auto& key : *keys) {
        auto* row = dict.AddSectionDictionary("KEY");
        row->SetValue("NAME", key.name);
        row->SetValue("PREFIX", key.prefix);
        std::string scopes;
        for (const auto& scope : key.scopes) scopes += (scopes.empty() ? "" : ", ") + scope;
        row->SetValue("SCOPES", scopes);
        std::string created = admin_date(deps, page.lang(), visitor, key.created_at);
        if (!key.created_by_email.empty()) created += " · " + key.created_by_email;
        row->SetValue("CREATED", created);
        row->SetValue("LAST_USED", key.last_used_at ? admin_date(deps, page.lang(), visitor, *key.last_used_at)
                                                    : std::string(page.t("admin_api.keys.never")));
        if (key.revoked()) {
            row->AddSectionDictionary("REVOKED")->SetValue("REVOKED_AT",
                                                           admin_date(deps, page.lang(), visitor, *key.revoked_at));
        } else {
            row->AddSectionDictionary("ACTIVE")->SetValue("REVOKE_URL",
                                                          "/admin/api-keys/" + std::to_string(key.id) + "/revoke");
        }
    }
    dict.SetValue("NAME_VALUE", form.name);
    for (std::string_view scope : accounts::kApiScopes) {
        auto* box = dict.AddSectionDictionary("SCOPE");
        box->SetValue("VALUE", std::string(scope));
        std::string id = "scope-" + std::string(scope);
        for (auto& c : id)
            if (c == ':') c = '-';
        box->SetValue("FIELD_ID", id);
        box->SetValue("LABEL", std::string(page.t(scope_label_key(scope))));
        if (std::find(form.scopes.begin(), form.scopes.end(), scope) != form.scopes.end()) box->ShowSection("CHECKED");
    }
    if (!error_key.empty()) page.set_error(error_key);
    if (!notice_key.empty()) page.set_notice(notice_key);
    return page.finish(status);
}

http::Response api_keys_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    std::string_view notice;
    if (auto done = request.query_param("done")) {
        if (*done == "revoked") notice = "admin_api.notice.revoked";
    }
    return render_api_keys(deps, request, visitor, 200, {}, {}, notice);
}

}  // namespace comptoir::web
