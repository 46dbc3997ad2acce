#include "domain/kb/catalogue_service.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <span>
#include <utility>

#include "core/utf8.hpp"
#include "domain/accounts/notices.hpp"
#include "domain/kb/visibility.hpp"

namespace comptoir::kb {

bool Languages::supports(std::string_view language) const {
    if (language.empty()) return false;
    // The fallback language is always one the knowledge base is written in.
    return language == default_language || std::find(supported.begin(), supported.end(), language) != supported.end();
}

namespace {

constexpr std::size_t kMaxNameBytes = 120;
constexpr std::size_t kMaxDescriptionBytes = 500;

// The icons the theme draws; anything else would show a broken image.
constexpr std::array<std::string_view, 10> kIcons = {"invoice", "box",  "calendar", "shield", "wrench",
                                                     "bolt",    "home", "question", "user",   "leaf"};

// Names and descriptions come in the reader's language ($5), else the default
// language ($6), else the first one stored, so that a list never shows a blank.
// Counts embed the visibility rule ($1..$4): a customer never learns that a
// category holds drafts or internal articles.
#define KB_CATEGORY_SELECT                                                                              \
    "SELECT c.id, c.kind, c.position, c.icon, COALESCE(t.language, d.language, f.language, ''), "       \
    "COALESCE(t.name, d.name, f.name, ''), COALESCE(t.description, d.description, f.description, ''), " \
    "(SELECT COUNT(*) FROM kb_articles a JOIN kb_sections s ON s.id = a.section_id "                    \
    "WHERE s.category_id = c.id AND " COMPTOIR_KB_VISIBLE_ARTICLE                                       \
    ") FROM kb_categories c "                                                                           \
    "LEFT JOIN kb_category_texts t ON t.category_id = c.id AND t.language = $5 "                        \
    "LEFT JOIN kb_category_texts d ON d.category_id = c.id AND d.language = $6 "                        \
    "LEFT JOIN kb_category_texts f ON f.category_id = c.id AND f.language = "                           \
    "(SELECT MIN(x.language) FROM kb_category_texts x WHERE x.category_id = c.id) "

#define KB_SECTION_SELECT                                                                               \
    "SELECT s.id, s.category_id, s.position, COALESCE(t.language, d.language, f.language, ''), "        \
    "COALESCE(t.name, d.name, f.name, ''), COALESCE(t.description, d.description, f.description, ''), " \
    "(SELECT COUNT(*) FROM kb_articles a WHERE a.section_id = s.id AND " COMPTOIR_KB_VISIBLE_ARTICLE    \
    ") FROM kb_sections s "                                                                             \
    "LEFT JOIN kb_section_texts t ON t.section_id = s.id AND t.language = $5 "                          \
    "LEFT JOIN kb_section_texts d ON d.section_id = s.id AND d.language = $6 "                          \
    "LEFT JOIN kb_section_texts f ON f.section_id = s.id AND f.language = "                             \
    "(SELECT MIN(x.language) FROM kb_section_texts x WHERE x.section_id = s.id) "

constexpr std::string_view kCategories = KB_CATEGORY_SELECT "WHERE ($7 = '' OR c.kind = $7) ORDER BY c.position, c.id";
constexpr std::string_view kCategoryById = KB_CATEGORY_SELECT "WHERE c.id = $7";
constexpr std::string_view kSections = KB_SECTION_SELECT "WHERE s.category_id = $7 ORDER BY s.position, s.id";
constexpr std::string_view kSectionById = KB_SECTION_SELECT "WHERE s.id = $7";

#undef KB_CATEGORY_SELECT
#undef KB_SECTION_SELECT

// Turns Result<T> into an early return of its error.
#define COMPTOIR_TRY(expr)                                                                                            \
    do {                                                                                                              \
        if (auto comptoir_try_r = (expr); !comptoir_try_r) return std::unexpected(std::move(comptoir_try_r.error())); \
    } while (false)

Result<void> require_staff(const accounts::Principal& actor) {
    if (!actor.staff()) return fail(ErrorCode::not_found, "kb.error.not_found");
    return {};
}

// Runs `sql`, which embeds COMPTOIR_KB_VISIBLE_ARTICLE, with the reader's four
// parameters first and `args` from $5 on.
template <class... Args>
Result<storage::ResultSet> query_visible(storage::Transaction& tx, std::string_view sql, const Reader& reader,
                                         std::int64_t now, Args&&... args) {
    const auto leading = visibility_params(reader, now);
    const storage::Value params[] = {leading[0], leading[1], leading[2], leading[3],
                                     storage::Transaction::to_value(std::forward<Args>(args))...};
    return tx.query(sql, std::span<const storage::Value>(params));
}

Category read_category(const storage::Row& row) {
    Category c;
    c.id = row.get<std::int64_t>(0);
    c.kind = parse_category_kind(row.get<std::string>(1)).value_or(CategoryKind::kb);
    c.position = static_cast<int>(row.get<std::int64_t>(2));
    c.icon = row.get<std::string>(3);
    c.language = row.get<std::string>(4);
    c.name = row.get<std::string>(5);
    c.description = row.get<std::string>(6);
    c.article_count = row.get<std::int64_t>(7);
    return c;
}

Section read_section(const storage::Row& row) {
    Section s;
    s.id = row.get<std::int64_t>(0);
    s.category_id = row.get<std::int64_t>(1);
    s.position = static_cast<int>(row.get<std::int64_t>(2));
    s.language = row.get<std::string>(3);
    s.name = row.get<std::string>(4);
    s.description = row.get<std::string>(5);
    s.article_count = row.get<std::int64_t>(6);
    return s;
}

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

// Control characters would break page titles and breadcrumbs; a description may span lines.
bool has_control(std::string_view s, bool allow_newlines) {
    return std::any_of(s.begin(), s.end(), [allow_newlines](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        if (allow_newlines && (c == '\n' || c == '\r' || c == '\t')) return false;
        return c < 0x20 || c == 0x7f;
    });
}

bool valid_icon(std::string_view icon) {
    return icon.empty() || std::find(kIcons.begin(), kIcons.end(), icon) != kIcons.end();
}

// The texts to store, trimmed and checked. A language left entirely blank is
// not a translation (it falls back), except the default one, which every
// category and section must have.
Result<std::vector<LocalText>> clean_texts(const std::vector<LocalText>& texts, const Languages& languages) {
    std::vector<LocalText> out;
    bool has_default = false;
    for (const auto& text : texts) {
        LocalText clean{trimmed(text.language), trimmed(text.name), trimmed(text.description)};
        if (!languages.supports(clean.language)) return fail(ErrorCode::invalid_input, "kb.error.language_unsupported");
        if (std::any_of(out.begin(), out.end(), [&](const LocalText& t) { return t.language == clean.language; }))
            return fail(ErrorCode::invalid_input, "kb.error.language_duplicate");
        const bool is_default = clean.language == languages.default_language;
        if (clean.name.empty() && clean.description.empty() && !is_default) continue;
        if (clean.name.empty()) return fail(ErrorCode::invalid_input, "kb.error.name_required");
        if (!is_valid_utf8(clean.name) || !is_valid_utf8(clean.description) || has_control(clean.name, false) ||
            has_control(clean.description, true))
            return fail(ErrorCode::invalid_input, "kb.error.text_invalid");
        if (clean.name.size() > kMaxNameBytes) return fail(ErrorCode::invalid_input, "kb.error.name_too_long");
        if (clean.description.size() > kMaxDescriptionBytes)
            return fail(ErrorCode::invalid_input, "kb.error.description_too_long");
        has_default = has_default || is_default;
        out.push_back(std::move(clean));
    }
    if (!has_default) return fail(ErrorCode::invalid_input, "kb.error.name_required");
    return out;
}

// For audit details: the languages given and the default-language name.
std::map<std::string, std::string> text_details(const std::vector<LocalText>& texts, const Languages& languages) {
    std::string langs;
    std::string name;
    for (const auto& t : texts) {
        if (!langs.empty()) langs += ',';
        langs += t.language;
        if (t.language == languages.default_language) name = t.name;
    }
    return {{"languages", langs}, {"name", name}};
}

// The statements that replace every text of one category or section.
struct TextTable {
    std::string_view remove;  // $1 owner id
    std::string_view insert;  // $1 owner id, $2 language, $3 name, $4 description
};
constexpr TextTable kCategoryTexts{
    "DELETE FROM kb_category_texts WHERE category_id = $1",
    "INSERT INTO kb_category_texts (category_id, language, name, description) VALUES ($1, $2, $3, $4)"};
constexpr TextTable kSectionTexts{
    "DELETE FROM kb_section_texts WHERE section_id = $1",
    "INSERT INTO kb_section_texts (section_id, language, name, description) VALUES ($1, $2, $3, $4)"};

Result<void> replace_texts(storage::Transaction& tx, const TextTable& table, std::int64_t owner,
                           const std::vector<LocalText>& texts) {
    COMPTOIR_TRY(tx.query_with(table.remove, owner));
    for (const auto& t : texts) COMPTOIR_TRY(tx.query_with(table.insert, owner, t.language, t.name, t.description));
    return {};
}

Result<std::vector<LocalText>> read_texts(storage::Transaction& tx, std::string_view sql, std::int64_t owner) {
    auto rows = tx.query_with(sql, owner);
    if (!rows) return std::unexpected(rows.error());
    std::vector<LocalText> texts;
    for (const auto& row : rows->rows)
        texts.push_back({row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2)});
    return texts;
}

// Fails with not_found unless `sql` ($1 = id) finds a row.
Result<storage::Row> existing(storage::Transaction& tx, std::string_view sql, std::int64_t id,
                              std::string_view key = "kb.error.not_found", ErrorCode code = ErrorCode::not_found) {
    auto rows = tx.query_with(sql, id);
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return fail(code, std::string(key));
    return rows->one();
}

// A section's category named in a form: gone since the form was shown, or never there.
Result<void> require_category(storage::Transaction& tx, std::int64_t category_id) {
    auto found = existing(tx, "SELECT 1 FROM kb_categories WHERE id = $1", category_id, "kb.error.category_not_found",
                          ErrorCode::invalid_input);
    if (!found) return std::unexpected(found.error());
    return {};
}

// `siblings` lists (id, position) in display order. Swaps `id` with its
// neighbour in `direction` (<0 up, >0 down, 0 none; nothing at either end),
// then writes positions 0..n-1 wherever they differ, so that gaps and
// duplicates left by deletions or concurrent inserts heal. Returns whether
// the order changed.
Result<bool> reorder(storage::Transaction& tx, const storage::ResultSet& siblings, std::string_view update_sql,
                     std::int64_t id, int direction) {
    std::vector<std::pair<std::int64_t, std::int64_t>> items;  // id, stored position
    for (const auto& row : siblings.rows) items.emplace_back(row.get<std::int64_t>(0), row.get<std::int64_t>(1));
    bool moved = false;
    const auto at = std::find_if(items.begin(), items.end(), [id](const auto& item) { return item.first == id; });
    if (at != items.end() && direction != 0) {
        const auto index = at - items.begin();
        const auto other = index + (direction < 0 ? -1 : 1);
        if (other >= 0 && other < static_cast<std::ptrdiff_t>(items.size())) {
            std::swap(items[index], items[other]);
            moved = true;
        }
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (items[i].second == static_cast<std::int64_t>(i)) continue;
        COMPTOIR_TRY(tx.query_with(update_sql, static_cast<std::int64_t>(i), items[i].first));
    }
    return moved;
}

constexpr std::string_view kCategorySiblings = "SELECT id, position FROM kb_categories ORDER BY position, id";
constexpr std::string_view kSectionSiblings =
    "SELECT id, position FROM kb_sections WHERE category_id = $1 ORDER BY position, id";
constexpr std::string_view kArticleSiblings =
    "SELECT id, position FROM kb_articles WHERE section_id = $1 ORDER BY position, id";
constexpr std::string_view kSetCategoryPosition = "UPDATE kb_categories SET position = $1 WHERE id = $2";
constexpr std::string_view kSetSectionPosition = "UPDATE kb_sections SET position = $1 WHERE id = $2";
constexpr std::string_view kSetArticlePosition = "UPDATE kb_articles SET position = $1 WHERE id = $2";

std::string category_target(std::int64_t id) { return "kb_category:" + std::to_string(id); }
std::string section_target(std::int64_t id) { return "kb_section:" + std::to_string(id); }
std::string article_target(std::int64_t id) { return "kb_article:" + std::to_string(id); }

}  // namespace

