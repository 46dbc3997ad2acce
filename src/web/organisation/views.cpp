#include "web/organisation/views.hpp"

#include <charconv>

#include "web/dictionary.hpp"
#include "web/errors.hpp"

namespace comptoir::web {
namespace {

using accounts::Role;

// Statuses that mean "the page could not be built", as opposed to a refusal
// the form explains.
bool is_fault(const Error& e) {
    return e.code == ErrorCode::internal || e.code == ErrorCode::unavailable || e.code == ErrorCode::not_found ||
           e.code == ErrorCode::forbidden || e.code == ErrorCode::unauthenticated;
}

}  // namespace

MembersPlace org_admin_place(std::int64_t org_id) {
    return {org_id,
            "/organisation/members",
            "/organisation/members",
            "/organisation/members/invite",
            "/organisation/settings",
            false};
}

MembersPlace staff_place(std::int64_t org_id) {
    const std::string base = "/admin/organisations/" + std::to_string(org_id);
    return {org_id, base, base + "/members", base + "/invite", base + "/settings", true};
}

std::optional<MembersPlace> own_place(const Visitor& visitor) {
    if (!visitor.principal || !visitor.principal->organisation_id) return std::nullopt;
    return org_admin_place(*visitor.principal->organisation_id);
}

std::optional<std::int64_t> id_param(const http::Request& request, std::string_view name) {
    const auto it = request.params.find(name);
    if (it == request.params.end() || it->second.empty() || it->second.size() > 18) return std::nullopt;
    std::int64_t id = 0;
    const auto* end = it->second.data() + it->second.size();
    auto [ptr, ec] = std::from_chars(it->second.data(), end, id);
    if (ec != std::errc() || ptr != end || id <= 0) return std::nullopt;
    return id;
}

void show_done(Page& page, const http::Request& request, std::string_view prefix,
               std::initializer_list<std::string_view> allowed) {
    const auto done = request.query_param("done");
    if (!done) return;
    for (auto key : allowed)
        if (*done == key) page.set_notice(std::string(prefix) + std::string(key));
}

std::string role_label(const Page& page, Role role) {
    return std::string(page.t("organisation.role." + std::string(accounts::to_string(role))));
}

std::string status_label(const Page& page, const accounts::Member& member) {
    if (!member.active) return std::string(page.t("organisation.status.inactive"));
    if (member.pending) return std::string(page.t("organisation.status.pending"));
    return std::string(page.t("organisation.status.active"));
}

http::Response no_organisation_service(const Deps& deps, const http::Request& request) {
    return error_page(deps, 503, request);
}

http::Response render_members(const Deps& deps, const http::Request& request, const Visitor& visitor,
                              const MembersPlace& place, const InviteForm& form, int status, const RenameForm& rename) {
    auto* service = deps.services.organisations;
    if (!service) return no_organisation_service(deps, request);
    const auto& who = *visitor.principal;
    auto org = service->get_organisation(who, place.org_id);
    if (!org) return error_page(deps, org.error(), request);
    auto members = service->list_members(who, place.org_id);
    if (!members) return error_page(deps, members.error(), request);

    Page page(deps, request, visitor, "pages/organisation/members", "organisation.members.title");
    page.use_form();
    page.set_title(page.format("organisation.members.heading", {{"organisation", org->name}}));
    show_done(page, request, "organisation.done.",
              {"invited", "saved", "settings_saved", "created", "renamed", "deactivated", "reactivated"});
    auto& dict = page.dict();
    dict.SetValue("HEADING", page.format("organisation.members.heading", {{"organisation", org->name}}));
    if (place.staff_view) {
        auto* staff = dict.AddSectionDictionary("STAFF_VIEW");
        staff->SetValue("SLUG", org->slug);
        staff->SetIntValue("MEMBER_COUNT", org->member_count);
        staff->SetValue(
            "STATUS", std::string(page.t(org->active ? "organisation.status.active" : "organisation.status.inactive")));
        if (!org->active) staff->ShowSection("INACTIVE");
        if (who.admin()) {
            auto* manage = staff->AddSectionDictionary("MANAGE_ORGANISATION");
            manage->SetValue("RENAME_ACTION", place.members_url + "/rename");
            manage->SetValue("NAME", rename.name.empty() ? org->name : rename.name);
            manage->SetValue("STATUS_URL", place.members_url + "/status");
            manage->ShowSection(org->active ? "CAN_DEACTIVATE" : "CAN_REACTIVATE");
            if (!rename.error_key.empty()) {
                manage->AddSectionDictionary("RENAME_ERROR")
                    ->SetValue("MESSAGE", std::string(page.t(rename.error_key)));
                page.set_error(rename.error_key);
            }
        }
    }
    // A deactivated organisation takes no invitation (the service refuses it).
    if (org->active) dict.ShowSection("INVITE");
    for (const auto& m : *members) {
        auto* row = dict.AddSectionDictionary("MEMBER");
        row->SetIntValue("ID", m.id);
        row->SetValue("NAME", m.display_name);
        row->SetValue("EMAIL", m.email);
        row->SetValue("ROLE", role_label(page, m.role));
        row->SetValue("VISIBILITY_CODE", m.sees_organisation ? "organisation" : "own");
        row->SetValue("VISIBILITY", std::string(page.t(m.sees_organisation ? "organisation.visibility.organisation"
                                                                           : "organisation.visibility.own")));
        row->SetValue("STATUS", status_label(page, m));
        row->SetValue("MANAGE_URL", place.member_base + "/" + std::to_string(m.id));
        if (m.id == who.user_id) row->ShowSection("SELF");
    }
    if (members->empty()) dict.ShowSection("NO_MEMBERS");

    dict.SetValue("INVITE_ACTION", place.invite_action);
    dict.SetValue("INVITE_EMAIL", form.email);
    dict.SetValue("INVITE_NAME", form.display_name);
    dict.ShowSection(form.role == "org_admin" ? "ROLE_ORG_ADMIN_SELECTED" : "ROLE_CUSTOMER_SELECTED");
    dict.ShowSection(form.visibility == "organisation" ? "VIS_ORGANISATION_SELECTED" : "VIS_OWN_SELECTED");
    add_language_choices(dict, deps, form.language.empty() ? org->default_language : form.language);
    if (!form.error_key.empty()) {
        dict.AddSectionDictionary("INVITE_ERROR")->SetValue("MESSAGE", std::string(page.t(form.error_key)));
        page.set_error(form.error_key);
    }
    dict.SetValue("SETTINGS_ACTION", place.settings_action);
    if (org->require_mfa) dict.ShowSection("REQUIRE_MFA");
    return page.finish(status);
}

http::Response render_member(const Deps& deps, const http::Request& request, const Visitor& visitor,
                             const MembersPlace& place, std::int64_t user_id, std::string_view error_key, int status) {
    auto* service = deps.services.organisations;
    if (!service) return no_organisation_service(deps, request);
    auto member = service->get_member(*visitor.principal, place.org_id, user_id);
    if (!member) return error_page(deps, member.error(), request);

    Page page(deps, request, visitor, "pages/organisation/member", "organisation.member.title");
    page.use_form();
    page.set_title(member->display_name);
    show_done(page, request, "organisation.done.", {"saved"});
    auto& dict = page.dict();
    dict.SetValue("NAME", member->display_name);
    dict.SetValue("EMAIL", member->email);
    dict.SetValue("STATUS", status_label(page, *member));
    dict.SetValue("FORM_ACTION", place.member_base + "/" + std::to_string(member->id));
    dict.SetValue("BACK_URL", place.members_url);
    dict.ShowSection(member->role == Role::org_admin ? "ROLE_ORG_ADMIN_SELECTED" : "ROLE_CUSTOMER_SELECTED");
    dict.ShowSection(member->sees_organisation ? "VIS_ORGANISATION_SELECTED" : "VIS_OWN_SELECTED");
    dict.ShowSection(member->active ? "ACTIVE_SELECTED" : "INACTIVE_SELECTED");
    if (member->pending) dict.ShowSection("PENDING");
    if (member->id == visitor.principal->user_id) dict.ShowSection("SELF");
    if (!error_key.empty()) page.set_error(error_key);
    return page.finish(status);
}

http::Response render_invitation(const Deps& deps, const http::Request& request, const Visitor& visitor,
                                 std::string_view token, const accounts::InvitationView& invitation,
                                 std::string_view display_name, std::string_view error_key, int status) {
    Page page(deps, request, visitor, "pages/organisation/invitation", "organisation.invitation.title");
    page.use_form();
    auto& dict = page.dict();
    dict.SetValue("TOKEN", std::string(token));
    dict.SetValue("EMAIL", invitation.email);
    dict.SetValue("DISPLAY_NAME", std::string(display_name));
    if (!invitation.organisation_name.empty()) {
        dict.ShowSection("HAS_ORGANISATION");
        dict.SetValue("ORGANISATION", invitation.organisation_name);
    }
    if (!error_key.empty()) page.set_error(error_key);
    // The token is in the URL: sent to this site only ("no-referrer" would
    // make the browser post the form with Origin: null, refused as CSRF).
    page.headers().set("Referrer-Policy", "same-origin");
    return page.finish(status);
}

http::Response submit_invite(const Deps& deps, http::Request& request, const Visitor& visitor,
                             const MembersPlace& place) {
    auto* service = deps.services.organisations;
    if (!service) return no_organisation_service(deps, request);
    InviteForm form;
    form.email = request.form_param("email").value_or("");
    form.display_name = request.form_param("display_name").value_or("");
    form.role = request.form_param("role").value_or("customer");
    form.visibility = request.form_param("visibility").value_or("own");
    form.language = request.form_param("language").value_or("");
    if (!http::is_valid_utf8(form.email) || !http::is_valid_utf8(form.display_name)) {
        form = InviteForm{};
        form.error_key = "organisation.error.form_invalid";
        return render_members(deps, request, visitor, place, form, 400);
    }
    const auto role = accounts::parse_role(form.role);
    if (!role || (form.visibility != "own" && form.visibility != "organisation") ||
        (!form.language.empty() && !deps.i18n.supports(form.language))) {
        form.error_key = !role ? "organisation.error.role_invalid" : "organisation.error.form_invalid";
        form.role = "customer";
        return render_members(deps, request, visitor, place, form, 400);
    }
    accounts::Invite invite{form.email, form.display_name, *role, form.visibility == "organisation", form.language};
    auto done = service->invite(*visitor.principal, place.org_id, invite, request_meta(deps, request));
    if (!done) {
        if (is_fault(done.error())) return error_page(deps, done.error(), request);
        form.error_key = done.error().public_message;
        return render_members(deps, request, visitor, place, form, status_for(done.error().code));
    }
    return http::Response::redirect(place.members_url + "?done=invited");
}

http::Response submit_member(const Deps& deps, http::Request& request, const Visitor& visitor,
                             const MembersPlace& place, std::int64_t user_id) {
    auto* service = deps.services.organisations;
    if (!service) return no_organisation_service(deps, request);
    // Only these three fields are read; organisation_id, email… are ignored.
    accounts::MemberChange change;
    bool readable = true;
    if (auto role = request.form_param("role")) {
        change.role = accounts::parse_role(*role);
        readable = readable && change.role.has_value();
    }
    if (auto visibility = request.form_param("visibility")) {
        readable = readable && (*visibility == "own" || *visibility == "organisation");
        change.sees_organisation = *visibility == "organisation";
    }
    if (auto active = request.form_param("active")) {
        readable = readable && (*active == "1" || *active == "0");
        change.active = *active == "1";
    }
    if (!readable) return render_member(deps, request, visitor, place, user_id, "organisation.error.form_invalid", 400);
    auto done = service->set_member(*visitor.principal, place.org_id, user_id, change, request_meta(deps, request));
    if (!done) {
        if (is_fault(done.error())) return error_page(deps, done.error(), request);
        return render_member(deps, request, visitor, place, user_id, done.error().public_message,
                             status_for(done.error().code));
    }
    return http::Response::redirect(place.members_url + "?done=saved");
}

http::Response submit_settings(const Deps& deps, http::Request& request, const Visitor& visitor,
                               const MembersPlace& place) {
    auto* service = deps.services.organisations;
    if (!service) return no_organisation_service(deps, request);
    // An unticked box is not sent at all.
    const bool required = request.form_param("require_mfa").has_value();
    auto done = service->set_require_mfa(*visitor.principal, place.org_id, required, request_meta(deps, request));
    if (!done) return error_page(deps, done.error(), request);
    return http::Response::redirect(place.members_url + "?done=settings_saved");
}

}  // namespace comptoir::web
