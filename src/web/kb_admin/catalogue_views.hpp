#pragma once
// The category pages of the authoring area: the list of categories (with
// their sections and the create form) and one category's page (rename,
// delete, its sections with their articles, reordering), each re-shown with
// the author's input after a refusal.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/kb/model.hpp"
#include "http/message.hpp"
#include "web/auth.hpp"
#include "web/deps.hpp"

namespace comptoir::web::kb_admin {

/// A category or section form as typed: a name and description per language.
struct NamesForm {
    std::string kind = "kb";           // categories: kb | faq
    std::string icon;                  // categories: one of the theme's icons, or empty
    std::string category_id;           // sections: the category it belongs to (moving it)
    std::vector<kb::LocalText> texts;  // one per supported language, in order
};

/// Reads kind, icon, category_id and name_<lang>/description_<lang> for every supported language.
NamesForm names_form_from(const Deps& deps, const http::Request& request);
/// Every field is valid UTF-8.
bool names_form_readable(const NamesForm& form);

/// The icons a category may show (what the theme draws).
const std::vector<std::string_view>& category_icons();

/// GET /admin/kb/categories, with the create form as typed (`form`, when re-shown).
http::Response render_categories(const Deps& deps, const http::Request& request, const Visitor& visitor,
                                 const NamesForm* form = nullptr, std::string_view error_key = {}, int status = 200);

/// What a re-shown category page keeps from a refused form.
struct CategoryPageState {
    std::optional<NamesForm> category;                          // its rename form
    std::optional<std::pair<std::int64_t, NamesForm>> section;  // one section's rename form
    std::optional<NamesForm> new_section;
    std::optional<std::int64_t> error_section;  // the section an error is about (error_form "section")
    std::string error_key;
    std::string error_form;  // "category", "delete", "section", "new_section"
    int status = 200;
};

/// GET /admin/kb/categories/{id}.
http::Response render_category(const Deps& deps, const http::Request& request, const Visitor& visitor,
                               std::int64_t category_id, const CategoryPageState& state = {});

}  // namespace comptoir::web::kb_admin