CatalogueService::CatalogueService(storage::Database& db, const audit::AuditLog& audit, Languages languages,
                                   Clock clock)
    : db_(db), audit_(audit), languages_(std::move(languages)), clock_(std::move(clock)) {}

// ------------------------------------------------------------ reading

Result<std::vector<Category>> CatalogueService::categories(const Reader& reader, std::string_view language,
                                                           std::optional<CategoryKind> kind) const {
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    auto rows = query_visible(*tx, kCategories, reader, clock_(), language, languages_.default_language,
                              kind ? to_string(*kind) : std::string_view{});
    if (!rows) return std::unexpected(rows.error());
    std::vector<Category> out;
    out.reserve(rows->rows.size());
    for (const auto& row : rows->rows) out.push_back(read_category(row));
    return out;
}

Result<Category> CatalogueService::category(const Reader& reader, std::int64_t id, std::string_view language) const {
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    auto rows = query_visible(*tx, kCategoryById, reader, clock_(), language, languages_.default_language, id);
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return fail(ErrorCode::not_found, "kb.error.not_found");
    return read_category(rows->one());
}

Result<std::vector<Section>> CatalogueService::sections(const Reader& reader, std::int64_t category_id,
                                                        std::string_view language) const {
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    COMPTOIR_TRY(existing(*tx, "SELECT 1 FROM kb_categories WHERE id = $1", category_id));
    auto rows = query_visible(*tx, kSections, reader, clock_(), language, languages_.default_language, category_id);
    if (!rows) return std::unexpected(rows.error());
    std::vector<Section> out;
    out.reserve(rows->rows.size());
    for (const auto& row : rows->rows) out.push_back(read_section(row));
    return out;
}

