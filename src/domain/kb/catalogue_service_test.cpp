// CatalogueService on SQLite and PostgreSQL (skipped without
// COMPTOIR_TEST_PG_URL unless COMPTOIR_TEST_REQUIRE_PG=1): names in the
// reader's language with fallback, counts that only include articles the
// reader may see, staff-only changes with validation, deletion of empty
// containers only, and reordering that heals gaps.
#include "domain/kb/catalogue_service.hpp"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/accounts/users.hpp"
#include "domain/test_support.hpp"

namespace comptoir::kb {
namespace {

using storage::Backend;
using test::describe;
using test::must;

constexpr std::int64_t kNow = 1767225600;  // 2026-01-01 00:00 UTC

using Texts = std::map<std::string, std::string>;  // language -> name

template <class T>
void expect_fails(const Result<T>& r, ErrorCode code, std::string_view key) {
    ASSERT_FALSE(r.has_value()) << "expected " << comptoir::to_string(code) << " " << key;
    EXPECT_EQ(r.error().code, code) << describe(r.error());
    EXPECT_EQ(r.error().public_message, key);
}

class CatalogueServiceTest : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        if (!database_.open(GetParam())) GTEST_SKIP() << "COMPTOIR_TEST_PG_URL is not set";
        audit_ = std::make_unique<audit::AuditLog>(GetParam());
        service_ =
            std::make_unique<CatalogueService>(db(), *audit_, Languages{"en", {"en", "fr"}}, [this] { return now_; });
        org_a_ = database_.add_organisation("alpha", "Alpha SARL");
        org_b_ = database_.add_organisation("beta", "Beta GmbH");
        agent_ = principal(database_.add_user({.email = "agent@op.example", .role = "agent", .display_name = "Agnes"}));
        customer_a_ = principal(database_.add_user("c@alpha.example", "customer", org_a_));
        customer_b_ = principal(database_.add_user("c@beta.example", "customer", org_b_));
        org_admin_a_ = principal(database_.add_user("admin@alpha.example", "org_admin", org_a_));
    }

    storage::Database& db() { return database_.db(); }
    accounts::Principal principal(std::int64_t id) { return accounts::to_principal(database_.user(id)); }
    std::int64_t count(std::string_view sql) { return database_.count(sql); }
    std::int64_t audit_count(const std::string& action) {
        return database_.count("SELECT COUNT(*) FROM audit_log WHERE action = $1", action);
    }

    std::int64_t add_category(const Texts& names, std::int64_t position = 0, const std::string& kind = "kb") {
        const auto id = database_
                            .exec(
                                "INSERT INTO kb_categories (kind, position, icon, created_at, updated_at) "
                                "VALUES ($1, $2, 'box', $3, $3) RETURNING id",
                                kind, position, kNow)
                            .one()
                            .get<std::int64_t>(0);
        for (const auto& [lang, name] : names)
            database_.exec(
                "INSERT INTO kb_category_texts (category_id, language, name, description) VALUES ($1, $2, $3, $4)", id,
                lang, name, "About " + name);
        return id;
    }

    std::int64_t add_section(std::int64_t category, const Texts& names, std::int64_t position = 0) {
        const auto id = database_
                            .exec(
                                "INSERT INTO kb_sections (category_id, position, created_at, updated_at) "
                                "VALUES ($1, $2, $3, $3) RETURNING id",
                                category, position, kNow)
                            .one()
                            .get<std::int64_t>(0);
        for (const auto& [lang, name] : names)
            database_.exec("INSERT INTO kb_section_texts (section_id, language, name) VALUES ($1, $2, $3)", id, lang,
                           name);
        return id;
    }

    std::int64_t add_article(std::int64_t section, const std::string& status, const std::string& visibility,
                             std::int64_t position = 0, std::optional<std::int64_t> publish_at = std::nullopt) {
        return database_
            .exec(
                "INSERT INTO kb_articles (section_id, position, source_language, status, visibility, publish_at, "
                "created_at, updated_at) VALUES ($1, $2, 'en', $3, $4, $5, $6, $6) RETURNING id",
                section, position, status, visibility, publish_at, kNow)
            .one()
            .get<std::int64_t>(0);
    }

