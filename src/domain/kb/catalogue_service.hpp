#pragma once
// Categories and sections of the knowledge base and the FAQ: reading them in
// a language (with fallback to the default language), and staff managing
// them (create, rename per language, reorder, delete when empty).
//
// Reading is open to everyone; counts only include articles the reader may
// see. Changes are for staff only (agents and admins); anyone else gets
// not_found. Error public messages are catalogue keys ("kb.error.*").
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/audit/audit_log.hpp"
#include "domain/kb/model.hpp"
#include "storage/database.hpp"

namespace comptoir::kb {

/// Languages the knowledge base is written in; the default one is the fallback.
struct Languages {
    std::string default_language = "en";
    std::vector<std::string> supported = {"en", "fr"};
    bool supports(std::string_view language) const;
};

struct CategoryInput {
    CategoryKind kind = CategoryKind::kb;
    std::string icon;
    std::vector<LocalText> texts;  // at least the default language; name 1–120 chars, description ≤ 500
};

struct SectionInput {
    std::int64_t category_id = 0;
    std::vector<LocalText> texts;
};

class CatalogueService {
  public:
    CatalogueService(storage::Database& db, const audit::AuditLog& audit, Languages languages,
                     Clock clock = system_clock());

    /// Categories in position order; kind filters kb or faq (nullopt: both).
    Result<std::vector<Category>> categories(const Reader& reader, std::string_view language,
                                             std::optional<CategoryKind> kind = std::nullopt) const;
    Result<Category> category(const Reader& reader, std::int64_t id, std::string_view language) const;
    Result<std::vector<Section>> sections(const Reader& reader, std::int64_t category_id,
                                          std::string_view language) const;
    Result<Section> section(const Reader& reader, std::int64_t id, std::string_view language) const;
    /// Every text of a category or section, for the staff edit forms.
    Result<std::vector<LocalText>> category_texts(const accounts::Principal& actor, std::int64_t id) const;
    Result<std::vector<LocalText>> section_texts(const accounts::Principal& actor, std::int64_t id) const;

    // Staff only. New ones go last.
    Result<std::int64_t> create_category(const accounts::Principal& actor, const CategoryInput& input,
                                         const accounts::RequestMeta& meta);
    Result<void> update_category(const accounts::Principal& actor, std::int64_t id, const CategoryInput& input,
                                 const accounts::RequestMeta& meta);
    /// Refused (conflict "kb.error.category_not_empty") while it has sections.
    Result<void> delete_category(const accounts::Principal& actor, std::int64_t id, const accounts::RequestMeta& meta);
    Result<std::int64_t> create_section(const accounts::Principal& actor, const SectionInput& input,
                                        const accounts::RequestMeta& meta);
    /// Also moves the section to another category (input.category_id).
    Result<void> update_section(const accounts::Principal& actor, std::int64_t id, const SectionInput& input,
                                const accounts::RequestMeta& meta);
    Result<void> delete_section(const accounts::Principal& actor, std::int64_t id, const accounts::RequestMeta& meta);

    /// Moves one item up (-1) or down (+1) among its siblings.
    Result<void> move_category(const accounts::Principal& actor, std::int64_t id, int direction);
    Result<void> move_section(const accounts::Principal& actor, std::int64_t id, int direction);
    Result<void> move_article(const accounts::Principal& actor, std::int64_t article_id, int direction);

    const Languages& languages() const { return languages_; }

  private:
    storage::Database& db_;
    const audit::AuditLog& audit_;
    Languages languages_;
    Clock clock_;
};

}  // namespace comptoir::kb