Result<Section> CatalogueService::section(const Reader& reader, std::int64_t id, std::string_view language) const {
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    auto rows = query_visible(*tx, kSectionById, reader, clock_(), language, languages_.default_language, id);
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return fail(ErrorCode::not_found, "kb.error.not_found");
    return read_section(rows->one());
}

Result<std::vector<LocalText>> CatalogueService::category_texts(const accounts::Principal& actor,
                                                                std::int64_t id) const {
    COMPTOIR_TRY(require_staff(actor));
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    COMPTOIR_TRY(existing(*tx, "SELECT 1 FROM kb_categories WHERE id = $1", id));
    return read_texts(
        *tx, "SELECT language, name, description FROM kb_category_texts WHERE category_id = $1 ORDER BY language", id);
}

Result<std::vector<LocalText>> CatalogueService::section_texts(const accounts::Principal& actor,
                                                               std::int64_t id) const {
    COMPTOIR_TRY(require_staff(actor));
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    COMPTOIR_TRY(existing(*tx, "SELECT 1 FROM kb_sections WHERE id = $1", id));
    return read_texts(
        *tx, "SELECT language, name, description FROM kb_section_texts WHERE section_id = $1 ORDER BY language", id);
}

// ------------------------------------------------------------ categories

Result<std::int64_t> CatalogueService::create_category(const accounts::Principal& actor, const CategoryInput& input,
                                                       const accounts::RequestMeta& meta) {
    COMPTOIR_TRY(require_staff(actor));
    auto texts = clean_texts(input.texts, languages_);
    if (!texts) return std::unexpected(texts.error());
    if (!valid_icon(input.icon)) return fail(ErrorCode::invalid_input, "kb.error.icon_unknown");
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    auto inserted = tx->query_with(
        "INSERT INTO kb_categories (kind, position, icon, created_at, updated_at) "
        "VALUES ($1, (SELECT COALESCE(MAX(position) + 1, 0) FROM kb_categories), $2, $3, $3) RETURNING id",
        to_string(input.kind), input.icon, now);
    if (!inserted) return std::unexpected(inserted.error());
    const auto id = inserted->one().get<std::int64_t>(0);
    COMPTOIR_TRY(replace_texts(*tx, kCategoryTexts, id, *texts));
    auto details = text_details(*texts, languages_);
    details["kind"] = std::string(to_string(input.kind));
    details["icon"] = input.icon;
    COMPTOIR_TRY(audit_.append(
        *tx, accounts::audit_event(meta, "kb.category_created", &actor, category_target(id), std::move(details)), now));
    if (auto r = tx->commit(); !r) return std::unexpected(r.error());
    return id;
}

