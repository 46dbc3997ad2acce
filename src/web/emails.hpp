#pragma once
// Renders a queued e-mail (notify::Email) into the message the outbox worker
// sends: the subject and plain-text body from the catalogues (locales/<lang>/
// mail.toml), the HTML body from themes/*/templates/emails/<template>.tpl
// inside emails/layout, all in the recipient's language.
#include "domain/notify/outbox.hpp"
#include "domain/notify/smtp.hpp"
#include "render/i18n.hpp"
#include "render/templates.hpp"
#include "web/deps.hpp"

namespace comptoir::web {

/// Templates and the params each requires (all strings; links absolute http(s) URLs):
///   verify_email     name, link
///   reset_password   name, link
///   invitation       name, inviter, organisation, link, days (a whole number)
///   change_email     name, link, new_email          (sent to the new address)
///   signup_existing  name, signin_link, reset_link  (sign-up with a known address)
///   security_notice  name, event, when — event: password_changed, email_changed,
///                    mfa_enabled, mfa_disabled, recovery_codes_regenerated,
///                    sessions_revoked; when: unix seconds (shown as a date and
///                    time in the reader's language) or text shown as given.
/// `name` may be empty (a greeting without a name). An unknown template or
/// event, a missing param, or a link that is not absolute is invalid_input:
/// never a half-filled message. Extra params are ignored.
Result<notify::RenderedEmail> render_email(const render::I18n& i18n, const render::TemplateEngine& templates,
                                           const Site& site, const notify::Email& email);

}  // namespace comptoir::web