    // Column `index` of every row `sql` returns (its rows are id, position in display order).
    template <class... Args>
    std::vector<std::int64_t> column(std::size_t index, std::string_view sql, Args&&... args) {
        std::vector<std::int64_t> out;
        for (const auto& row : database_.select(sql, std::forward<Args>(args)...).rows)
            out.push_back(row.template get<std::int64_t>(index));
        return out;
    }
    template <class... Args>
    std::vector<std::int64_t> ids_in_order(std::string_view sql, Args&&... args) {
        return column(0, sql, std::forward<Args>(args)...);
    }
    std::vector<std::int64_t> positions(std::string_view sql) { return column(1, sql); }

    CategoryInput category_input(std::vector<LocalText> texts, std::string icon = "invoice") {
        return CategoryInput{CategoryKind::kb, std::move(icon), std::move(texts)};
    }

    test::TestDatabase database_;
    std::int64_t now_ = kNow;
    accounts::RequestMeta meta_{"203.0.113.7", "test", "req-1", "https://portal.example"};
    std::unique_ptr<audit::AuditLog> audit_;
    std::unique_ptr<CatalogueService> service_;
    std::int64_t org_a_ = 0, org_b_ = 0;
    accounts::Principal agent_, customer_a_, customer_b_, org_admin_a_;
};

// ------------------------------------------------------------ reading

TEST(LanguagesTest, SupportsListedLanguagesAndTheDefault) {
    const Languages languages{"en", {"fr"}};
    EXPECT_TRUE(languages.supports("fr"));
    EXPECT_TRUE(languages.supports("en"));
    EXPECT_FALSE(languages.supports("de"));
    EXPECT_FALSE(languages.supports(""));
    EXPECT_FALSE(languages.supports("FR"));
}

TEST_P(CatalogueServiceTest, NamesComeInTheRequestedLanguageElseDefaultElseAny) {
    const auto both = add_category({{"en", "Billing"}, {"fr", "Facturation"}}, 0);
    const auto english_only = add_category({{"en", "Orders"}}, 1);
    const auto french_only = add_category({{"fr", "Rendez-vous"}}, 2);
    const auto reader = Reader::anonymous();

    auto fr = must(service_->categories(reader, "fr"));
    ASSERT_EQ(fr.size(), 3u);
    EXPECT_EQ(fr[0].id, both);
    EXPECT_EQ(fr[0].name, "Facturation");
    EXPECT_EQ(fr[0].description, "About Facturation");
    EXPECT_EQ(fr[0].language, "fr");
    EXPECT_EQ(fr[1].id, english_only);
    EXPECT_EQ(fr[1].name, "Orders");
    EXPECT_EQ(fr[1].language, "en");
    EXPECT_EQ(fr[2].name, "Rendez-vous");

    // A language nobody wrote in: the default one, else whatever exists.
    auto de = must(service_->categories(reader, "de"));
    EXPECT_EQ(de[0].name, "Billing");
    EXPECT_EQ(de[0].language, "en");
    EXPECT_EQ(de[2].id, french_only);
    EXPECT_EQ(de[2].name, "Rendez-vous");
    EXPECT_EQ(de[2].language, "fr");

    const auto section = add_section(english_only, {{"en", "Delivery"}, {"fr", "Livraison"}});
    EXPECT_EQ(must(service_->section(reader, section, "fr")).name, "Livraison");
    EXPECT_EQ(must(service_->section(reader, section, "de")).name, "Delivery");
    const auto french_section = add_section(english_only, {{"fr", "Retours"}}, 1);
    auto sections = must(service_->sections(reader, english_only, "en"));
    ASSERT_EQ(sections.size(), 2u);
    EXPECT_EQ(sections[1].id, french_section);
    EXPECT_EQ(sections[1].name, "Retours");
    EXPECT_EQ(sections[1].language, "fr");
    EXPECT_EQ(must(service_->category(reader, french_only, "en")).name, "Rendez-vous");
}

TEST_P(CatalogueServiceTest, CategoriesInPositionOrderFilteredByKind) {
    const auto faq = add_category({{"en", "FAQ"}}, 0, "faq");
    const auto second = add_category({{"en", "Second"}}, 2);
    const auto first = add_category({{"en", "First"}}, 1);
    auto all = must(service_->categories(Reader::anonymous(), "en"));
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].id, faq);
    EXPECT_EQ(all[0].kind, CategoryKind::faq);
    EXPECT_EQ(all[1].id, first);
    EXPECT_EQ(all[2].id, second);
    EXPECT_EQ(all[2].icon, "box");

    auto kb = must(service_->categories(Reader::anonymous(), "en", CategoryKind::kb));
    ASSERT_EQ(kb.size(), 2u);
    EXPECT_EQ(kb[0].id, first);
    auto faqs = must(service_->categories(Reader::anonymous(), "en", CategoryKind::faq));
    ASSERT_EQ(faqs.size(), 1u);
    EXPECT_EQ(faqs[0].id, faq);
}