Result<void> CatalogueService::update_category(const accounts::Principal& actor, std::int64_t id,
                                               const CategoryInput& input, const accounts::RequestMeta& meta) {
    COMPTOIR_TRY(require_staff(actor));
    auto texts = clean_texts(input.texts, languages_);
    if (!texts) return std::unexpected(texts.error());
    if (!valid_icon(input.icon)) return fail(ErrorCode::invalid_input, "kb.error.icon_unknown");
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    COMPTOIR_TRY(existing(*tx, "SELECT 1 FROM kb_categories WHERE id = $1", id));
    COMPTOIR_TRY(tx->query_with("UPDATE kb_categories SET kind = $1, icon = $2, updated_at = $3 WHERE id = $4",
                                to_string(input.kind), input.icon, now, id));
    COMPTOIR_TRY(replace_texts(*tx, kCategoryTexts, id, *texts));
    auto details = text_details(*texts, languages_);
    details["kind"] = std::string(to_string(input.kind));
    details["icon"] = input.icon;
    COMPTOIR_TRY(audit_.append(
        *tx, accounts::audit_event(meta, "kb.category_updated", &actor, category_target(id), std::move(details)), now));
    return tx->commit();
}

Result<void> CatalogueService::delete_category(const accounts::Principal& actor, std::int64_t id,
                                               const accounts::RequestMeta& meta) {
    COMPTOIR_TRY(require_staff(actor));
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    COMPTOIR_TRY(existing(*tx, "SELECT 1 FROM kb_categories WHERE id = $1", id));
    auto sections = tx->query_with("SELECT COUNT(*) FROM kb_sections WHERE category_id = $1", id);
    if (!sections) return std::unexpected(sections.error());
    if (sections->one().get<std::int64_t>(0) > 0) return fail(ErrorCode::conflict, "kb.error.category_not_empty");
    auto texts =
        read_texts(*tx, "SELECT language, name, description FROM kb_category_texts WHERE category_id = $1", id);
    if (!texts) return std::unexpected(texts.error());
    COMPTOIR_TRY(tx->query_with("DELETE FROM kb_category_texts WHERE category_id = $1", id));
    COMPTOIR_TRY(tx->query_with("DELETE FROM kb_categories WHERE id = $1", id));
    COMPTOIR_TRY(audit_.append(*tx,
                               accounts::audit_event(meta, "kb.category_deleted", &actor, category_target(id),
                                                     text_details(*texts, languages_)),
                               now));
    return tx->commit();
}

