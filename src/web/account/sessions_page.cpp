// GET /account/sessions — "your devices": every signed-in session of the user
// with its browser and system, address and last activity; this one marked.
#include <fmt/chrono.h>

#include <ctime>

#include "web/account/actions.hpp"
#include "web/account/device.hpp"
#include "web/account/views.hpp"
#include "web/dictionary.hpp"
#include "web/errors.hpp"

namespace comptoir::web {
namespace {

std::string device_words(const Page& page, std::string_view user_agent) {
    const auto device = describe_device(user_agent);
    const std::string browser =
        device.browser.empty() ? std::string(page.t("account.sessions.unknown_browser")) : device.browser;
    if (device.os.empty() && device.browser.empty()) return browser;
    const std::string os = device.os.empty() ? std::string(page.t("account.sessions.unknown_os")) : device.os;
    return page.format("account.sessions.device_on", {{"browser", browser}, {"os", os}});
}

}  // namespace

http::Response account_sessions_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    if (!deps.services.profile) return no_profile_service(deps, request);
    const auto& who = *visitor.principal;
    auto sessions = deps.services.profile->sessions(who);
    if (!sessions) return error_page(deps, sessions.error(), request);

    Page page(deps, request, visitor, "pages/account/sessions", "account.sessions.title");
    page.use_form();
    add_account_nav(page, deps, "sessions");
    show_done_notice(page, request, {"session_revoked", "others_revoked"});
    auto& dict = page.dict();
    const std::string zone = who.time_zone.empty() ? "UTC" : who.time_zone;
    bool others = false;
    for (const auto& s : *sessions) {
        auto* row = dict.AddSectionDictionary("SESSION");
        row->SetIntValue("ID", s.id);
        row->SetValue("DEVICE", device_words(page, s.user_agent));
        row->SetValue("ADDRESS", s.client_addr);
        const auto when = std::chrono::system_clock::time_point(std::chrono::seconds(s.last_seen_at));
        row->SetValue("LAST_SEEN", deps.i18n.format_date_time(page.lang(), when, zone));
        row->SetValue("LAST_SEEN_ISO",
                      fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(static_cast<std::time_t>(s.last_seen_at))));
        if (s.id == who.session_id) {
            row->ShowSection("CURRENT");
        } else {
            row->ShowSection("OTHER");
            others = true;
        }
    }
    if (others) dict.ShowSection("HAS_OTHERS");
    return page.finish();
}

}  // namespace comptoir::web
