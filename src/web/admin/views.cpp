#include "web/admin/views.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <charconv>
#include <vector>

#include "domain/accounts/organisation_service.hpp"
#include "web/dictionary.hpp"
#include "web/errors.hpp"
#include "web/organisation/views.hpp"
#include "web/page.hpp"

namespace comptoir::web {
namespace {

using accounts::Role;

constexpr std::size_t kMaxQueryBytes = 200;

std::string encoded(std::string_view text) { return boost::urls::encode(text, boost::urls::unreserved_chars); }

// Previous/next links that keep the query (already URL-encoded in `base`).
void add_paging(ctemplate::TemplateDictionary& dict, const std::string& base, int page, bool has_more) {
    if (page > 1) dict.AddSectionDictionary("PREVIOUS")->SetValue("URL", base + "&page=" + std::to_string(page - 1));
    if (has_more) dict.AddSectionDictionary("NEXT")->SetValue("URL", base + "&page=" + std::to_string(page + 1));
}

bool readable_query(const std::string& q) { return http::is_valid_utf8(q) && q.size() <= kMaxQueryBytes; }

}  // namespace

int page_number(const http::Request& request) {
    const auto text = request.query_param("page").value_or("1");
    int page = 1;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), page);
    if (ec != std::errc() || ptr != text.data() + text.size() || page < 1 || page > 100000) return 1;
    return page;
}

http::Response render_organisations(const Deps& deps, const http::Request& request, const Visitor& visitor,
                                    const OrganisationForm& form, int status) {
    auto* service = deps.services.organisations;
    if (!service) return no_organisation_service(deps, request);
    const std::string q = request.query_param("q").value_or("");
    if (!readable_query(q)) return error_page(deps, 400, request);
    const auto& who = *visitor.principal;
    auto found = service->search_organisations(who, q, page_number(request));
    if (!found) return error_page(deps, found.error(), request);

    Page page(deps, request, visitor, "pages/admin/organisations", "admin.organisations.title");
    page.use_form();
    auto& dict = page.dict();
    dict.SetValue("QUERY", q);
    for (const auto& org : found->items) {
        auto* row = dict.AddSectionDictionary("ORGANISATION");
        row->SetIntValue("ID", org.id);
        row->SetValue("NAME", org.name);
        row->SetValue("SLUG", org.slug);
        row->SetIntValue("MEMBER_COUNT", org.member_count);
        row->SetValue("MFA", std::string(page.t(org.require_mfa ? "admin.yes" : "admin.no")));
        row->SetValue("STATUS",
                      std::string(page.t(org.active ? "organisation.status.active" : "organisation.status.inactive")));
    }
    if (found->items.empty()) dict.ShowSection("NO_RESULTS");
    add_paging(dict, "/admin/organisations?q=" + encoded(q), found->page, found->has_more);
    if (who.admin()) {
        auto* create = dict.AddSectionDictionary("CREATE");
        create->SetValue("NAME", form.name);
        create->SetValue("SLUG", form.slug);
        add_language_choices(*create, deps, form.language.empty() ? page.lang() : form.language);
        if (!form.error_key.empty()) {
            create->AddSectionDictionary("CREATE_ERROR")->SetValue("MESSAGE", std::string(page.t(form.error_key)));
            page.set_error(form.error_key);
        }
    }
    return page.finish(status);
}

http::Response render_organisation_status(const Deps& deps, const http::Request& request, const Visitor& visitor,
                                          std::int64_t org_id, std::string_view error_key, int status) {
    auto* service = deps.services.organisations;
    if (!service) return no_organisation_service(deps, request);
    const auto& who = *visitor.principal;
    // Only admins change an organisation's status: anyone else finds no such page.
    if (!who.admin()) return error_page(deps, 404, request);
    auto org = service->get_organisation(who, org_id);
    if (!org) return error_page(deps, org.error(), request);

    const bool deactivating = org->active;
    Page page(deps, request, visitor, "pages/admin/organisation_status",
              deactivating ? "admin.organisation.deactivate_title" : "admin.organisation.reactivate_title");
    page.use_form();
    auto& dict = page.dict();
    const std::string base = "/admin/organisations/" + std::to_string(org->id);
    const std::vector<std::pair<std::string, render::MessageArg>> args{{"organisation", org->name},
                                                                       {"count", org->member_count}};
    const std::string heading = page.format(
        deactivating ? "admin.organisation.deactivate_heading" : "admin.organisation.reactivate_heading", args);
    page.set_title(heading);
    dict.SetValue("HEADING", heading);
    dict.SetValue("BACK_URL", base);
    dict.SetValue("ACTION", base + "/status");
    dict.SetValue("ACTIVE_VALUE", deactivating ? "0" : "1");
    dict.SetValue("INTRO", page.format(deactivating ? "admin.organisation.deactivate_intro"
                                                    : "admin.organisation.reactivate_intro",
                                       args));
    dict.SetValue("CONFIRM_LABEL", page.format(deactivating ? "admin.organisation.deactivate_confirm"
                                                            : "admin.organisation.reactivate_confirm",
                                               args));
    dict.ShowSection(deactivating ? "DEACTIVATE" : "REACTIVATE");
    if (!error_key.empty()) {
        dict.AddSectionDictionary("ERROR")->SetValue("MESSAGE", std::string(page.t(error_key)));
        page.set_error(error_key);
    }
    return page.finish(status);
}