// ------------------------------------------------------------ sections

Result<std::int64_t> CatalogueService::create_section(const accounts::Principal& actor, const SectionInput& input,
                                                      const accounts::RequestMeta& meta) {
    COMPTOIR_TRY(require_staff(actor));
    auto texts = clean_texts(input.texts, languages_);
    if (!texts) return std::unexpected(texts.error());
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    COMPTOIR_TRY(require_category(*tx, input.category_id));
    auto inserted = tx->query_with(
        "INSERT INTO kb_sections (category_id, position, created_at, updated_at) "
        "VALUES ($1, (SELECT COALESCE(MAX(position) + 1, 0) FROM kb_sections WHERE category_id = $1), $2, $2) "
        "RETURNING id",
        input.category_id, now);
    if (!inserted) return std::unexpected(inserted.error());
    const auto id = inserted->one().get<std::int64_t>(0);
    COMPTOIR_TRY(replace_texts(*tx, kSectionTexts, id, *texts));
    auto details = text_details(*texts, languages_);
    details["category"] = std::to_string(input.category_id);
    COMPTOIR_TRY(audit_.append(
        *tx, accounts::audit_event(meta, "kb.section_created", &actor, section_target(id), std::move(details)), now));
    if (auto r = tx->commit(); !r) return std::unexpected(r.error());
    return id;
}