TEST_P(CatalogueServiceTest, CountsOnlyIncludeArticlesTheReaderMaySee) {
    const auto category = add_category({{"en", "Billing"}});
    const auto section = add_section(category, {{"en", "Invoices"}});
    const auto other_section = add_section(category, {{"en", "Refunds"}}, 1);
    add_article(section, "published", "public");
    add_article(section, "published", "public", 1, kNow - 60);  // scheduled, time has come
    add_article(section, "published", "customers");
    const auto for_a = add_article(section, "published", "organisations");
    database_.exec("INSERT INTO kb_article_organisations (article_id, organisation_id) VALUES ($1, $2)", for_a, org_a_);
    add_article(section, "published", "internal");
    add_article(section, "draft", "public");
    add_article(section, "review", "public");
    add_article(section, "archived", "public");
    add_article(section, "published", "public", 2, kNow + 3600);  // scheduled for later
    add_article(other_section, "draft", "public");

    struct Case {
        const char* who;
        Reader reader;
        std::int64_t expected;
    };
    const Case cases[] = {{"anonymous", Reader::anonymous(), 2},
                          {"customer of B", Reader{&customer_b_}, 3},
                          {"customer of A", Reader{&customer_a_}, 4},
                          {"org admin of A", Reader{&org_admin_a_}, 4},
                          {"agent", Reader{&agent_}, 10}};
    for (const auto& c : cases) {
        SCOPED_TRACE(c.who);
        EXPECT_EQ(must(service_->categories(c.reader, "en"))[0].article_count, c.expected);
        EXPECT_EQ(must(service_->category(c.reader, category, "en")).article_count, c.expected);
        // Only staff see the draft in the other section.
        const std::int64_t in_other = c.reader.staff() ? 1 : 0;
        EXPECT_EQ(must(service_->section(c.reader, section, "en")).article_count, c.expected - in_other);
        auto sections = must(service_->sections(c.reader, category, "en"));
        ASSERT_EQ(sections.size(), 2u);
        EXPECT_EQ(sections[0].article_count, c.expected - in_other);
        EXPECT_EQ(sections[1].article_count, in_other);
    }
    // The scheduled article counts once its time has come.
    now_ = kNow + 7200;
    EXPECT_EQ(must(service_->category(Reader::anonymous(), category, "en")).article_count, 3);
}

TEST_P(CatalogueServiceTest, UnknownIdsAreNotFound) {
    const auto reader = Reader::anonymous();
    expect_fails(service_->category(reader, 4242, "en"), ErrorCode::not_found, "kb.error.not_found");
    expect_fails(service_->section(reader, 4242, "en"), ErrorCode::not_found, "kb.error.not_found");
    expect_fails(service_->sections(reader, 4242, "en"), ErrorCode::not_found, "kb.error.not_found");
    expect_fails(service_->category_texts(agent_, 4242), ErrorCode::not_found, "kb.error.not_found");
    expect_fails(service_->section_texts(agent_, 4242), ErrorCode::not_found, "kb.error.not_found");
    expect_fails(service_->update_category(agent_, 4242, category_input({{"en", "X", ""}}), meta_),
                 ErrorCode::not_found, "kb.error.not_found");
    expect_fails(service_->delete_category(agent_, 4242, meta_), ErrorCode::not_found, "kb.error.not_found");
    expect_fails(service_->update_section(agent_, 4242, {1, {{"en", "X", ""}}}, meta_), ErrorCode::not_found,
                 "kb.error.not_found");
    expect_fails(service_->delete_section(agent_, 4242, meta_), ErrorCode::not_found, "kb.error.not_found");
    expect_fails(service_->move_category(agent_, 4242, 1), ErrorCode::not_found, "kb.error.not_found");
    expect_fails(service_->move_section(agent_, 4242, 1), ErrorCode::not_found, "kb.error.not_found");
    expect_fails(service_->move_article(agent_, 4242, 1), ErrorCode::not_found, "kb.error.not_found");
    EXPECT_EQ(must(service_->categories(reader, "en")).size(), 0u);
}

