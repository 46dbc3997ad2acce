#include "web/kb_admin/catalogue_views.hpp"

#include <algorithm>

#include "domain/kb/article_service.hpp"
#include "domain/kb/catalogue_service.hpp"
#include "web/dictionary.hpp"
#include "web/errors.hpp"
#include "web/kb_admin/views.hpp"
#include "web/organisation/views.hpp"
#include "web/page.hpp"

namespace comptoir::web::kb_admin {
namespace {

// Per-language name and description fields. `prefix` keeps element ids
// unique on a page that has several such forms.
void fill_text_fields(ctemplate::TemplateDictionary& form, const Deps& deps, const Page& page, std::string_view prefix,
                      const std::vector<kb::LocalText>& texts) {
    const auto& languages = deps.services.kb_catalogue->languages();
    auto* fields = deps.templates.include(form, "TEXT_FIELDS", "pages/kb_admin/text_fields", page.lang());
    fields->SetValue("PREFIX", std::string(prefix));
    for (const auto& code : languages.supported) {
        auto* field = fields->AddSectionDictionary("TEXT_FIELD");
        field->SetValue("CODE", code);
        field->SetValue("LANGUAGE_NAME", language_name(deps, code));
        const auto t =
            std::find_if(texts.begin(), texts.end(), [&](const kb::LocalText& x) { return x.language == code; });
        if (t != texts.end()) {
            field->SetValue("NAME_VALUE", t->name);
            field->SetValue("DESCRIPTION_VALUE", t->description);
        }
        if (code == languages.default_language) field->ShowSection("REQUIRED");
    }
}

// "Facturation (fr) · Billing (en)": every language's name, for lists.
std::string all_names(const std::vector<kb::LocalText>& texts) {
    std::string out;
    for (const auto& t : texts) {
        if (!out.empty()) out += " · ";
        out += t.name + " (" + t.language + ")";
    }
    return out;
}

void show_error(ctemplate::TemplateDictionary& d, const Page& page, const CategoryPageState& state,
                std::string_view form) {
    if (!state.error_key.empty() && state.error_form == form)
        d.AddSectionDictionary("FORM_ERROR")->SetValue("MESSAGE", std::string(page.t(state.error_key)));
}

// Sections are named per level (`prefix`_UP, `prefix`_DOWN): a nested
// section would otherwise find its parent's and show a button it should not.
void add_move_buttons(ctemplate::TemplateDictionary& d, std::string_view prefix, std::size_t index, std::size_t count) {
    if (index > 0) d.ShowSection(std::string(prefix) + "_UP");
    if (index + 1 < count) d.ShowSection(std::string(prefix) + "_DOWN");
}

void fill_kind_and_icon(ctemplate::TemplateDictionary& parent, const Deps& deps, const Page& page,
                        std::string_view prefix, const NamesForm& values) {
    auto& form = *deps.templates.include(parent, "CATEGORY_FIELDS", "pages/kb_admin/category_fields", page.lang());
    form.SetValue("PREFIX", std::string(prefix));
    for (auto kind : {kb::CategoryKind::kb, kb::CategoryKind::faq}) {
        const std::string code(kb::to_string(kind));
        auto* option = form.AddSectionDictionary("KIND_OPTION");
        option->SetValue("CODE", code);
        option->SetValue("LABEL", std::string(page.t("kb_admin.categories.kind_" + code)));
        if (values.kind == code) option->ShowSection("SELECTED");
    }
    for (auto icon : category_icons()) {
        auto* option = form.AddSectionDictionary("ICON_OPTION");
        option->SetValue("CODE", std::string(icon));
        option->SetValue("LABEL", std::string(page.t("kb_admin.icons." + std::string(icon))));
        if (values.icon == icon) option->ShowSection("SELECTED");
    }
}

}  // namespace

const std::vector<std::string_view>& category_icons() {
    static const std::vector<std::string_view> icons = {"invoice", "box",  "calendar", "shield", "wrench",
                                                        "bolt",    "home", "question", "user",   "leaf"};
    return icons;
}

NamesForm names_form_from(const Deps& deps, const http::Request& request) {
    NamesForm form;
    form.kind = request.form_param("kind").value_or("kb");
    form.icon = request.form_param("icon").value_or("");
    form.category_id = request.form_param("category_id").value_or("");
    for (const auto& code : deps.services.kb_catalogue->languages().supported) {
        form.texts.push_back({code, request.form_param("name_" + code).value_or(""),
                              request.form_param("description_" + code).value_or("")});
    }
    return form;
}

bool names_form_readable(const NamesForm& form) {
    if (!http::is_valid_utf8(form.kind) || !http::is_valid_utf8(form.icon) || !http::is_valid_utf8(form.category_id))
        return false;
    return std::all_of(form.texts.begin(), form.texts.end(), [](const kb::LocalText& t) {
        return http::is_valid_utf8(t.name) && http::is_valid_utf8(t.description);
    });
}

http::Response render_categories(const Deps& deps, const http::Request& request, const Visitor& visitor,
                                 const NamesForm* form, std::string_view error_key, int status) {
    auto& catalogue = *deps.services.kb_catalogue;
    const auto reader = reader_of(visitor);
    Page page(deps, request, visitor, "pages/kb_admin/categories", "kb_admin.categories.title");
    page.use_form();
    add_nav(page, deps, "categories");
    show_done(page, request, "kb_admin.done.", {"moved", "category_deleted"});
    if (!error_key.empty()) page.set_error(error_key);
    auto categories = catalogue.categories(reader, page.lang());
    if (!categories) return error_page(deps, categories.error(), request);
    auto& d = page.dict();
    for (std::size_t i = 0; i < categories->size(); ++i) {
        const auto& c = (*categories)[i];
        auto* row = d.AddSectionDictionary("CATEGORY");
        row->SetIntValue("CATEGORY_ID", c.id);
        row->SetValue("NAME", c.name);
        row->SetValue("KIND", std::string(page.t("kb_admin.categories.kind_" + std::string(kb::to_string(c.kind)))));
        row->SetIntValue("ARTICLE_COUNT", c.article_count);
        if (auto texts = catalogue.category_texts(*visitor.principal, c.id))
            row->SetValue("ALL_NAMES", all_names(*texts));
        add_move_buttons(*row, "CATEGORY", i, categories->size());
        if (auto sections = catalogue.sections(reader, c.id, page.lang())) {
            for (const auto& s : *sections) {
                auto* item = row->AddSectionDictionary("SECTION");
                item->SetValue("SECTION_NAME", s.name);
                item->SetIntValue("SECTION_ARTICLES", s.article_count);
            }
            if (sections->empty()) row->ShowSection("NO_SECTIONS");
        }
    }
    if (categories->empty()) d.ShowSection("NO_CATEGORIES");

    const NamesForm values = form ? *form : NamesForm{};
    auto* create = d.AddSectionDictionary("CREATE");
    fill_kind_and_icon(*create, deps, page, "new-category", values);
    fill_text_fields(*create, deps, page, "new-category", values.texts);
    if (!error_key.empty())
        create->AddSectionDictionary("FORM_ERROR")->SetValue("MESSAGE", std::string(page.t(error_key)));
    return page.finish(status);
}

http::Response render_category(const Deps& deps, const http::Request& request, const Visitor& visitor,
                               std::int64_t category_id, const CategoryPageState& state) {
    auto& catalogue = *deps.services.kb_catalogue;
    auto& articles = *deps.services.kb_articles;
    const auto reader = reader_of(visitor);
    const auto& who = *visitor.principal;
    Page page(deps, request, visitor, "pages/kb_admin/category", "kb_admin.category.title");
    page.use_form();
    add_nav(page, deps, "categories");
    show_done(page, request, "kb_admin.done.",
              {"category_created", "category_saved", "section_created", "section_saved", "section_deleted", "moved"});
    if (!state.error_key.empty()) page.set_error(state.error_key);

    auto category = catalogue.category(reader, category_id, page.lang());
    if (!category) return error_page(deps, category.error(), request);
    auto texts = catalogue.category_texts(who, category_id);
    if (!texts) return error_page(deps, texts.error(), request);
    auto sections = catalogue.sections(reader, category_id, page.lang());
    if (!sections) return error_page(deps, sections.error(), request);
    auto all_categories = catalogue.categories(reader, page.lang());
    if (!all_categories) return error_page(deps, all_categories.error(), request);

    page.set_title(category->name);
    auto& d = page.dict();
    d.SetIntValue("CATEGORY_ID", category_id);
    d.SetValue("NAME", category->name);

    NamesForm current;
    current.kind = std::string(kb::to_string(category->kind));
    current.icon = category->icon;
    current.texts = *texts;
    const NamesForm& rename_values = state.category ? *state.category : current;
    auto* rename = d.AddSectionDictionary("RENAME");
    fill_kind_and_icon(*rename, deps, page, "category", rename_values);
    fill_text_fields(*rename, deps, page, "category", rename_values.texts);
    show_error(*rename, page, state, "category");
    show_error(*d.AddSectionDictionary("DELETE"), page, state, "delete");

    for (std::size_t i = 0; i < sections->size(); ++i) {
        const auto& s = (*sections)[i];
        auto* row = d.AddSectionDictionary("SECTION");
        row->SetIntValue("SECTION_ID", s.id);
        row->SetValue("SECTION_NAME", s.name);
        add_move_buttons(*row, "SECTION", i, sections->size());
        NamesForm values;
        values.category_id = std::to_string(category_id);
        if (state.section && state.section->first == s.id) {
            values = state.section->second;
            row->ShowSection("OPEN");
        } else if (auto section_texts = catalogue.section_texts(who, s.id)) {
            values.texts = *section_texts;
        }
        if (state.error_section == s.id) show_error(*row, page, state, "section");
        if (auto section_texts = catalogue.section_texts(who, s.id))
            row->SetValue("ALL_NAMES", all_names(*section_texts));
        fill_text_fields(*row, deps, page, "section-" + std::to_string(s.id), values.texts);
        for (const auto& c : *all_categories) {
            auto* option = row->AddSectionDictionary("CATEGORY_OPTION");
            option->SetIntValue("OPTION_ID", c.id);
            option->SetValue("OPTION_NAME", c.name);
            if (std::to_string(c.id) == values.category_id) option->ShowSection("SELECTED");
        }
        auto in_section = articles.in_section(reader, s.id, page.lang());
        if (!in_section) return error_page(deps, in_section.error(), request);
        for (std::size_t k = 0; k < in_section->size(); ++k) {
            const auto& a = (*in_section)[k];
            auto* item = row->AddSectionDictionary("ARTICLE");
            item->SetIntValue("ARTICLE_ID", a.id);
            item->SetValue("TITLE", a.title);
            item->SetValue("TITLE_LANGUAGE", a.language);
            item->SetValue("URL", editor_url(a.id, a.language));
            item->SetValue("STATUS", status_label(page, a.status));
            item->SetValue("STATUS_CODE", std::string(kb::to_string(a.status)));
            add_move_buttons(*item, "ARTICLE", k, in_section->size());
        }
        if (in_section->empty()) row->ShowSection("NO_ARTICLES");
    }
    if (sections->empty()) d.ShowSection("NO_SECTIONS");

    auto* create = d.AddSectionDictionary("NEW_SECTION");
    fill_text_fields(*create, deps, page, "new-section",
                     state.new_section ? state.new_section->texts : std::vector<kb::LocalText>{});
    show_error(*create, page, state, "new_section");
    return page.finish(state.status);
}

}  // namespace comptoir::web::kb_admin
