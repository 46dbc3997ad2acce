#pragma once
// What the knowledge-base authoring pages share: the services check, the
// area's navigation (which also links the area's stylesheet), labels for
// statuses and visibilities, dates in the author's time zone, and the editor
// page, re-shown with the author's input after a refusal or for a preview.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "domain/kb/article_service.hpp"
#include "domain/kb/model.hpp"
#include "http/message.hpp"
#include "web/auth.hpp"
#include "web/deps.hpp"
#include "web/page.hpp"

namespace comptoir::web::kb_admin {

/// True when the knowledge-base services are built (they are, except in some tests).
bool services_ready(const Deps& deps);
/// 503 for an installation built without them.
http::Response unavailable(const Deps& deps, const http::Request& request);

/// The staff visitor as a knowledge-base reader (sees every article).
kb::Reader reader_of(const Visitor& visitor);
/// After every successful change: public pages cached from before are stale.
void content_changed(const Deps& deps);

/// Whether a service refusal is about what was typed (re-show the form) rather than a fault.
bool is_input_error(const Error& error);
/// The catalogue key to show for a refusal: the service's key when it is one, else a generic one.
std::string error_key(const Error& error);

/// The area's navigation as KB_NAV, `current` one of: articles, new, categories, feedback, searches.
void add_nav(Page& page, const Deps& deps, std::string_view current);

/// "Draft", "Published"… and "Public", "Internal"…, translated.
std::string status_label(const Page& page, kb::Status status);
std::string visibility_label(const Page& page, kb::Visibility visibility);
/// A language's own name ("Français").
std::string language_name(const Deps& deps, std::string_view code);

/// The visitor's IANA time zone, "UTC" when unset.
std::string time_zone_of(const Visitor& visitor);
/// unix seconds as a date and time in the visitor's zone and the page's language.
std::string date_time(const Deps& deps, const Page& page, const Visitor& visitor, std::int64_t unix_seconds);

/// Percent-encoded for a query value.
std::string url_encode(std::string_view text);
/// "/admin/kb/articles/7?language=fr".
std::string editor_url(std::int64_t article_id, std::string_view language);

/// The article language a page is about: `?language=` when supported, else
/// `fallback` (the interface's `?lang=` is the page's own language).
std::string language_param(const Deps& deps, const http::Request& request, std::string_view fallback);

/// The text of one translation as typed in the editor.
struct TextForm {
    std::string language;
    std::string title;
    std::string body;
    std::string labels;  // comma-separated
    std::string note;
};

/// The settings form as typed.
struct SettingsForm {
    std::string section_id;
    std::string visibility = "public";
    std::vector<std::int64_t> organisation_ids;
    std::string publish_at;  // datetime-local, in the author's time zone; empty: none
};

TextForm text_form_from(const http::Request& request);
/// Every field is valid UTF-8 (else the form is refused and not echoed back).
bool text_form_readable(const TextForm& form);
SettingsForm settings_form_from(const http::Request& request);
/// The settings form as the service takes them; a refusal is a catalogue key.
Result<kb::ArticleSettings> to_settings(const SettingsForm& form, std::string_view time_zone);
/// A translation as the service takes it.
kb::TranslationInput to_translation(const TextForm& form);

/// What the editor shows. Unset forms are filled from the stored article.
struct EditorView {
    std::optional<std::int64_t> article_id;  // nullopt: a new article
    std::string language;                    // the translation being edited
    std::optional<TextForm> text;
    std::optional<SettingsForm> settings;
    bool preview = false;    // render the Markdown of `text` below the form
    std::string error_key;   // shown in the banner (and next to the form it concerns)
    std::string error_form;  // "text", "settings", "status", "attachments": where the error belongs
    int status = 200;
};

/// GET /admin/kb/articles/new and /admin/kb/articles/{id}, and their re-shown forms.
http::Response render_editor(const Deps& deps, const http::Request& request, const Visitor& visitor,
                             const EditorView& view);

/// GET /admin/kb/articles/{id}/history: revisions newest first (of one
/// language, or all when `language` is empty), to compare or restore.
http::Response render_history(const Deps& deps, const http::Request& request, const Visitor& visitor,
                              std::int64_t article_id, std::string_view language, std::string_view error_key = {},
                              int status = 200);

/// Safe HTML of an article body for the author's preview: `kb:` links to the
/// editor of the linked article, `attachment:` to the article's files.
std::string preview_html(const Deps& deps, const Visitor& visitor, std::optional<std::int64_t> article_id,
                         std::string_view language, std::string_view markdown);

}  // namespace comptoir::web::kb_admin
