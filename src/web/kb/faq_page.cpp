// GET /faq and GET /kb/{lang}/faq — the frequently asked questions: every
// FAQ category's sections as topics, each question a <details> disclosure
// with its answer inside (works without JavaScript) and a link to the
// question's own page. /faq speaks the visitor's language (?lang= works as
// on other pages); its canonical URL is /kb/<lang>/faq.
#include <spdlog/spdlog.h>

#include "domain/kb/article_service.hpp"
#include "domain/kb/catalogue_service.hpp"
#include "web/dictionary.hpp"
#include "web/errors.hpp"
#include "web/kb/actions.hpp"
#include "web/kb/urls.hpp"
#include "web/kb/views.hpp"

namespace comptoir::web {

http::Response kb_faq_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_public;
    std::optional<std::string> url_lang;
    if (request.params.contains("lang")) {
        url_lang = url_language(deps, request);
        if (!url_lang) return error_page(deps, 404, request);
    }
    Page page = url_lang ? Page(deps, request, visitor, "pages/kb/faq", "kb.faq.title", *url_lang)
                         : Page(deps, request, visitor, "pages/kb/faq", "kb.faq.title");
    const std::string lang = page.lang();
    if (!services_ready(deps)) return error_in(deps, request, visitor, lang, 503);
    const auto reader = reader_of(visitor);
    auto& catalogue = *deps.services.kb_catalogue;
    auto& articles = *deps.services.kb_articles;
    auto categories = catalogue.categories(reader, lang, kb::CategoryKind::faq);
    if (!categories) return error_in(deps, request, visitor, lang, categories.error());

    page.set_description(std::string(page.t("kb.faq.description")));
    add_assets(page, deps);
    set_language_urls(page, deps, [](std::string_view code) { return kb_faq_path(code); });
    add_breadcrumbs(page, deps,
                    {{std::string(page.t("kb.breadcrumbs.home")), kb_home_path(lang)},
                     {std::string(page.t("kb.faq.heading")), kb_faq_path(lang)}});
    auto& dict = page.dict();
    dict.SetValue("LANG", lang);
    dict.SetValue("KB_URL", kb_home_path(lang));

    bool any = false;
    for (const auto& category : *categories) {
        if (category.article_count == 0) continue;
        auto sections = catalogue.sections(reader, category.id, lang);
        if (!sections) return error_in(deps, request, visitor, lang, sections.error());
        auto* group = dict.AddSectionDictionary("CATEGORY");
        group->SetIntValue("ID", category.id);
        group->SetValue("NAME", category.name);
        if (!category.description.empty())
            group->SetValueAndShowSection("DESCRIPTION", category.description, "HAS_DESCRIPTION");
        for (const auto& section : *sections) {
            if (section.article_count == 0) continue;
            auto questions = articles.in_section(reader, section.id, lang);
            if (!questions) return error_in(deps, request, visitor, lang, questions.error());
            if (questions->empty()) continue;
            any = true;
            auto* topic = group->AddSectionDictionary("TOPIC");
            topic->SetIntValue("ID", section.id);
            topic->SetValue("NAME", section.name);
            for (const auto& question : *questions) {
                auto answer = articles.get(reader, question.id, lang);
                if (!answer) {
                    // Unpublished between the two reads: leave it out.
                    if (answer.error().code == ErrorCode::not_found) continue;
                    return error_in(deps, request, visitor, lang, answer.error());
                }
                std::vector<kb::Attachment> attachments;
                if (answer->body.find("attachment:") != std::string::npos) {
                    if (auto found = articles.attachments(reader, question.id)) attachments = std::move(*found);
                }
                auto* row = topic->AddSectionDictionary("QUESTION");
                row->SetIntValue("ID", question.id);
                row->SetValue("TITLE", answer->summary.title);
                row->SetValue("CONTENT_LANG", answer->summary.language);
                row->SetValue("URL", kb_article_path(lang, question.id, answer->summary.slug));
                row->SetValue("ANSWER", article_html(deps, reader, lang, question.id, answer->body, attachments));
            }
        }
    }
    if (!any) dict.ShowSection("EMPTY");
    return page.finish();
}

}  // namespace comptoir::web
