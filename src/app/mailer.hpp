#pragma once
// Builds the outbox worker from config: SMTP settings from [mail], and a
// renderer bound to the catalogues, templates and site the pages use.
#include <memory>

#include "app/config.hpp"
#include "domain/notify/outbox_worker.hpp"
#include "render/i18n.hpp"
#include "render/templates.hpp"
#include "storage/database.hpp"
#include "web/deps.hpp"

namespace comptoir::app {

/// The SMTP settings of `mail` (security was validated by load_config).
notify::SmtpSettings smtp_settings(const MailConfig& mail);

/// A worker not yet started; the references must outlive it. The caller
/// start()s it after the server is listening and stop()s it before exit.
std::unique_ptr<notify::OutboxWorker> make_outbox_worker(const Config& config, storage::Database& db,
                                                         const render::I18n& i18n,
                                                         const render::TemplateEngine& templates,
                                                         const web::Site& site);

}  // namespace comptoir::app