// ------------------------------------------------------------ staff changes

TEST_P(CatalogueServiceTest, OnlyStaffChangeTheCatalogue) {
    const auto category = add_category({{"en", "Billing"}});
    const auto section = add_section(category, {{"en", "Invoices"}});
    const auto other = add_section(category, {{"en", "Refunds"}}, 1);
    const auto article = add_article(section, "published", "public");
    add_article(section, "published", "public", 1);
    const auto input = category_input({{"en", "Hacked", ""}});
    for (const auto* who : {&customer_a_, &org_admin_a_}) {
        SCOPED_TRACE(who->email);
        const auto key = "kb.error.not_found";
        expect_fails(service_->create_category(*who, input, meta_), ErrorCode::not_found, key);
        expect_fails(service_->update_category(*who, category, input, meta_), ErrorCode::not_found, key);
        expect_fails(service_->delete_category(*who, category, meta_), ErrorCode::not_found, key);
        expect_fails(service_->create_section(*who, {category, {{"en", "Hacked", ""}}}, meta_), ErrorCode::not_found,
                     key);
        expect_fails(service_->update_section(*who, other, {category, {{"en", "Hacked", ""}}}, meta_),
                     ErrorCode::not_found, key);
        expect_fails(service_->delete_section(*who, other, meta_), ErrorCode::not_found, key);
        expect_fails(service_->move_category(*who, category, 1), ErrorCode::not_found, key);
        expect_fails(service_->move_section(*who, other, -1), ErrorCode::not_found, key);
        expect_fails(service_->move_article(*who, article, 1), ErrorCode::not_found, key);
        expect_fails(service_->category_texts(*who, category), ErrorCode::not_found, key);
        expect_fails(service_->section_texts(*who, section), ErrorCode::not_found, key);
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM kb_categories"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM kb_sections"), 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM kb_category_texts WHERE name = 'Hacked'"), 0);
    EXPECT_EQ(ids_in_order("SELECT id, position FROM kb_sections ORDER BY position, id"),
              (std::vector<std::int64_t>{section, other}));
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'kb.%'"), 0);
}

TEST_P(CatalogueServiceTest, CreatedCategoryGoesLastWithItsTexts) {
    const auto existing = add_category({{"en", "Billing"}}, 4);
    const auto id =
        must(service_->create_category(agent_,
                                       {CategoryKind::faq,
                                        "question",
                                        {{" en ", "  Frequent questions ", " Short answers\nto common questions "},
                                         {"fr", "Questions fréquentes", ""}}},
                                       meta_));
    auto all = must(service_->categories(Reader::anonymous(), "fr"));
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].id, existing);
    EXPECT_EQ(all[1].id, id);
    EXPECT_EQ(all[1].position, 5);
    EXPECT_EQ(all[1].kind, CategoryKind::faq);
    EXPECT_EQ(all[1].icon, "question");
    EXPECT_EQ(all[1].name, "Questions fréquentes");
    EXPECT_EQ(all[1].description, "");  // the French text has none; no mixing with the English one

    auto texts = must(service_->category_texts(agent_, id));
    ASSERT_EQ(texts.size(), 2u);
    EXPECT_EQ(texts[0].language, "en");
    EXPECT_EQ(texts[0].name, "Frequent questions");
    EXPECT_EQ(texts[0].description, "Short answers\nto common questions");
    EXPECT_EQ(texts[1].language, "fr");
    EXPECT_EQ(audit_count("kb.category_created"), 1);
    auto event =
        database_.select("SELECT actor_id, target, details FROM audit_log WHERE action = 'kb.category_created'");
    EXPECT_EQ(event.one().get<std::int64_t>(0), agent_.user_id);
    EXPECT_EQ(event.one().get<std::string>(1), "kb_category:" + std::to_string(id));
    EXPECT_NE(event.one().get<std::string>(2).find("Frequent questions"), std::string::npos);
    EXPECT_FALSE(must(audit_->verify(db())).first_broken_id.has_value());
}

TEST_P(CatalogueServiceTest, BlankOptionalTranslationIsNotStored) {
    const auto id =
        must(service_->create_category(agent_, category_input({{"en", "Billing", ""}, {"fr", "  ", " "}}), meta_));
    EXPECT_EQ(must(service_->category_texts(agent_, id)).size(), 1u);
    EXPECT_EQ(must(service_->category(Reader::anonymous(), id, "fr")).name, "Billing");
}