http::Response render_users(const Deps& deps, const http::Request& request, const Visitor& visitor,
                            const AgentForm& form, int status) {
    auto* service = deps.services.organisations;
    if (!service) return no_organisation_service(deps, request);
    const std::string q = request.query_param("q").value_or("");
    if (!readable_query(q)) return error_page(deps, 400, request);
    const std::string role_text = request.query_param("role").value_or("");
    const auto role = accounts::parse_role(role_text);  // anything else: every role
    const auto& who = *visitor.principal;
    auto found = service->search_users(who, q, role, page_number(request));
    if (!found) return error_page(deps, found.error(), request);

    Page page(deps, request, visitor, "pages/admin/users", "admin.users.title");
    page.use_form();
    show_done(page, request, "admin.done.", {"agent_invited"});
    auto& dict = page.dict();
    dict.SetValue("QUERY", q);
    for (Role r : {Role::customer, Role::org_admin, Role::agent, Role::admin}) {
        auto* option = dict.AddSectionDictionary("ROLE_FILTER");
        option->SetValue("CODE", std::string(accounts::to_string(r)));
        option->SetValue("LABEL", role_label(page, r));
        if (role == r) option->ShowSection("SELECTED");
    }
    for (const auto& u : found->items) {
        auto* row = dict.AddSectionDictionary("USER");
        row->SetIntValue("ID", u.id);
        row->SetValue("NAME", u.display_name);
        row->SetValue("EMAIL", u.email);
        row->SetValue("ROLE", role_label(page, u.role));
        row->SetValue("ORGANISATION", u.organisation_name);
        row->SetValue("STATUS", status_label(page, u));
    }
    if (found->items.empty()) dict.ShowSection("NO_RESULTS");
    add_paging(dict, "/admin/users?q=" + encoded(q) + "&role=" + (role ? std::string(accounts::to_string(*role)) : ""),
               found->page, found->has_more);
    if (who.admin()) {
        auto* create = dict.AddSectionDictionary("CREATE");
        create->SetValue("EMAIL", form.email);
        create->SetValue("NAME", form.display_name);
        create->ShowSection(form.role == "admin" ? "ROLE_ADMIN_SELECTED" : "ROLE_AGENT_SELECTED");
        add_language_choices(*create, deps, form.language.empty() ? page.lang() : form.language);
        if (!form.error_key.empty()) {
            create->AddSectionDictionary("CREATE_ERROR")->SetValue("MESSAGE", std::string(page.t(form.error_key)));
            page.set_error(form.error_key);
        }
    }
    return page.finish(status);
}

http::Response render_user(const Deps& deps, const http::Request& request, const Visitor& visitor, std::int64_t user_id,
                           std::string_view error_key, int status) {
    auto* service = deps.services.organisations;
    if (!service) return no_organisation_service(deps, request);
    const auto& who = *visitor.principal;
    auto user = service->get_user(who, user_id);
    if (!user) return error_page(deps, user.error(), request);

    Page page(deps, request, visitor, "pages/admin/user", "admin.user.title");
    page.use_form();
    page.set_title(user->display_name);
    show_done(page, request, "admin.done.", {"user_saved", "sessions_ended"});
    auto& dict = page.dict();
    dict.SetIntValue("ID", user->id);
    dict.SetValue("NAME", user->display_name);
    dict.SetValue("EMAIL", user->email);
    dict.SetValue("ROLE", role_label(page, user->role));
    dict.SetValue("STATUS", status_label(page, *user));
    dict.SetValue("MFA", std::string(page.t(user->mfa_enabled ? "admin.yes" : "admin.no")));
    if (user->organisation_id) {
        auto* org = dict.AddSectionDictionary("ORGANISATION");
        org->SetIntValue("ORG_ID", *user->organisation_id);
        org->SetValue("ORG_NAME", user->organisation_name);
    }
    if (who.admin()) {
        auto* manage = dict.AddSectionDictionary("MANAGE");
        // A role stays within its kind: contacts have an organisation, staff none.
        const bool staff = accounts::is_staff(user->role);
        const std::vector<Role> choices =
            staff ? std::vector<Role>{Role::agent, Role::admin} : std::vector<Role>{Role::customer, Role::org_admin};
        for (Role r : choices) {
            auto* option = manage->AddSectionDictionary("ROLE_CHOICE");
            option->SetValue("CODE", std::string(accounts::to_string(r)));
            option->SetValue("LABEL", role_label(page, r));
            if (r == user->role) option->ShowSection("SELECTED");
        }
        manage->ShowSection(user->active ? "ACTIVE_SELECTED" : "INACTIVE_SELECTED");
        if (user->id == who.user_id) manage->ShowSection("SELF");
    }
    if (!error_key.empty()) page.set_error(error_key);
    return page.finish(status);
}

}  // namespace comptoir::web