Result<void> CatalogueService::update_section(const accounts::Principal& actor, std::int64_t id,
                                              const SectionInput& input, const accounts::RequestMeta& meta) {
    COMPTOIR_TRY(require_staff(actor));
    auto texts = clean_texts(input.texts, languages_);
    if (!texts) return std::unexpected(texts.error());
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    auto current = existing(*tx, "SELECT category_id FROM kb_sections WHERE id = $1", id);
    if (!current) return std::unexpected(current.error());
    const auto from_category = current->get<std::int64_t>(0);
    auto details = text_details(*texts, languages_);
    details["category"] = std::to_string(input.category_id);
    if (input.category_id == from_category) {
        COMPTOIR_TRY(tx->query_with("UPDATE kb_sections SET updated_at = $1 WHERE id = $2", now, id));
    } else {
        // Moved to another category: it goes last there, and the old one closes the gap.
        COMPTOIR_TRY(require_category(*tx, input.category_id));
        COMPTOIR_TRY(tx->query_with(
            "UPDATE kb_sections SET category_id = $1, updated_at = $2, "
            "position = (SELECT COALESCE(MAX(x.position) + 1, 0) FROM kb_sections x WHERE x.category_id = $1) "
            "WHERE id = $3",
            input.category_id, now, id));
        auto left = tx->query_with(kSectionSiblings, from_category);
        if (!left) return std::unexpected(left.error());
        COMPTOIR_TRY(reorder(*tx, *left, kSetSectionPosition, 0, 0));
        details["from_category"] = std::to_string(from_category);
    }
    COMPTOIR_TRY(replace_texts(*tx, kSectionTexts, id, *texts));
    COMPTOIR_TRY(audit_.append(
        *tx, accounts::audit_event(meta, "kb.section_updated", &actor, section_target(id), std::move(details)), now));
    return tx->commit();
}

