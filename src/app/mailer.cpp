#include "app/mailer.hpp"

#include "web/emails.hpp"

namespace comptoir::app {

notify::SmtpSettings smtp_settings(const MailConfig& mail) {
    notify::SmtpSettings smtp;
    smtp.host = mail.smtp_host;
    smtp.port = mail.smtp_port;
    // load_config accepts only the three values; should that change, require TLS rather than send in clear.
    smtp.security = notify::parse_smtp_security(mail.security).value_or(notify::SmtpSecurity::starttls);
    smtp.username = mail.username;
    smtp.password = mail.password;
    smtp.from = mail.from;
    return smtp;
}

std::unique_ptr<notify::OutboxWorker> make_outbox_worker(const Config& config, storage::Database& db,
                                                         const render::I18n& i18n,
                                                         const render::TemplateEngine& templates,
                                                         const web::Site& site) {
    auto render = [&i18n, &templates, site](const notify::Email& email) {
        return web::render_email(i18n, templates, site, email);
    };
    return std::make_unique<notify::OutboxWorker>(db, smtp_settings(config.mail), std::move(render),
                                                  config.mail.max_attempts);
}

}  // namespace comptoir::app