TEST_P(CatalogueServiceTest, InvalidTextsAreRefusedAndNothingIsStored) {
    const std::string long_name(121, 'x');
    std::string accented_120;
    for (int i = 0; i < 60; ++i) accented_120 += "é";
    struct Case {
        const char* what;
        CategoryInput input;
        const char* key;
    };
    const Case cases[] = {
        {"no text", category_input({}), "kb.error.name_required"},
        {"no default language", category_input({{"fr", "Facturation", ""}}), "kb.error.name_required"},
        {"blank default name", category_input({{"en", "   ", "desc"}}), "kb.error.name_required"},
        {"description without name", category_input({{"en", "Billing", ""}, {"fr", "", "Une description"}}),
         "kb.error.name_required"},
        {"name 121 bytes", category_input({{"en", long_name, ""}}), "kb.error.name_too_long"},
        {"name 122 bytes of accents", category_input({{"en", accented_120 + "é", ""}}), "kb.error.name_too_long"},
        {"description 501 bytes", category_input({{"en", "Billing", std::string(501, 'd')}}),
         "kb.error.description_too_long"},
        {"unsupported language", category_input({{"en", "Billing", ""}, {"de", "Rechnungen", ""}}),
         "kb.error.language_unsupported"},
        {"empty language", category_input({{"", "Billing", ""}}), "kb.error.language_unsupported"},
        {"language twice", category_input({{"en", "Billing", ""}, {"en", "Invoices", ""}}),
         "kb.error.language_duplicate"},
        {"invalid UTF-8", category_input({{"en", "Bill\xff", ""}}), "kb.error.text_invalid"},
        {"overlong UTF-8", category_input({{"en", "Bill\xc0\xaf", ""}}), "kb.error.text_invalid"},
        {"control character", category_input({{"en", "Bill\x01ing", ""}}), "kb.error.text_invalid"},
        {"newline in name", category_input({{"en", "Bill\ning", ""}}), "kb.error.text_invalid"},
        {"unknown icon", category_input({{"en", "Billing", ""}}, "../../etc/passwd"), "kb.error.icon_unknown"},
    };
    const auto category = add_category({{"en", "Existing"}});
    for (const auto& c : cases) {
        SCOPED_TRACE(c.what);
        expect_fails(service_->create_category(agent_, c.input, meta_), ErrorCode::invalid_input, c.key);
        expect_fails(service_->update_category(agent_, category, c.input, meta_), ErrorCode::invalid_input, c.key);
        if (c.input.icon == "invoice")
            expect_fails(service_->create_section(agent_, {category, c.input.texts}, meta_), ErrorCode::invalid_input,
                         c.key);
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM kb_categories"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM kb_sections"), 0);
    EXPECT_EQ(must(service_->category(Reader::anonymous(), category, "en")).name, "Existing");
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), 0);

    // The limits themselves are allowed, counted in bytes.
    must(service_->create_category(agent_, category_input({{"en", std::string(120, 'x'), std::string(500, 'd')}}),
                                   meta_));
    must(service_->create_category(agent_, category_input({{"en", accented_120, ""}}, ""), meta_));
    for (const char* icon :
         {"invoice", "box", "calendar", "shield", "wrench", "bolt", "home", "question", "user", "leaf"})
        must(service_->create_category(agent_, category_input({{"en", "Icon", ""}}, icon), meta_), icon);
}

TEST_P(CatalogueServiceTest, UpdateReplacesTextsKindAndIcon) {
    const auto id = must(service_->create_category(
        agent_, category_input({{"en", "Billing", ""}, {"fr", "Facturation", "Factures"}}), meta_));
    must(service_->update_category(
        agent_, id, {CategoryKind::faq, "leaf", {{"en", "Billing and payments", "All about money"}}}, meta_));
    const auto fr = must(service_->category(Reader::anonymous(), id, "fr"));
    EXPECT_EQ(fr.name, "Billing and payments");  // the French text is gone: fallback
    EXPECT_EQ(fr.language, "en");
    EXPECT_EQ(fr.description, "All about money");
    EXPECT_EQ(fr.kind, CategoryKind::faq);
    EXPECT_EQ(fr.icon, "leaf");
    EXPECT_EQ(must(service_->category_texts(agent_, id)).size(), 1u);
    EXPECT_EQ(audit_count("kb.category_updated"), 1);
}

