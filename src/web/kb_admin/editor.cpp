// The article editor, shared by the new-article and article pages and by
// every form on them that re-shows it (save refused, preview, settings
// refused, upload refused): the text of one translation, the language tabs,
// the settings, the publishing buttons and the attachments.
#include <algorithm>
#include <map>

#include "domain/accounts/organisation_service.hpp"
#include "domain/kb/article_service.hpp"
#include "domain/kb/catalogue_service.hpp"
#include "text/markdown.hpp"
#include "web/dictionary.hpp"
#include "web/errors.hpp"
#include "web/kb/urls.hpp"
#include "web/kb_admin/forms.hpp"
#include "web/kb_admin/upload.hpp"
#include "web/kb_admin/views.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web::kb_admin {
namespace {

// Enough for any real operator; the multi-select would be unusable beyond.
constexpr int kMaxOrganisationPages = 40;

struct Move {
    kb::Status to;
    std::string_view label_key;
    bool danger;
};

// The workflow buttons for an article in `from`, as ArticleService::transition allows.
std::vector<Move> moves_from(kb::Status from) {
    using kb::Status;
    switch (from) {
        case Status::draft:
            return {{Status::review, "kb_admin.workflow.to_review", false},
                    {Status::published, "kb_admin.workflow.to_published", false}};
        case Status::review:
            return {{Status::published, "kb_admin.workflow.to_published", false},
                    {Status::draft, "kb_admin.workflow.draft_from_review", false}};
        case Status::published:
            return {{Status::draft, "kb_admin.workflow.draft_from_published", false},
                    {Status::archived, "kb_admin.workflow.to_archived", true}};
        case Status::archived:
            return {{Status::draft, "kb_admin.workflow.draft_from_archived", false}};
    }
    return {};
}

std::string size_text(const Deps& deps, const Page& page, std::int64_t bytes) {
    if (bytes < 1024) return page.format("kb_admin.attachments.bytes", {{"count", bytes}});
    const double kib = static_cast<double>(bytes) / 1024.0;
    const double rounded = kib < 100 ? static_cast<double>(static_cast<std::int64_t>(kib * 10 + 0.5)) / 10
                                     : static_cast<double>(static_cast<std::int64_t>(kib + 0.5));
    return page.format("kb_admin.attachments.kilobytes", {{"size", deps.i18n.format_number(page.lang(), rounded)}});
}

SettingsForm settings_of(const kb::Article& article, std::string_view time_zone) {
    SettingsForm form;
    form.section_id = std::to_string(article.summary.section_id);
    form.visibility = std::string(kb::to_string(article.summary.visibility));
    form.organisation_ids = article.organisation_ids;
    if (article.summary.publish_at) form.publish_at = format_local_date_time(*article.summary.publish_at, time_zone);
    return form;
}

TextForm text_of(const kb::Article& article, std::string_view language) {
    return TextForm{std::string(language), article.summary.title, article.body, join_labels(article.labels), ""};
}

// Section select grouped by category, visibility radios, organisations, schedule.
void fill_settings_fields(ctemplate::TemplateDictionary& d, const Deps& deps, const Page& page, const Visitor& visitor,
                          const SettingsForm& form) {
    const auto reader = reader_of(visitor);
    auto& catalogue = *deps.services.kb_catalogue;
    const auto selected_section = parse_id(form.section_id);
    if (!selected_section) d.ShowSection("NO_SECTION_SELECTED");
    if (auto categories = catalogue.categories(reader, page.lang())) {
        for (const auto& category : *categories) {
            auto sections = catalogue.sections(reader, category.id, page.lang());
            if (!sections || sections->empty()) continue;
            auto* group = d.AddSectionDictionary("CATEGORY_GROUP");
            group->SetValue("LABEL", category.kind == kb::CategoryKind::faq
                                         ? page.format("kb_admin.settings.faq_group", {{"name", category.name}})
                                         : category.name);
            for (const auto& section : *sections) {
                auto* option = group->AddSectionDictionary("SECTION_OPTION");
                option->SetIntValue("SECTION_ID", section.id);
                option->SetValue("NAME", section.name);
                if (selected_section == section.id) option->ShowSection("SELECTED");
            }
        }
    }
    for (auto v : {kb::Visibility::public_, kb::Visibility::customers, kb::Visibility::organisations,
                   kb::Visibility::internal}) {
        const std::string code(kb::to_string(v));
        auto* option = d.AddSectionDictionary("VISIBILITY_OPTION");
        option->SetValue("CODE", code);
        option->SetValue("LABEL", visibility_label(page, v));
        option->SetValue("HINT", std::string(page.t("kb_admin.visibility_hint." + code)));
        if (form.visibility == code) option->ShowSection("CHECKED");
    }
    if (auto* organisations = deps.services.organisations; organisations && visitor.principal) {
        for (int n = 1; n <= kMaxOrganisationPages; ++n) {
            auto listing = organisations->search_organisations(*visitor.principal, "", n);
            if (!listing) break;
            for (const auto& org : listing->items) {
                auto* option = d.AddSectionDictionary("ORGANISATION_OPTION");
                option->SetIntValue("ORG_ID", org.id);
                option->SetValue("ORG_NAME", org.name);
                if (std::find(form.organisation_ids.begin(), form.organisation_ids.end(), org.id) !=
                    form.organisation_ids.end())
                    option->ShowSection("SELECTED");
            }
            if (!listing->has_more) break;
        }
    }
    d.SetValue("PUBLISH_AT", form.publish_at);
    d.SetValue("TIME_ZONE_HINT", page.format("kb_admin.settings.publish_at_hint", {{"zone", time_zone_of(visitor)}}));
}

// The newest source revision the translation was written against and the
// newest one: the source changes a translator has to carry over. Revision
// ids grow with every save in any language, so "before the translation's
// revision" is exact where times of the same second would not be.
std::optional<std::string> source_diff_url(const Deps& deps, const Visitor& visitor, const kb::Article& article,
                                           std::int64_t translation_revision) {
    auto history = deps.services.kb_articles->history(*visitor.principal, article.summary.id, article.source_language);
    if (!history || history->empty()) return std::nullopt;
    const auto newest = history->front().id;
    for (const auto& revision : *history) {  // newest first
        if (revision.id < translation_revision) {
            if (revision.id == newest) return std::nullopt;
            return "/admin/kb/articles/" + std::to_string(article.summary.id) +
                   "/diff?from=" + std::to_string(revision.id) + "&to=" + std::to_string(newest);
        }
    }
    return std::nullopt;
}

void show_form_error(ctemplate::TemplateDictionary& d, const Page& page, const EditorView& view, std::string_view form,
                     std::string_view section) {
    if (!view.error_key.empty() && view.error_form == form)
        d.AddSectionDictionary(std::string(section))->SetValue("MESSAGE", std::string(page.t(view.error_key)));
}

void fill_language_tabs(ctemplate::TemplateDictionary& d, const Deps& deps, const kb::Article& article,
                        std::string_view current) {
    for (const auto& code : deps.services.kb_articles->languages().supported) {
        auto* tab = d.AddSectionDictionary("LANGUAGE_TAB");
        tab->SetValue("CODE", code);
        tab->SetValue("NAME", language_name(deps, code));
        tab->SetValue("URL", editor_url(article.summary.id, code));
        if (code == current) tab->ShowSection("CURRENT");
        if (code == article.source_language) tab->ShowSection("SOURCE");
        const auto t = std::find_if(article.translations.begin(), article.translations.end(),
                                    [&](const kb::TranslationInfo& info) { return info.language == code; });
        if (t == article.translations.end()) {
            tab->ShowSection("MISSING");
        } else if (t->outdated) {
            tab->ShowSection("OUTDATED");
        }
    }
}

void fill_attachments(ctemplate::TemplateDictionary& d, const Deps& deps, const Page& page, const Visitor& visitor,
                      const kb::Article& article, std::string_view language) {
    auto files = deps.services.kb_articles->attachments(reader_of(visitor), article.summary.id);
    if (!files || files->empty()) {
        d.ShowSection("NO_ATTACHMENTS");
        return;
    }
    for (const auto& file : *files) {
        auto* row = d.AddSectionDictionary("ATTACHMENT");
        row->SetIntValue("ATT_ID", file.id);
        row->SetValue("NAME", file.file_name);
        row->SetValue("TYPE", file.content_type);
        row->SetValue("SIZE", size_text(deps, page, file.byte_size));
        row->SetValue("URL", kb_public::kb_attachment_path(language, article.summary.id, file.id));
        row->SetValue("MARKDOWN", attachment_markdown(file));
    }
}

}  // namespace

