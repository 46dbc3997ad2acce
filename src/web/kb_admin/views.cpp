#include "web/kb_admin/views.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <chrono>

#include "domain/kb/article_service.hpp"
#include "domain/kb/catalogue_service.hpp"
#include "domain/kb/feedback_service.hpp"
#include "domain/kb/search_service.hpp"
#include "web/dictionary.hpp"
#include "web/errors.hpp"
#include "web/kb/runtime.hpp"
#include "web/kb_admin/forms.hpp"

namespace comptoir::web::kb_admin {

bool services_ready(const Deps& deps) {
    const auto& s = deps.services;
    return s.kb_articles && s.kb_catalogue && s.kb_feedback && s.kb_search;
}

http::Response unavailable(const Deps& deps, const http::Request& request) { return error_page(deps, 503, request); }

kb::Reader reader_of(const Visitor& visitor) { return kb::Reader{visitor.principal ? &*visitor.principal : nullptr}; }

void content_changed(const Deps& deps) {
    if (deps.kb_runtime) deps.kb_runtime->invalidate_all();
}

bool is_input_error(const Error& error) {
    return error.code == ErrorCode::invalid_input || error.code == ErrorCode::conflict ||
           error.code == ErrorCode::too_large;
}

std::string error_key(const Error& error) {
    const auto& key = error.public_message;
    if (key.starts_with("kb.error.") || key.starts_with("kb_admin.error.") || key.starts_with("upload.error."))
        return key;
    return "kb_admin.error.failed";
}

void add_nav(Page& page, const Deps& deps, std::string_view current) {
    auto* nav = deps.templates.include(page.dict(), "KB_NAV", "pages/kb_admin/nav", page.lang());
    nav->SetValue("CSS_URL", deps.assets.url("css/kb-admin.css"));
    struct Item {
        std::string_view name, section;
    };
    static constexpr Item kItems[] = {{"articles", "ARTICLES_CURRENT"},
                                      {"new", "NEW_CURRENT"},
                                      {"categories", "CATEGORIES_CURRENT"},
                                      {"feedback", "FEEDBACK_CURRENT"},
                                      {"searches", "SEARCHES_CURRENT"}};
    for (const auto& item : kItems)
        if (item.name == current) nav->ShowSection(std::string(item.section));
}

std::string status_label(const Page& page, kb::Status status) {
    return std::string(page.t("kb_admin.status." + std::string(kb::to_string(status))));
}

std::string visibility_label(const Page& page, kb::Visibility visibility) {
    return std::string(page.t("kb_admin.visibility." + std::string(kb::to_string(visibility))));
}

std::string language_name(const Deps& deps, std::string_view code) {
    if (!deps.i18n.supports(code)) return std::string(code);
    return std::string(deps.i18n.text(code, "lang.name"));
}

std::string time_zone_of(const Visitor& visitor) {
    if (!visitor.principal || visitor.principal->time_zone.empty()) return "UTC";
    return visitor.principal->time_zone;
}

std::string date_time(const Deps& deps, const Page& page, const Visitor& visitor, std::int64_t unix_seconds) {
    const auto when = std::chrono::system_clock::time_point(std::chrono::seconds(unix_seconds));
    return deps.i18n.format_date_time(page.lang(), when, time_zone_of(visitor));
}

std::string url_encode(std::string_view text) { return boost::urls::encode(text, boost::urls::unreserved_chars); }

std::string editor_url(std::int64_t article_id, std::string_view language) {
    return "/admin/kb/articles/" + std::to_string(article_id) + "?language=" + url_encode(language);
}

std::string language_param(const Deps& deps, const http::Request& request, std::string_view fallback) {
    const auto& languages = deps.services.kb_articles->languages();
    if (auto language = request.query_param("language"); language && languages.supports(*language)) return *language;
    // ?lang= also switches the interface (Page), but a link written that way still means this language.
    if (auto language = request.query_param("lang"); language && languages.supports(*language)) return *language;
    return std::string(fallback);
}

TextForm text_form_from(const http::Request& request) {
    TextForm form;
    form.language = request.form_param("language").value_or("");
    form.title = request.form_param("title").value_or("");
    form.body = request.form_param("body").value_or("");
    form.labels = request.form_param("labels").value_or("");
    form.note = request.form_param("note").value_or("");
    return form;
}

bool text_form_readable(const TextForm& form) {
    return http::is_valid_utf8(form.language) && http::is_valid_utf8(form.title) && http::is_valid_utf8(form.body) &&
           http::is_valid_utf8(form.labels) && http::is_valid_utf8(form.note);
}

SettingsForm settings_form_from(const http::Request& request) {
    SettingsForm form;
    form.section_id = request.form_param("section_id").value_or("");
    form.visibility = request.form_param("visibility").value_or("");
    for (const auto& value : form_values(request.body, "organisation")) {
        if (auto id = parse_id(value)) form.organisation_ids.push_back(*id);
    }
    form.publish_at = request.form_param("publish_at").value_or("");
    return form;
}

Result<kb::ArticleSettings> to_settings(const SettingsForm& form, std::string_view time_zone) {
    kb::ArticleSettings settings;
    const auto section = parse_id(form.section_id);
    if (!section) return fail(ErrorCode::invalid_input, "kb.error.section_not_found");
    settings.section_id = *section;
    const auto visibility = kb::parse_visibility(form.visibility);
    if (!visibility) return fail(ErrorCode::invalid_input, "kb_admin.error.visibility_invalid");
    settings.visibility = *visibility;
    settings.organisation_ids = form.organisation_ids;
    if (!form.publish_at.empty()) {
        const auto when = parse_local_date_time(form.publish_at, time_zone);
        if (!when) return fail(ErrorCode::invalid_input, "kb.error.publish_at_invalid");
        settings.publish_at = *when;
    }
    return settings;
}

kb::TranslationInput to_translation(const TextForm& form) {
    return kb::TranslationInput{form.language, form.title, form.body, split_labels(form.labels), form.note};
}

}  // namespace comptoir::web::kb_admin
