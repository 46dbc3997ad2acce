// GET /kb/{lang}/categories/{id} — one category: its sections and their
// articles. "12" or "12-old-name" answers 301 to "12-<slug of the name>";
// a category without an article this visitor may see is 404, as on the home.
#include <map>

#include "domain/kb/article_service.hpp"
#include "domain/kb/catalogue_service.hpp"
#include "web/dictionary.hpp"
#include "web/errors.hpp"
#include "web/kb/actions.hpp"
#include "web/kb/urls.hpp"
#include "web/kb/views.hpp"

namespace comptoir::web {

http::Response kb_category_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_public;
    const auto lang = url_language(deps, request);
    if (!lang) return error_page(deps, 404, request);
    const auto id = parse_id_slug(request.params["id"]);
    if (!id) return error_in(deps, request, visitor, *lang, 404);
    if (!services_ready(deps)) return error_in(deps, request, visitor, *lang, 503);
    const auto reader = reader_of(visitor);
    auto& catalogue = *deps.services.kb_catalogue;
    auto category = catalogue.category(reader, id->id, *lang);
    if (!category) return error_in(deps, request, visitor, *lang, category.error());
    if (category->article_count == 0) return error_in(deps, request, visitor, *lang, 404);

    const std::string canonical = kb_category_path(*lang, category->id, category->name);
    if (request.path != canonical) return http::Response::redirect(canonical, 301);

    auto sections = catalogue.sections(reader, category->id, *lang);
    if (!sections) return error_in(deps, request, visitor, *lang, sections.error());

    Page page(deps, request, visitor, "pages/kb/category", "kb.home.title", *lang);
    page.set_title(category->name);
    if (!category->description.empty()) page.set_description(category->description);
    add_assets(page, deps);
    // Each language's name gives its own slug.
    std::map<std::string, std::string, std::less<>> paths{{*lang, canonical}};
    for (const auto& code : deps.i18n.languages()) {
        if (code == *lang) continue;
        auto other = catalogue.category(reader, category->id, code);
        paths[code] = other ? kb_category_path(code, other->id, other->name)
                            : "/kb/" + code + "/categories/" + std::to_string(category->id);
    }
    set_language_urls(page, deps, [&](std::string_view code) { return paths.find(code)->second; });
    const bool faq = category->kind == kb::CategoryKind::faq;
    add_breadcrumbs(page, deps,
                    {{std::string(page.t(faq ? "kb.faq.heading" : "kb.breadcrumbs.home")),
                      faq ? kb_faq_path(*lang) : kb_home_path(*lang)},
                     {category->name, canonical}});

    auto& dict = page.dict();
    dict.SetValue("NAME", category->name);
    dict.SetValue("ICON", category->icon);
    dict.SetValue("COUNT", article_count_text(page, category->article_count));
    if (!category->description.empty())
        dict.SetValueAndShowSection("DESCRIPTION", category->description, "HAS_DESCRIPTION");
    for (const auto& section : *sections) {
        if (section.article_count == 0) continue;
        auto articles = deps.services.kb_articles->in_section(reader, section.id, *lang);
        if (!articles) return error_in(deps, request, visitor, *lang, articles.error());
        if (articles->empty()) continue;
        auto* item = dict.AddSectionDictionary("SECTION");
        item->SetIntValue("ID", section.id);
        item->SetValue("NAME", section.name);
        if (!section.description.empty())
            item->SetValueAndShowSection("DESCRIPTION", section.description, "HAS_DESCRIPTION");
        for (const auto& article : *articles) {
            auto* row = item->AddSectionDictionary("ARTICLE");
            row->SetValue("TITLE", article.title);
            row->SetValue("URL", kb_article_path(*lang, article.id, article.slug));
            if (!article.summary.empty()) row->SetValueAndShowSection("SUMMARY", article.summary, "HAS_SUMMARY");
            if (article.fallback) row->SetValueAndShowSection("TITLE_LANG", article.language, "OTHER_LANGUAGE");
            if (reader.staff() && article.status != kb::Status::published)
                row->SetValueAndShowSection("STATUS", status_label(page, article.status), "HAS_STATUS");
        }
    }
    return page.finish();
}

}  // namespace comptoir::web