TEST_P(CatalogueServiceTest, DeleteCategoryIsRefusedWhileItHasSections) {
    const auto category = add_category({{"en", "Billing"}, {"fr", "Facturation"}});
    const auto section = add_section(category, {{"en", "Invoices"}});
    expect_fails(service_->delete_category(agent_, category, meta_), ErrorCode::conflict,
                 "kb.error.category_not_empty");
    EXPECT_EQ(count("SELECT COUNT(*) FROM kb_categories"), 1);
    EXPECT_EQ(audit_count("kb.category_deleted"), 0);

    must(service_->delete_section(agent_, section, meta_));
    must(service_->delete_category(agent_, category, meta_));
    EXPECT_EQ(count("SELECT COUNT(*) FROM kb_categories"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM kb_category_texts"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM kb_section_texts"), 0);
    EXPECT_EQ(audit_count("kb.section_deleted"), 1);
    EXPECT_EQ(audit_count("kb.category_deleted"), 1);
    expect_fails(service_->category(Reader::anonymous(), category, "en"), ErrorCode::not_found, "kb.error.not_found");
}

TEST_P(CatalogueServiceTest, DeleteSectionIsRefusedWhileItHoldsAnyArticle) {
    const auto category = add_category({{"en", "Billing"}});
    const auto section = add_section(category, {{"en", "Invoices"}});
    // Even an archived article nobody sees keeps its section.
    add_article(section, "archived", "internal");
    expect_fails(service_->delete_section(agent_, section, meta_), ErrorCode::conflict, "kb.error.section_not_empty");
    EXPECT_EQ(count("SELECT COUNT(*) FROM kb_sections"), 1);
    EXPECT_EQ(audit_count("kb.section_deleted"), 0);
}

TEST_P(CatalogueServiceTest, SectionsAreCreatedLastInAnExistingCategory) {
    const auto category = add_category({{"en", "Billing"}});
    const auto other_category = add_category({{"en", "Orders"}}, 1);
    add_section(category, {{"en", "Invoices"}}, 3);
    add_section(other_category, {{"en", "Delivery"}}, 7);
    const auto id = must(
        service_->create_section(agent_, {category, {{"en", "Refunds", ""}, {"fr", "Remboursements", ""}}}, meta_));
    const auto created = must(service_->section(Reader::anonymous(), id, "fr"));
    EXPECT_EQ(created.category_id, category);
    EXPECT_EQ(created.position, 4);
    EXPECT_EQ(created.name, "Remboursements");
    EXPECT_EQ(must(service_->section_texts(agent_, id)).size(), 2u);
    EXPECT_EQ(audit_count("kb.section_created"), 1);

    expect_fails(service_->create_section(agent_, {4242, {{"en", "Orphan", ""}}}, meta_), ErrorCode::invalid_input,
                 "kb.error.category_not_found");
    expect_fails(service_->update_section(agent_, id, {4242, {{"en", "Orphan", ""}}}, meta_), ErrorCode::invalid_input,
                 "kb.error.category_not_found");
    EXPECT_EQ(count("SELECT COUNT(*) FROM kb_sections"), 3);
    EXPECT_EQ(must(service_->section(Reader::anonymous(), id, "en")).category_id, category);
}

TEST_P(CatalogueServiceTest, MovingASectionToAnotherCategoryPutsItLastAndClosesTheGap) {
    const auto from = add_category({{"en", "Billing"}});
    const auto to = add_category({{"en", "Orders"}}, 1);
    const auto s1 = add_section(from, {{"en", "One"}}, 0);
    const auto s2 = add_section(from, {{"en", "Two"}}, 1);
    const auto s3 = add_section(from, {{"en", "Three"}}, 2);
    const auto t1 = add_section(to, {{"en", "Delivery"}}, 0);
    must(service_->update_section(agent_, s2, {to, {{"en", "Two, renamed", ""}}}, meta_));

    auto left = must(service_->sections(Reader::anonymous(), from, "en"));
    ASSERT_EQ(left.size(), 2u);
    EXPECT_EQ(left[0].id, s1);
    EXPECT_EQ(left[0].position, 0);
    EXPECT_EQ(left[1].id, s3);
    EXPECT_EQ(left[1].position, 1);
    auto arrived = must(service_->sections(Reader::anonymous(), to, "en"));
    ASSERT_EQ(arrived.size(), 2u);
    EXPECT_EQ(arrived[0].id, t1);
    EXPECT_EQ(arrived[1].id, s2);
    EXPECT_EQ(arrived[1].position, 1);
    EXPECT_EQ(arrived[1].name, "Two, renamed");
    EXPECT_EQ(audit_count("kb.section_updated"), 1);
}

