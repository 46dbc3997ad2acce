// The views shared by the MFA actions: the status page (off, pending, on)
// and the one-time display of recovery codes.
#include "web/dictionary.hpp"

#include <spdlog/spdlog.h>

#include "domain/accounts/mfa.hpp"
#include "render/qr_svg.hpp"
#include "web/errors.hpp"
#include "web/mfa/actions.hpp"
#include "web/page.hpp"

namespace comptoir::web {
namespace {

// "JBSW Y3DP EHPK 3PXP": easier to copy by hand than one long run.
std::string grouped(std::string_view secret) {
    std::string out;
    for (std::size_t i = 0; i < secret.size(); ++i) {
        if (i > 0 && i % 4 == 0) out += ' ';
        out += secret[i];
    }
    return out;
}

// The status a re-shown form answers with: the user's input was wrong (422),
// or they must wait (429), or the action does not apply to them (403, 409).
int form_status(ErrorCode code) {
    switch (code) {
        case ErrorCode::rate_limited:
        case ErrorCode::forbidden:
        case ErrorCode::conflict:
            return status_for(code);
        default:
            return 422;
    }
}

}  // namespace

http::Response render_mfa_status(const Deps& deps, const http::Request& request, const Visitor& visitor,
                                 std::string_view error, std::string_view notice, int status) {
    auto& mfa = *deps.services.mfa;
    const auto& who = *visitor.principal;
    const auto& user = visitor.session->user;
    Page page(deps, request, visitor, "pages/mfa/status", "mfa.title");
    auto& dict = page.dict();
    if (user.mfa_required()) {
        dict.ShowSection("REQUIRED");
        dict.SetValue("REQUIRED_TEXT",
                      std::string(page.t(who.staff() ? "mfa.required.staff" : "mfa.required.organisation")));
    }
    if (user.mfa_enabled()) {
        auto left = mfa.recovery_codes_left(who);
        if (!left) return error_page(deps, left.error(), request);
        auto* on = dict.AddSectionDictionary("MFA_ON");
        on->SetValue("CODES_LEFT", page.format("mfa.on.codes_left", {{"count", std::int64_t{*left}}}));
        if (*left <= 3) on->ShowSection("CODES_LOW");
        if (!user.mfa_required()) on->ShowSection("CAN_DISABLE");
    } else if (auto pending = mfa.pending_enrolment(who)) {
        auto svg = render::qr_svg(pending->otpauth_uri, page.t("mfa.pending.qr_label"));
        if (!svg) return error_page(deps, svg.error(), request);
        auto* section = dict.AddSectionDictionary("MFA_PENDING");
        section->SetValue("QR_SVG", *svg);  // our own markup, emitted with :none
        section->SetValue("SECRET", pending->secret_base32);
        section->SetValue("SECRET_GROUPS", grouped(pending->secret_base32));
    } else if (pending.error().code == ErrorCode::not_found) {
        dict.ShowSection("MFA_OFF");
    } else {
        return error_page(deps, pending.error(), request);
    }
    if (!error.empty()) page.set_error(error);
    if (!notice.empty()) page.set_notice(notice);
    return page.finish(status);
}

http::Response render_recovery_codes(const Deps& deps, const http::Request& request, const Visitor& visitor,
                                     const std::vector<std::string>& codes, std::string_view notice) {
    Page page(deps, request, visitor, "pages/mfa/recovery_codes", "mfa.codes.title");
    for (const auto& code : codes) page.dict().AddSectionDictionary("CODE")->SetValue("VALUE", code);
    page.set_notice(notice);
    // Page::finish answers signed-in pages with Cache-Control: no-store, so no
    // cache keeps the codes (the integration test checks the header).
    return page.finish();
}

http::Response mfa_form_failure(const Deps& deps, const http::Request& request, const Visitor& visitor,
                                const Error& error) {
    switch (error.code) {
        case ErrorCode::internal:
        case ErrorCode::unavailable:
            return error_page(deps, error, request);
        default:
            break;
    }
    if (!error.internal_detail.empty())
        spdlog::info("request {}: mfa: {}: {}", request.request_id, to_string(error.code), error.internal_detail);
    return render_mfa_status(deps, request, visitor, error.public_message, {}, form_status(error.code));
}

}  // namespace comptoir::web