std::string preview_html(const Deps& deps, const Visitor& visitor, std::optional<std::int64_t> article_id,
                         std::string_view language, std::string_view markdown) {
    auto& articles = *deps.services.kb_articles;
    const auto reader = reader_of(visitor);
    std::map<std::int64_t, std::string> article_urls;
    if (const auto links = text::internal_links(markdown); !links.empty()) {
        if (auto found = articles.titles(reader, links, language)) {
            for (const auto& a : *found) article_urls[a.id] = kb_public::kb_article_path(a.language, a.id, a.slug);
        }
    }
    std::map<std::int64_t, std::string> attachment_urls;
    if (article_id) {
        if (auto files = articles.attachments(reader, *article_id)) {
            for (const auto& f : *files)
                attachment_urls[f.id] = kb_public::kb_attachment_path(language, *article_id, f.id);
        }
    }
    const auto lookup = [](const std::map<std::int64_t, std::string>& urls) {
        return [&urls](std::int64_t id) -> std::optional<std::string> {
            const auto it = urls.find(id);
            if (it == urls.end()) return std::nullopt;
            return it->second;
        };
    };
    return text::markdown_to_html(markdown, lookup(article_urls), lookup(attachment_urls));
}

http::Response render_editor(const Deps& deps, const http::Request& request, const Visitor& visitor,
                             const EditorView& view) {
    auto& articles = *deps.services.kb_articles;
    const auto reader = reader_of(visitor);
    const auto& languages = articles.languages();
    const std::string zone = time_zone_of(visitor);

    std::optional<kb::Article> article;
    std::string language = view.language;
    bool missing = false;
    std::optional<TextForm> stored_text;
    if (view.article_id) {
        auto found = articles.get(reader, *view.article_id, language);
        if (!found) return error_page(deps, found.error(), request);
        if (language.empty() || !languages.supports(language)) language = found->source_language;
        missing = std::none_of(found->translations.begin(), found->translations.end(),
                               [&](const kb::TranslationInfo& t) { return t.language == language; });
        if (missing && found->summary.language != found->source_language) {
            // Translators start from the source text, whatever the fallback language is.
            if (auto source = articles.get(reader, *view.article_id, found->source_language)) found = std::move(source);
        }
        stored_text = text_of(*found, language);
        if (missing) stored_text->title = found->summary.title;
        article = std::move(*found);
    } else if (!languages.supports(language)) {
        language = languages.default_language;
    }
    const TextForm text = view.text ? *view.text : stored_text.value_or(TextForm{language, "", "", "", ""});

    Page page(deps, request, visitor, "pages/kb_admin/editor",
              article ? "kb_admin.editor.title" : "kb_admin.editor.new_title");
    page.use_form();
    add_nav(page, deps, article ? "articles" : "new");
    show_done(
        page, request, "kb_admin.done.",
        {"created", "saved", "settings_saved", "status_changed", "restored", "attachment_added", "attachment_removed"});
    if (!view.error_key.empty()) page.set_error(view.error_key);
    auto& d = page.dict();
    d.SetValue("JS_EDITOR_URL", deps.assets.url("js/kb-editor.js"));
    d.SetValue("LANGUAGE", language);
    d.SetValue("LANGUAGE_NAME", language_name(deps, language));
    d.SetValue("TITLE", text.title);
    d.SetValue("BODY", text.body);
    d.SetValue("LABELS", text.labels);
    d.SetValue("NOTE", text.note);
    show_form_error(d, page, view, "text", "TEXT_ERROR");

    if (view.preview) {
        // Bounded like a save: cmark-gfm has slow inputs, and a body this long would be refused anyway.
        if (text.body.size() <= kb::kMaxBodyBytes)
            d.SetValue("PREVIEW_HTML", preview_html(deps, visitor, view.article_id, language, text.body));
    } else {
        d.ShowSection("NO_PREVIEW");
    }

    if (!article) {
        page.set_title(std::string(page.t("kb_admin.editor.new_title")));
        d.ShowSection("NEW");
        d.SetValue("TEXT_ACTION", "/admin/kb/articles/new");
        for (const auto& code : languages.supported) {
            auto* option = d.AddSectionDictionary("SOURCE_LANGUAGE");
            option->SetValue("CODE", code);
            option->SetValue("NAME", language_name(deps, code));
            if (code == language) option->ShowSection("SELECTED");
        }
        const SettingsForm settings = view.settings.value_or(SettingsForm{});
        fill_settings_fields(
            *deps.templates.include(d, "NEW_SETTINGS_FIELDS", "pages/kb_admin/settings_fields", page.lang()), deps,
            page, visitor, settings);
        return page.finish(view.status);
    }

    const auto& s = article->summary;
    page.set_title(s.title);
    d.ShowSection("EXISTING");
    d.SetIntValue("ID", s.id);
    d.SetValue("TEXT_ACTION", "/admin/kb/articles/" + std::to_string(s.id) + "/save");
    d.SetValue("HEADING", s.title);
    d.SetValue("STATUS", status_label(page, s.status));
    d.SetValue("STATUS_CODE", std::string(kb::to_string(s.status)));
    d.SetValue("VISIBILITY", visibility_label(page, s.visibility));
    d.SetIntValue("VIEWS", s.view_count);
    d.SetIntValue("HELPFUL", s.helpful_count);
    d.SetIntValue("UNHELPFUL", s.unhelpful_count);
    d.SetValue("SOURCE_NAME", language_name(deps, article->source_language));
    if (s.publish_at) {
        d.AddSectionDictionary("SCHEDULED")->SetValue("WHEN", date_time(deps, page, visitor, *s.publish_at));
    }
    d.SetValue("HISTORY_URL", "/admin/kb/articles/" + std::to_string(s.id) + "/history?language=" + language);
    const auto current = std::find_if(article->translations.begin(), article->translations.end(),
                                      [&](const kb::TranslationInfo& t) { return t.language == language; });
    if (current != article->translations.end())
        d.AddSectionDictionary("PUBLIC")->SetValue("PUBLIC_URL",
                                                   kb_public::kb_article_path(language, s.id, current->slug));
    fill_language_tabs(d, deps, *article, language);
    if (missing) {
        d.AddSectionDictionary("MISSING_NOTICE")
            ->SetValue("MESSAGE", page.format("kb_admin.editor.missing",
                                              {{"language", language_name(deps, language)},
                                               {"source", language_name(deps, article->source_language)}}));
    } else if (current != article->translations.end() && current->outdated) {
        auto* warning = d.AddSectionDictionary("OUTDATED_WARNING");
        warning->SetValue("MESSAGE", page.format("kb_admin.editor.outdated",
                                                 {{"source", language_name(deps, article->source_language)}}));
        if (auto url = source_diff_url(deps, visitor, *article, article->revision_id))
            warning->AddSectionDictionary("SOURCE_DIFF")->SetValue("URL", *url);
    }

    const SettingsForm settings = view.settings.value_or(settings_of(*article, zone));
    fill_settings_fields(*deps.templates.include(d, "SETTINGS_FIELDS", "pages/kb_admin/settings_fields", page.lang()),
                         deps, page, visitor, settings);
    show_form_error(d, page, view, "settings", "SETTINGS_ERROR");

    for (const auto& move : moves_from(s.status)) {
        auto* button = d.AddSectionDictionary("TRANSITION");
        button->SetValue("TO", std::string(kb::to_string(move.to)));
        button->SetValue("LABEL", std::string(page.t(move.label_key)));
        if (move.danger) button->ShowSection("DANGER");
    }
    show_form_error(d, page, view, "status", "STATUS_ERROR");

    fill_attachments(d, deps, page, visitor, *article, language);
    show_form_error(d, page, view, "attachments", "ATTACHMENTS_ERROR");
    return page.finish(view.status);
}

}  // namespace comptoir::web::kb_admin