// ------------------------------------------------------------ ordering

TEST_P(CatalogueServiceTest, MoveCategorySwapsWithItsNeighbourAndStopsAtTheEnds) {
    const auto a = add_category({{"en", "A"}}, 0);
    const auto b = add_category({{"en", "B"}}, 1);
    const auto c = add_category({{"en", "C"}}, 2);
    const auto order = [&] {
        std::vector<std::int64_t> ids;
        for (const auto& cat : must(service_->categories(Reader::anonymous(), "en"))) ids.push_back(cat.id);
        return ids;
    };
    must(service_->move_category(agent_, a, -1));  // already first
    must(service_->move_category(agent_, c, +1));  // already last
    EXPECT_EQ(order(), (std::vector<std::int64_t>{a, b, c}));
    EXPECT_EQ(audit_count("kb.reordered"), 0);

    must(service_->move_category(agent_, c, -1));
    EXPECT_EQ(order(), (std::vector<std::int64_t>{a, c, b}));
    must(service_->move_category(agent_, a, +1));
    EXPECT_EQ(order(), (std::vector<std::int64_t>{c, a, b}));
    EXPECT_EQ(audit_count("kb.reordered"), 2);
    EXPECT_EQ(positions("SELECT id, position FROM kb_categories ORDER BY position, id"),
              (std::vector<std::int64_t>{0, 1, 2}));
}

TEST_P(CatalogueServiceTest, MoveHealsGapsAndDuplicatePositions) {
    const auto category = add_category({{"en", "Billing"}});
    // Positions as a crash or a concurrent insert may leave them: a duplicate and gaps.
    const auto s1 = add_section(category, {{"en", "One"}}, 5);
    const auto s2 = add_section(category, {{"en", "Two"}}, 5);
    const auto s3 = add_section(category, {{"en", "Three"}}, 9);
    const auto s4 = add_section(category, {{"en", "Four"}}, 20);
    must(service_->move_section(agent_, s3, -1));
    const auto sql = "SELECT id, position FROM kb_sections ORDER BY position, id";
    EXPECT_EQ(ids_in_order(sql), (std::vector<std::int64_t>{s1, s3, s2, s4}));
    EXPECT_EQ(positions(sql), (std::vector<std::int64_t>{0, 1, 2, 3}));

    // Even a move that goes nowhere heals what it finds.
    database_.exec("UPDATE kb_sections SET position = 40 WHERE id = $1", s4);
    must(service_->move_section(agent_, s4, +1));
    EXPECT_EQ(positions(sql), (std::vector<std::int64_t>{0, 1, 2, 3}));
    EXPECT_EQ(audit_count("kb.reordered"), 1);
}

TEST_P(CatalogueServiceTest, MoveArticleStaysWithinItsSection) {
    const auto category = add_category({{"en", "Billing"}});
    const auto section = add_section(category, {{"en", "Invoices"}});
    const auto other = add_section(category, {{"en", "Refunds"}}, 1);
    const auto a1 = add_article(section, "published", "public", 0);
    const auto a2 = add_article(section, "draft", "internal", 1);
    const auto a3 = add_article(section, "published", "public", 2);
    const auto elsewhere = add_article(other, "published", "public", 0);
    must(service_->move_article(agent_, a1, +1));
    must(service_->move_article(agent_, a1, +1));
    must(service_->move_article(agent_, a1, +1));  // already last: no-op
    EXPECT_EQ(ids_in_order("SELECT id, position FROM kb_articles WHERE section_id = $1 ORDER BY position, id", section),
              (std::vector<std::int64_t>{a2, a3, a1}));
    EXPECT_EQ(database_.count("SELECT position FROM kb_articles WHERE id = $1", elsewhere), 0);
    EXPECT_EQ(audit_count("kb.reordered"), 2);
    auto target = database_.select("SELECT target FROM audit_log WHERE action = 'kb.reordered' ORDER BY id");
    EXPECT_EQ(target.one().get<std::string>(0), "kb_article:" + std::to_string(a1));
}

INSTANTIATE_TEST_SUITE_P(Backends, CatalogueServiceTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         test::backend_name);

}  // namespace
}  // namespace comptoir::kb
