// GET /kb/{lang} — the knowledge base's home: a search box, the categories
// with their sections and most read articles, and the way to the FAQ.
// Categories without an article this visitor may see are left out.
#include "domain/kb/article_service.hpp"
#include "domain/kb/catalogue_service.hpp"
#include "web/dictionary.hpp"
#include "web/errors.hpp"
#include "web/kb/actions.hpp"
#include "web/kb/urls.hpp"
#include "web/kb/views.hpp"

namespace comptoir::web {

namespace {
constexpr int kTopArticles = 3;
}

http::Response kb_home_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_public;
    const auto lang = url_language(deps, request);
    if (!lang) return error_page(deps, 404, request);
    if (!services_ready(deps)) return error_in(deps, request, visitor, *lang, 503);
    const auto reader = reader_of(visitor);
    auto& catalogue = *deps.services.kb_catalogue;
    auto categories = catalogue.categories(reader, *lang, kb::CategoryKind::kb);
    if (!categories) return error_in(deps, request, visitor, *lang, categories.error());

    Page page(deps, request, visitor, "pages/kb/home", "kb.home.title", *lang);
    add_assets(page, deps);
    set_language_urls(page, deps, [](std::string_view code) { return kb_home_path(code); });
    page.set_description(std::string(page.t("kb.home.description")));
    auto& dict = page.dict();
    dict.SetValue("LANG", *lang);
    dict.SetValue("FAQ_URL", kb_faq_path(*lang));

    bool any = false;
    for (const auto& category : *categories) {
        if (category.article_count == 0) continue;
        any = true;
        const std::string url = kb_category_path(*lang, category.id, category.name);
        auto* item = dict.AddSectionDictionary("CATEGORY");
        item->SetIntValue("ID", category.id);
        item->SetValue("NAME", category.name);
        item->SetValue("URL", url);
        item->SetValue("ICON", category.icon);
        item->SetValue("COUNT", article_count_text(page, category.article_count));
        if (!category.description.empty())
            item->SetValueAndShowSection("DESCRIPTION", category.description, "HAS_DESCRIPTION");

        auto sections = catalogue.sections(reader, category.id, *lang);
        if (!sections) return error_in(deps, request, visitor, *lang, sections.error());
        for (const auto& section : *sections) {
            if (section.article_count == 0) continue;
            auto* row = item->AddSectionDictionary("SECTION");
            row->SetValue("NAME", section.name);
            row->SetValue("URL", url + "#section-" + std::to_string(section.id));
        }

        kb::ArticleQuery query;
        query.language = *lang;
        query.category_id = category.id;
        query.status = kb::Status::published;
        query.sort = "views";
        query.per_page = kTopArticles;
        auto top = deps.services.kb_articles->list(reader, query);
        if (!top) return error_in(deps, request, visitor, *lang, top.error());
        for (const auto& article : top->items) {
            auto* row = item->AddSectionDictionary("TOP");
            row->SetValue("TITLE", article.title);
            row->SetValue("URL", kb_article_path(*lang, article.id, article.slug));
            if (article.fallback) row->SetValueAndShowSection("TITLE_LANG", article.language, "OTHER_LANGUAGE");
        }
        if (!top->items.empty()) item->ShowSection("HAS_TOP");
    }
    if (!any) dict.ShowSection("EMPTY");
    return page.finish();
}

}  // namespace comptoir::web
