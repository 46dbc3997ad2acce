#include "web/account/views.hpp"

#include <algorithm>

#include "web/account/time_zones.hpp"
#include "web/dictionary.hpp"
#include "web/errors.hpp"

namespace comptoir::web {
namespace {

// Template section of each profile field's error.
std::string error_section(std::string_view field) {
    std::string out(field);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return out + "_ERROR";
}

void add_time_zone_choices(ctemplate::TemplateDictionary& dict, std::string_view selected) {
    const auto& common = common_time_zones();
    // A valid zone outside the short list (set elsewhere) stays selectable.
    if (!selected.empty() && time_zone_exists(selected) &&
        std::find(common.begin(), common.end(), selected) == common.end()) {
        auto* option = dict.AddSectionDictionary("TIME_ZONE_CHOICE");
        option->SetValue("NAME", std::string(selected));
        option->ShowSection("SELECTED");
    }
    for (const auto& zone : common) {
        auto* option = dict.AddSectionDictionary("TIME_ZONE_CHOICE");
        option->SetValue("NAME", zone);
        if (zone == selected) option->ShowSection("SELECTED");
    }
}

}  // namespace

accounts::ProfileChoices profile_choices(const Deps& deps) {
    accounts::ProfileChoices choices;
    choices.languages = deps.i18n.languages();
    choices.time_zone_exists = &time_zone_exists;
    return choices;
}

void add_account_nav(Page& page, const Deps& deps, std::string_view current) {
    auto* nav = deps.templates.include(page.dict(), "ACCOUNT_NAV", "pages/account/nav", page.lang());
    if (current == "profile") nav->ShowSection("PROFILE_CURRENT");
    if (current == "security") nav->ShowSection("SECURITY_CURRENT");
    if (current == "sessions") nav->ShowSection("SESSIONS_CURRENT");
}

void show_done_notice(Page& page, const http::Request& request, std::initializer_list<std::string_view> allowed) {
    const auto done = request.query_param("done");
    if (!done) return;
    for (auto key : allowed)
        if (*done == key) page.set_notice("account.notice." + std::string(key));
}

http::Response render_profile(const Deps& deps, const http::Request& request, const Visitor& visitor,
                              const ProfileForm& form, int status) {
    Page page(deps, request, visitor, "pages/account/profile", "account.profile.title");
    page.use_form();
    add_account_nav(page, deps, "profile");
    show_done_notice(page, request, {"saved"});
    auto& dict = page.dict();
    const auto& v = form.values;
    dict.SetValue("EMAIL", form.email);
    dict.SetValue("DISPLAY_NAME", v.display_name);
    dict.SetValue("PHONE", v.phone);
    dict.SetValue("POSTAL_ADDRESS", v.postal_address);
    dict.SetValue("BILLING_ADDRESS", v.billing_address);
    add_language_choices(dict, deps, v.language);
    add_time_zone_choices(dict, v.time_zone);
    if (v.notify_updates) dict.ShowSection("NOTIFY_UPDATES");
    if (v.notify_news) dict.ShowSection("NOTIFY_NEWS");
    for (const auto& error : form.errors)
        dict.AddSectionDictionary(error_section(error.field))->SetValue("MESSAGE", std::string(page.t(error.key)));
    if (!form.errors.empty()) page.set_error("account.error.form_invalid");
    return page.finish(status);
}

http::Response render_security(const Deps& deps, const http::Request& request, const Visitor& visitor,
                               const SecurityForm& form, int status) {
    Page page(deps, request, visitor, "pages/account/security", "account.security.title");
    page.use_form();
    add_account_nav(page, deps, "security");
    show_done_notice(page, request, {"password_changed", "email_sent"});
    auto& dict = page.dict();
    const auto& user = visitor.session->user;
    dict.SetValue("EMAIL", user.email);
    dict.SetValue("NEW_EMAIL", form.new_email);
    if (!form.password_error.empty()) {
        dict.AddSectionDictionary("PASSWORD_ERROR")->SetValue("MESSAGE", std::string(page.t(form.password_error)));
        page.set_error(form.password_error);
    }
    if (!form.email_error.empty()) {
        dict.AddSectionDictionary("EMAIL_ERROR")->SetValue("MESSAGE", std::string(page.t(form.email_error)));
        page.set_error(form.email_error);
    }
    dict.ShowSection(user.mfa_enabled() ? "MFA_ON" : "MFA_OFF");
    if (user.mfa_required()) dict.ShowSection("MFA_REQUIRED");
    return page.finish(status);
}

http::Response no_profile_service(const Deps& deps, const http::Request& request) {
    return error_page(deps, 503, request);
}

}  // namespace comptoir::web