Result<void> CatalogueService::delete_section(const accounts::Principal& actor, std::int64_t id,
                                              const accounts::RequestMeta& meta) {
    COMPTOIR_TRY(require_staff(actor));
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    auto current = existing(*tx, "SELECT category_id FROM kb_sections WHERE id = $1", id);
    if (!current) return std::unexpected(current.error());
    // Archived articles count too: they keep their history and may come back.
    auto articles = tx->query_with("SELECT COUNT(*) FROM kb_articles WHERE section_id = $1", id);
    if (!articles) return std::unexpected(articles.error());
    if (articles->one().get<std::int64_t>(0) > 0) return fail(ErrorCode::conflict, "kb.error.section_not_empty");
    auto texts = read_texts(*tx, "SELECT language, name, description FROM kb_section_texts WHERE section_id = $1", id);
    if (!texts) return std::unexpected(texts.error());
    COMPTOIR_TRY(tx->query_with("DELETE FROM kb_section_texts WHERE section_id = $1", id));
    COMPTOIR_TRY(tx->query_with("DELETE FROM kb_sections WHERE id = $1", id));
    auto details = text_details(*texts, languages_);
    details["category"] = std::to_string(current->get<std::int64_t>(0));
    COMPTOIR_TRY(audit_.append(
        *tx, accounts::audit_event(meta, "kb.section_deleted", &actor, section_target(id), std::move(details)), now));
    return tx->commit();
}

// ------------------------------------------------------------ ordering

namespace {
// The header gives moves no RequestMeta: the event carries the actor only.
Result<void> record_move(storage::Transaction& tx, const audit::AuditLog& audit, const accounts::Principal& actor,
                         std::string target, int direction, std::int64_t now) {
    return audit.append(tx,
                        accounts::audit_event({}, "kb.reordered", &actor, std::move(target),
                                              {{"direction", direction < 0 ? "up" : "down"}}),
                        now);
}

// How one kind of item is reordered: categories among all, sections in their
// category, articles in their section.
struct Ordering {
    std::string_view item;                // $1 = id: a row when it exists; its first column is the parent
    bool in_parent;                       // the siblings query takes the parent as $1
    std::string_view siblings;            // id, position in order
    std::string_view set_position;        // $1 = position, $2 = id
    std::string (*target)(std::int64_t);  // the audit target
};
const Ordering kCategoryOrdering{"SELECT 1 FROM kb_categories WHERE id = $1", false, kCategorySiblings,
                                 kSetCategoryPosition, category_target};
const Ordering kSectionOrdering{"SELECT category_id FROM kb_sections WHERE id = $1", true, kSectionSiblings,
                                kSetSectionPosition, section_target};
const Ordering kArticleOrdering{"SELECT section_id FROM kb_articles WHERE id = $1", true, kArticleSiblings,
                                kSetArticlePosition, article_target};

// Swaps the item with its neighbour in `direction` (renumbering its siblings) and records it.
Result<void> move_item(storage::Database& db, const audit::AuditLog& audit, const Ordering& ordering,
                       const accounts::Principal& actor, std::int64_t id, int direction, std::int64_t now) {
    COMPTOIR_TRY(require_staff(actor));
    auto tx = db.write();
    if (!tx) return std::unexpected(tx.error());
    auto item = existing(*tx, ordering.item, id);
    if (!item) return std::unexpected(item.error());
    auto siblings = ordering.in_parent ? tx->query_with(ordering.siblings, item->get<std::int64_t>(0))
                                       : tx->query(ordering.siblings);
    if (!siblings) return std::unexpected(siblings.error());
    auto moved = reorder(*tx, *siblings, ordering.set_position, id, direction);
    if (!moved) return std::unexpected(moved.error());
    if (*moved) COMPTOIR_TRY(record_move(*tx, audit, actor, ordering.target(id), direction, now));
    return tx->commit();
}
}  // namespace

Result<void> CatalogueService::move_category(const accounts::Principal& actor, std::int64_t id, int direction) {
    return move_item(db_, audit_, kCategoryOrdering, actor, id, direction, clock_());
}

Result<void> CatalogueService::move_section(const accounts::Principal& actor, std::int64_t id, int direction) {
    return move_item(db_, audit_, kSectionOrdering, actor, id, direction, clock_());
}

Result<void> CatalogueService::move_article(const accounts::Principal& actor, std::int64_t article_id, int direction) {
    return move_item(db_, audit_, kArticleOrdering, actor, article_id, direction, clock_());
}

#undef COMPTOIR_TRY

}  // namespace comptoir::kb
