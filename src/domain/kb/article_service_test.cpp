// ArticleService on SQLite (a temporary file) and PostgreSQL (a schema of its
// own on COMPTOIR_TEST_PG_URL; skipped without it unless
// COMPTOIR_TEST_REQUIRE_PG=1): writing articles under governed publishing,
// translations with fallback and outdated flags, revisions, attachments, and
// the visibility rule over every way of reading.
#include "domain/kb/article_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <set>

#include "core/crypto.hpp"
#include "domain/accounts/users.hpp"
#include "domain/kb/visibility.hpp"
#include "domain/test_support.hpp"

namespace comptoir::kb {
namespace {

using storage::Backend;
using test::describe;
using test::must;

constexpr std::int64_t kStart = 1767225600;  // 2026-01-01 00:00 UTC

void expect_error(const Error& error, ErrorCode code, std::string_view key) {
    EXPECT_EQ(error.code, code) << describe(error);
    EXPECT_EQ(error.public_message, key) << describe(error);
}

template <class T>
void expect_fails(const Result<T>& r, ErrorCode code, std::string_view key) {
    ASSERT_FALSE(r.has_value()) << "expected " << comptoir::to_string(code) << " " << key;
    expect_error(r.error(), code, key);
}

std::vector<std::int64_t> ids_of(const std::vector<ArticleSummary>& items) {
    std::vector<std::int64_t> ids;
    for (const auto& item : items) ids.push_back(item.id);
    return ids;
}

bool contains(const std::vector<std::int64_t>& ids, std::int64_t id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

class ArticleServiceTest : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        if (!database_.open(GetParam())) GTEST_SKIP() << "COMPTOIR_TEST_PG_URL is not set";
        Clock clock = [this] { return now_; };
        audit_ = std::make_unique<audit::AuditLog>(GetParam());
        service_ = std::make_unique<ArticleService>(db(), *audit_, Languages{"en", {"en", "fr"}}, clock);

        org_a_ = database_.add_organisation("alpha", "Alpha SARL", "fr", now_);
        org_b_ = database_.add_organisation("beta", "Beta GmbH", "en", now_);
        agent_ = principal(user(std::nullopt, "agent@operator.example", "Agnes Agent", "agent"));
        admin_ = principal(user(std::nullopt, "root@operator.example", "Rita Root", "admin"));
        customer_a_ = principal(user(org_a_, "anna@alpha.example", "Anna Alpha", "customer"));
        org_admin_a_ = principal(user(org_a_, "boss@alpha.example", "Boris Boss", "org_admin"));
        customer_b_ = principal(user(org_b_, "bert@beta.example", "Bert Beta", "customer"));

        category_ = add_category("kb", 0, {{"en", "Billing"}, {"fr", "Facturation"}});
        section_ = add_section(category_, 0, {{"en", "Invoices"}, {"fr", "Factures"}});
        other_section_ = add_section(category_, 1, {{"en", "Payments"}});
        faq_ = add_category("faq", 1, {{"en", "Questions"}});
        faq_section_ = add_section(faq_, 0, {{"en", "Delivery"}});
    }

    storage::Database& db() { return database_.db(); }

    std::int64_t user(std::optional<std::int64_t> org, const std::string& email, const std::string& name,
                      const std::string& role) {
        return database_.add_user(
            {.email = email, .role = role, .organisation_id = org, .display_name = name, .created_at = now_});
    }

    accounts::Principal principal(std::int64_t id) { return accounts::to_principal(database_.user(id)); }

    std::int64_t add_category(const std::string& kind, int position,
                              const std::vector<std::pair<std::string, std::string>>& names) {
        const auto id = database_
                            .exec(
                                "INSERT INTO kb_categories (kind, position, icon, created_at, updated_at) "
                                "VALUES ($1, $2, 'invoice', $3, $3) RETURNING id",
                                kind, position, now_)
                            .one()
                            .get<std::int64_t>(0);
        for (const auto& [language, name] : names)
            database_.exec("INSERT INTO kb_category_texts (category_id, language, name) VALUES ($1, $2, $3)", id,
                           language, name);
        return id;
    }

    std::int64_t add_section(std::int64_t category, int position,
                             const std::vector<std::pair<std::string, std::string>>& names) {
        const auto id = database_
                            .exec(
                                "INSERT INTO kb_sections (category_id, position, created_at, updated_at) "
                                "VALUES ($1, $2, $3, $3) RETURNING id",
                                category, position, now_)
                            .one()
                            .get<std::int64_t>(0);
        for (const auto& [language, name] : names)
            database_.exec("INSERT INTO kb_section_texts (section_id, language, name) VALUES ($1, $2, $3)", id,
                           language, name);
        return id;
    }

    NewArticle draft(std::string title, std::string language = "en", Visibility visibility = Visibility::public_,
                     std::vector<std::string> labels = {}) {
        NewArticle a;
        a.settings.section_id = section_;
        a.settings.visibility = visibility;
        if (visibility == Visibility::organisations) a.settings.organisation_ids = {org_a_};
        a.text.language = std::move(language);
        a.text.body = "How to **" + title + "**.\n\nOpen the menu, then choose the item.";
        a.text.title = std::move(title);
        a.text.labels = std::move(labels);
        return a;
    }

    std::int64_t create(const NewArticle& article) { return must(service_->create(agent_, article, meta_), "create"); }

    std::int64_t published(std::string title, Visibility visibility = Visibility::public_,
                           std::vector<std::string> labels = {}, std::int64_t section = 0) {
        auto a = draft(std::move(title), "en", visibility, std::move(labels));
        if (section) a.settings.section_id = section;
        const auto id = create(a);
        must(service_->transition(agent_, id, Status::published, meta_), "publish");
        return id;
    }

    TranslationInput text(std::string language, std::string title, std::string body = "Some body text.") {
        return TranslationInput{std::move(language), std::move(title), std::move(body), {}, {}};
    }

    // Puts an article in a state directly (the workflow is tested on its own).
    void set_state(std::int64_t id, Status status, std::optional<std::int64_t> publish_at = std::nullopt) {
        database_.exec("UPDATE kb_articles SET status = $1, publish_at = $2 WHERE id = $3",
                       std::string(to_string(status)), publish_at, id);
    }

    std::int64_t count(std::string_view sql) { return database_.count(sql); }
    std::int64_t audit_count(const std::string& action) {
        return database_.count("SELECT COUNT(*) FROM audit_log WHERE action = $1", action);
    }
    std::vector<audit::Entry> audit_entries(const std::string& action) {
        auto tx = must(db().read());
        audit::Filter filter;
        filter.action_prefix = action;
        return must(audit_->list(tx, filter));
    }

    Reader as(const accounts::Principal& who) { return Reader{&who}; }

    test::TestDatabase database_;
    std::int64_t now_ = kStart;
    accounts::RequestMeta meta_{"203.0.113.7", "test", "req-1", "https://portal.example"};
    std::unique_ptr<audit::AuditLog> audit_;
    std::unique_ptr<ArticleService> service_;
    std::int64_t org_a_ = 0, org_b_ = 0;
    accounts::Principal agent_, admin_, customer_a_, org_admin_a_, customer_b_;
    std::int64_t category_ = 0, section_ = 0, other_section_ = 0, faq_ = 0, faq_section_ = 0;
};

// ------------------------------------------------------------ writing and reading

TEST_P(ArticleServiceTest, CreateStoresADraftThatStaffReadsBack) {
    auto input = draft("Download an invoice (PDF)", "en", Visibility::public_, {" PDF ", "Facture", "pdf", "ÉTÉ", ""});
    const auto id = create(input);

    const auto article = must(service_->get(as(agent_), id, "en"));
    EXPECT_EQ(article.summary.id, id);
    EXPECT_EQ(article.summary.title, "Download an invoice (PDF)");
    EXPECT_EQ(article.summary.slug, "download-an-invoice-pdf");
    EXPECT_EQ(article.summary.language, "en");
    EXPECT_FALSE(article.summary.fallback);
    EXPECT_EQ(article.summary.status, Status::draft);
    EXPECT_EQ(article.summary.visibility, Visibility::public_);
    EXPECT_EQ(article.summary.section_id, section_);
    EXPECT_EQ(article.summary.category_id, category_);
    EXPECT_EQ(article.summary.updated_at, kStart);
    EXPECT_FALSE(article.summary.published_at.has_value());
    // The meta description is the plain text, not the Markdown.
    EXPECT_EQ(article.summary.summary, "How to Download an invoice (PDF). Open the menu, then choose the item.");
    EXPECT_EQ(article.body, input.text.body);
    EXPECT_EQ(article.source_language, "en");
    EXPECT_EQ(article.labels, (std::vector<std::string>{"pdf", "facture", "été"}));
    EXPECT_EQ(article.author_id, agent_.user_id);
    EXPECT_EQ(article.created_at, kStart);
    EXPECT_EQ(article.category_kind, CategoryKind::kb);
    EXPECT_EQ(article.category_name, "Billing");
    EXPECT_EQ(article.section_name, "Invoices");
    ASSERT_EQ(article.translations.size(), 1u);
    EXPECT_EQ(article.translations[0].language, "en");
    EXPECT_EQ(article.translations[0].slug, "download-an-invoice-pdf");

    // One revision, and the translation points at it.
    const auto history = must(service_->history(agent_, id, "en"));
    ASSERT_EQ(history.size(), 1u);
    EXPECT_EQ(article.revision_id, history[0].id);
    EXPECT_EQ(database_.count("SELECT COUNT(*) FROM kb_translations WHERE article_id = $1 AND labels = $2", id,
                              std::string("pdf,facture,été")),
              1);
    EXPECT_EQ(audit_count("kb.article_created"), 1);
    // The typo vocabulary learned the words, in the same transaction.
    EXPECT_GT(count("SELECT COUNT(*) FROM kb_vocabulary WHERE language = 'en'"), 0);
}

TEST_P(ArticleServiceTest, NewArticlesGoLastInTheirSection) {
    const auto first = create(draft("First"));
    const auto second = create(draft("Second"));
    auto elsewhere = draft("Elsewhere");
    elsewhere.settings.section_id = other_section_;
    const auto third = create(elsewhere);
    EXPECT_LT(must(service_->get(as(agent_), first, "en")).summary.position,
              must(service_->get(as(agent_), second, "en")).summary.position);
    EXPECT_EQ(ids_of(must(service_->in_section(as(agent_), section_, "en"))),
              (std::vector<std::int64_t>{first, second}));
    EXPECT_EQ(ids_of(must(service_->in_section(as(agent_), other_section_, "en"))), (std::vector<std::int64_t>{third}));
    expect_fails(service_->in_section(as(agent_), 987654, "en"), ErrorCode::not_found, "kb.error.not_found");
}

TEST_P(ArticleServiceTest, GetFallsBackToTheDefaultThenTheSourceLanguage) {
    // Written in French only: every language falls back to the source.
    const auto french = published("Télécharger une facture");
    must(service_->save_translation(agent_, french, text("fr", "Télécharger une facture"), meta_));
    database_.exec("DELETE FROM kb_translations WHERE article_id = $1 AND language = 'en'", french);
    database_.exec("UPDATE kb_articles SET source_language = 'fr' WHERE id = $1", french);
    auto got = must(service_->get(Reader::anonymous(), french, "en"));
    EXPECT_EQ(got.summary.language, "fr");
    EXPECT_TRUE(got.summary.fallback);
    EXPECT_EQ(got.summary.title, "Télécharger une facture");
    EXPECT_EQ(got.summary.slug, "telecharger-une-facture");

    // Written in French, translated to English: German readers get the default (English).
    const auto both = published("Pay by card");
    must(service_->save_translation(agent_, both, text("fr", "Payer par carte"), meta_));
    database_.exec("UPDATE kb_articles SET source_language = 'fr' WHERE id = $1", both);
    got = must(service_->get(Reader::anonymous(), both, "de"));
    EXPECT_EQ(got.summary.language, "en");
    EXPECT_TRUE(got.summary.fallback);
    EXPECT_EQ(got.summary.title, "Pay by card");
    // Breadcrumbs follow the same order: no German name, so English.
    EXPECT_EQ(got.category_name, "Billing");
    EXPECT_EQ(got.translations.size(), 2u);

    got = must(service_->get(Reader::anonymous(), both, "fr"));
    EXPECT_EQ(got.summary.language, "fr");
    EXPECT_FALSE(got.summary.fallback);
    EXPECT_EQ(got.summary.title, "Payer par carte");
    EXPECT_EQ(got.category_name, "Facturation");
    EXPECT_EQ(got.section_name, "Factures");

    // Lists choose the same translation per article.
    ArticleQuery query;
    query.language = "fr";
    const auto page = must(service_->list(Reader::anonymous(), query));
    ASSERT_EQ(page.items.size(), 2u);
    for (const auto& item : page.items) {
        EXPECT_EQ(item.language, "fr");
        EXPECT_FALSE(item.fallback);
    }
    query.language = "de";
    for (const auto& item : must(service_->list(Reader::anonymous(), query)).items) EXPECT_TRUE(item.fallback);
}

TEST_P(ArticleServiceTest, SavingTheSourceFlagsOtherTranslationsOutdatedUntilTheyAreSaved) {
    const auto id = published("Reset your password");
    must(service_->save_translation(agent_, id, text("fr", "Réinitialiser le mot de passe"), meta_));
    EXPECT_FALSE(must(service_->get(as(agent_), id, "fr")).summary.outdated);

    now_ += 60;
    must(service_->save_translation(agent_, id, text("en", "Reset your password", "A new procedure."), meta_));
    auto fr = must(service_->get(as(agent_), id, "fr"));
    EXPECT_TRUE(fr.summary.outdated);
    for (const auto& t : fr.translations) EXPECT_EQ(t.outdated, t.language == "fr") << t.language;
    EXPECT_FALSE(must(service_->get(as(agent_), id, "en")).summary.outdated);
    EXPECT_EQ(fr.summary.updated_at, kStart + 60);
    // The flag is for authors.
    EXPECT_FALSE(must(service_->get(as(customer_a_), id, "fr")).summary.outdated);
    ArticleQuery query;
    query.language = "fr";
    query.outdated_only = true;
    EXPECT_EQ(ids_of(must(service_->list(as(agent_), query)).items), std::vector<std::int64_t>{id});
    EXPECT_TRUE(must(service_->list(as(agent_), query)).items[0].outdated);

    // Saving the translation clears it; saving a translation never flags the source.
    must(service_->save_translation(agent_, id, text("fr", "Réinitialiser le mot de passe", "Nouveau."), meta_));
    EXPECT_FALSE(must(service_->get(as(agent_), id, "fr")).summary.outdated);
    EXPECT_FALSE(must(service_->get(as(agent_), id, "en")).summary.outdated);
    EXPECT_TRUE(must(service_->list(as(agent_), query)).items.empty());

    // Saving the source without a change does not send translators back to work.
    must(service_->save_translation(agent_, id, text("en", "Reset your password", "A new procedure."), meta_));
    EXPECT_FALSE(must(service_->get(as(agent_), id, "fr")).summary.outdated);
    EXPECT_EQ(audit_count("kb.article_saved"), 4);
}

TEST_P(ArticleServiceTest, SlugAndVocabularyFollowTheTitle) {
    const auto id = published("Change the delivery address");
    EXPECT_EQ(must(service_->get(Reader::anonymous(), id, "en")).summary.slug, "change-the-delivery-address");
    must(service_->save_translation(agent_, id, text("en", "Update your billing e-mail"), meta_));
    const auto article = must(service_->get(Reader::anonymous(), id, "en"));
    EXPECT_EQ(article.summary.slug, "update-your-billing-e-mail");
    const auto sitemap = must(service_->sitemap());
    ASSERT_EQ(sitemap.size(), 1u);
    EXPECT_EQ(sitemap[0].slug, "update-your-billing-e-mail");
    // Old words left the vocabulary, new ones came in.
    EXPECT_EQ(count("SELECT COUNT(*) FROM kb_vocabulary WHERE language = 'en' AND word = 'delivery'"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM kb_vocabulary WHERE language = 'en' AND word = 'billing'"), 1);
}

TEST_P(ArticleServiceTest, HistoryKeepsEveryRevisionAndRestoreSavesANewOne) {
    const auto id = create(draft("Cancel an order"));
    now_ += 10;
    auto second = text("en", "Cancel an order", "Second version.\nWith a new line.");
    second.note = "clearer steps";
    second.labels = {"orders"};
    const auto rev2 = must(service_->save_translation(admin_, id, second, meta_));
    now_ += 10;
    const auto rev_fr = must(service_->save_translation(agent_, id, text("fr", "Annuler une commande"), meta_));

    const auto history = must(service_->history(agent_, id, "en"));
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].id, rev2);
    EXPECT_GT(history[0].id, history[1].id);
    EXPECT_EQ(history[0].body, "Second version.\nWith a new line.");
    EXPECT_EQ(history[0].note, "clearer steps");
    EXPECT_EQ(history[0].labels, std::vector<std::string>{"orders"});
    EXPECT_EQ(history[0].author_id, admin_.user_id);
    EXPECT_EQ(history[0].author_name, "Rita Root");
    EXPECT_EQ(history[0].created_at, kStart + 10);
    EXPECT_EQ(history[1].author_name, "Agnes Agent");
    EXPECT_EQ(history[1].body, draft("Cancel an order").text.body);
    EXPECT_EQ(must(service_->history(agent_, id, "")).size(), 3u);
    EXPECT_EQ(must(service_->history(agent_, id, "fr"))[0].id, rev_fr);

    // One revision, by id, only through its own article.
    const auto first = history[1].id;
    EXPECT_EQ(must(service_->revision(agent_, id, first)).title, "Cancel an order");
    const auto other = create(draft("Another article"));
    expect_fails(service_->revision(agent_, other, first), ErrorCode::not_found, "kb.error.not_found");
    expect_fails(service_->restore(agent_, other, first, meta_), ErrorCode::not_found, "kb.error.not_found");
    expect_fails(service_->history(agent_, 987654, ""), ErrorCode::not_found, "kb.error.not_found");

    now_ += 10;
    const auto restored = must(service_->restore(agent_, id, first, meta_));
    EXPECT_GT(restored, rev_fr);
    const auto article = must(service_->get(as(agent_), id, "en"));
    EXPECT_EQ(article.body, history[1].body);
    EXPECT_TRUE(article.labels.empty());
    EXPECT_EQ(article.revision_id, restored);
    const auto after = must(service_->history(agent_, id, "en"));
    ASSERT_EQ(after.size(), 3u);
    EXPECT_EQ(after[0].id, restored);
    EXPECT_EQ(after[0].note, "restored #" + std::to_string(first));
    EXPECT_EQ(after[1].id, rev2);  // the restored-over text stays in the history
    // Restoring the source text is a change of the source: the translation is behind again.
    EXPECT_TRUE(must(service_->get(as(agent_), id, "fr")).summary.outdated);
    EXPECT_EQ(audit_count("kb.article_restored"), 1);
}

TEST_P(ArticleServiceTest, TransitionsFollowTheWorkflow) {
    const std::vector<Status> all = {Status::draft, Status::review, Status::published, Status::archived};
    const std::set<std::pair<Status, Status>> allowed = {
        {Status::draft, Status::review},     {Status::review, Status::draft},    {Status::draft, Status::published},
        {Status::review, Status::published}, {Status::published, Status::draft}, {Status::published, Status::archived},
        {Status::archived, Status::draft},
    };
    const auto id = create(draft("Workflow"));
    for (const auto from : all) {
        for (const auto to : all) {
            set_state(id, from);
            auto r = service_->transition(agent_, id, to, meta_);
            const auto label = std::string(to_string(from)) + " -> " + std::string(to_string(to));
            if (allowed.contains({from, to})) {
                EXPECT_TRUE(r.has_value()) << label << ": " << describe(r.error());
                EXPECT_EQ(must(service_->get(as(agent_), id, "en")).summary.status, to) << label;
            } else {
                expect_fails(r, ErrorCode::conflict, "kb.error.transition");
                EXPECT_EQ(must(service_->get(as(agent_), id, "en")).summary.status, from) << label;
            }
        }
    }
    EXPECT_EQ(audit_count("kb.article_status"), static_cast<std::int64_t>(allowed.size()));
    expect_fails(service_->transition(agent_, 987654, Status::review, meta_), ErrorCode::not_found,
                 "kb.error.not_found");
}

TEST_P(ArticleServiceTest, FirstPublicationTimeIsKept) {
    const auto id = create(draft("Publish me"));
    now_ = kStart + 100;
    must(service_->transition(agent_, id, Status::review, meta_));
    EXPECT_FALSE(must(service_->get(as(agent_), id, "en")).summary.published_at.has_value());
    must(service_->transition(admin_, id, Status::published, meta_));
    EXPECT_EQ(must(service_->get(as(agent_), id, "en")).summary.published_at, kStart + 100);
    now_ = kStart + 200;
    must(service_->transition(agent_, id, Status::draft, meta_));
    must(service_->transition(agent_, id, Status::published, meta_));
    const auto article = must(service_->get(as(agent_), id, "en"));
    EXPECT_EQ(article.summary.published_at, kStart + 100);
    EXPECT_EQ(article.summary.updated_at, kStart + 200);

    const auto entries = audit_entries("kb.article_status");
    ASSERT_EQ(entries.size(), 4u);
    EXPECT_EQ(entries[0].event.details.at("from"), "draft");
    EXPECT_EQ(entries[0].event.details.at("to"), "published");
    EXPECT_EQ(entries[0].event.target, "kb_article:" + std::to_string(id));
    EXPECT_EQ(entries[0].event.actor_id, agent_.user_id);
}

// ------------------------------------------------------------ visibility

struct Case {
    std::string name;
    Visibility visibility;
    Status status;
    std::optional<std::int64_t> publish_at;
};

TEST_P(ArticleServiceTest, VisibilityMatrixHoldsForEveryWayOfReading) {
    const std::vector<std::pair<std::string, std::optional<std::int64_t>>> states = {
        {"draft", std::nullopt},    {"review", std::nullopt},     {"published", std::nullopt},
        {"archived", std::nullopt}, {"scheduled", kStart + 3600}, {"was_scheduled", kStart - 3600},
    };
    const std::vector<Visibility> visibilities = {Visibility::public_, Visibility::customers, Visibility::organisations,
                                                  Visibility::internal};
    // An anchor everyone sees, labelled like every case so that related() considers them all.
    const auto anchor = published("Anchor", Visibility::public_, {"matrix"});
    std::vector<Case> cases;
    std::map<std::int64_t, Case> by_id;
    std::map<std::int64_t, std::int64_t> attachment_of;
    for (const auto visibility : visibilities) {
        for (const auto& [state, publish_at] : states) {
            Case c{std::string(to_string(visibility)) + "/" + state, visibility, Status::published, publish_at};
            if (state == "draft") c.status = Status::draft;
            if (state == "review") c.status = Status::review;
            if (state == "archived") c.status = Status::archived;
            const auto id = create(draft("Case " + c.name, "en", visibility, {"matrix"}));
            set_state(id, c.status, c.publish_at);
            by_id.emplace(id, c);
            attachment_of[id] = must(service_->add_attachment(agent_, id, "note.txt", "text/plain", "hello", meta_));
        }
    }
    std::vector<std::int64_t> all_ids;
    for (const auto& [id, c] : by_id) all_ids.push_back(id);
    all_ids.push_back(anchor);

    const std::vector<std::pair<std::string, Reader>> readers = {
        {"anonymous", Reader::anonymous()},
        {"customer of A", as(customer_a_)},
        {"org admin of A", as(org_admin_a_)},
        {"customer of B", as(customer_b_)},
        {"agent", as(agent_)},
    };
    const auto sitemap = must(service_->sitemap());
    std::set<std::int64_t> in_sitemap;
    for (const auto& entry : sitemap) in_sitemap.insert(entry.article_id);

    for (const auto& [who, reader] : readers) {
        ArticleQuery query;
        query.language = "en";
        query.per_page = 100;
        const auto listed = ids_of(must(service_->list(reader, query)).items);
        const auto in_section = ids_of(must(service_->in_section(reader, section_, "en")));
        const auto titled = ids_of(must(service_->titles(reader, all_ids, "en")));
        const auto related = ids_of(must(service_->related(reader, anchor, "en", 20)));
        EXPECT_FALSE(contains(related, anchor)) << who;

        std::size_t visible_count = 0;
        for (const auto& [id, c] : by_id) {
            const bool listed_org = reader.principal && reader.principal->organisation_id == org_a_;
            const bool expected =
                reader.staff() || (c.status == Status::published && (!c.publish_at || *c.publish_at <= kStart) &&
                                   (c.visibility == Visibility::public_ ||
                                    (c.visibility == Visibility::customers && reader.signed_in()) ||
                                    (c.visibility == Visibility::organisations && reader.signed_in() && listed_org)));
            const auto label = who + " reading " + c.name;
            EXPECT_EQ(visible_to(reader, c.status, c.visibility, c.publish_at, listed_org, kStart), expected) << label;
            const auto got = service_->get(reader, id, "en");
            EXPECT_EQ(got.has_value(), expected) << label;
            if (!expected && !got) expect_error(got.error(), ErrorCode::not_found, "kb.error.not_found");
            EXPECT_EQ(contains(listed, id), expected) << label;
            EXPECT_EQ(contains(in_section, id), expected) << label;
            EXPECT_EQ(contains(titled, id), expected) << label;
            if (!expected) {
                EXPECT_FALSE(contains(related, id)) << label;
            }
            EXPECT_EQ(service_->attachments(reader, id).has_value(), expected) << label;
            EXPECT_EQ(service_->attachment(reader, id, attachment_of[id]).has_value(), expected) << label;
            const bool public_now = c.visibility == Visibility::public_ && c.status == Status::published &&
                                    (!c.publish_at || *c.publish_at <= kStart);
            EXPECT_EQ(in_sitemap.contains(id), public_now) << c.name;
            if (expected) ++visible_count;
        }
        // Every visible one is related to the anchor (shared label, same section) up to the limit.
        EXPECT_EQ(related.size(), std::min<std::size_t>(visible_count, 20)) << who;
    }
    // Anonymous: public published (and past schedule) only.
    EXPECT_EQ(in_sitemap.size(), 3u);
    // The scheduled article appears once its time has come.
    now_ = kStart + 7200;
    EXPECT_EQ(must(service_->sitemap()).size(), 4u);
}

TEST_P(ArticleServiceTest, OrganisationArticlesFollowTheirList) {
    const auto id = published("For Alpha", Visibility::organisations);
    EXPECT_TRUE(service_->get(as(customer_a_), id, "en").has_value());
    expect_fails(service_->get(as(customer_b_), id, "en"), ErrorCode::not_found, "kb.error.not_found");
    EXPECT_EQ(must(service_->get(as(agent_), id, "en")).organisation_ids, std::vector<std::int64_t>{org_a_});
    EXPECT_TRUE(must(service_->get(as(customer_a_), id, "en")).organisation_ids.empty());  // authors only

    ArticleSettings settings;
    settings.section_id = section_;
    settings.visibility = Visibility::organisations;
    settings.organisation_ids = {org_b_, org_b_};
    must(service_->update_settings(agent_, id, settings, meta_));
    expect_fails(service_->get(as(customer_a_), id, "en"), ErrorCode::not_found, "kb.error.not_found");
    EXPECT_TRUE(service_->get(as(customer_b_), id, "en").has_value());
    EXPECT_EQ(must(service_->get(as(agent_), id, "en")).organisation_ids, std::vector<std::int64_t>{org_b_});

    // Another visibility drops the list.
    settings.visibility = Visibility::customers;
    must(service_->update_settings(agent_, id, settings, meta_));
    EXPECT_TRUE(service_->get(as(customer_a_), id, "en").has_value());
    EXPECT_EQ(count("SELECT COUNT(*) FROM kb_article_organisations"), 0);
    expect_fails(service_->get(Reader::anonymous(), id, "en"), ErrorCode::not_found, "kb.error.not_found");
    EXPECT_EQ(audit_count("kb.article_settings"), 2);
}

TEST_P(ArticleServiceTest, UpdateSettingsMovesAndSchedules) {
    const auto moved = published("Moving");
    const auto staying = published("Staying", Visibility::public_, {}, other_section_);
    ArticleSettings settings;
    settings.section_id = other_section_;
    settings.publish_at = kStart + 60;
    must(service_->update_settings(agent_, moved, settings, meta_));
    // Last in its new section, hidden until its time.
    EXPECT_EQ(ids_of(must(service_->in_section(as(agent_), other_section_, "en"))),
              (std::vector<std::int64_t>{staying, moved}));
    EXPECT_EQ(must(service_->get(as(agent_), moved, "en")).section_name, "Payments");
    expect_fails(service_->get(as(customer_a_), moved, "en"), ErrorCode::not_found, "kb.error.not_found");
    now_ = kStart + 60;
    EXPECT_TRUE(service_->get(as(customer_a_), moved, "en").has_value());

    settings.section_id = 987654;
    expect_fails(service_->update_settings(agent_, moved, settings, meta_), ErrorCode::invalid_input,
                 "kb.error.section_not_found");
    settings.section_id = section_;
    expect_fails(service_->update_settings(agent_, 987654, settings, meta_), ErrorCode::not_found,
                 "kb.error.not_found");
}

TEST_P(ArticleServiceTest, NonStaffWritesAreNotFound) {
    const auto id = published("Staff only");
    const auto attachment = must(service_->add_attachment(agent_, id, "a.txt", "text/plain", "x", meta_));
    const auto revisions = count("SELECT COUNT(*) FROM kb_revisions");
    for (const auto* who : {&customer_a_, &org_admin_a_}) {
        const auto& p = *who;
        expect_fails(service_->create(p, draft("Mine"), meta_), ErrorCode::not_found, "kb.error.not_found");
        expect_fails(service_->save_translation(p, id, text("en", "Hijacked"), meta_), ErrorCode::not_found,
                     "kb.error.not_found");
        ArticleSettings settings;
        settings.section_id = section_;
        settings.visibility = Visibility::internal;
        expect_fails(service_->update_settings(p, id, settings, meta_), ErrorCode::not_found, "kb.error.not_found");
        expect_fails(service_->transition(p, id, Status::archived, meta_), ErrorCode::not_found, "kb.error.not_found");
        expect_fails(service_->history(p, id, "en"), ErrorCode::not_found, "kb.error.not_found");
        expect_fails(service_->revision(p, id, 1), ErrorCode::not_found, "kb.error.not_found");
        expect_fails(service_->restore(p, id, 1, meta_), ErrorCode::not_found, "kb.error.not_found");
        expect_fails(service_->add_attachment(p, id, "b.txt", "text/plain", "y", meta_), ErrorCode::not_found,
                     "kb.error.not_found");
        expect_fails(service_->remove_attachment(p, id, attachment, meta_), ErrorCode::not_found, "kb.error.not_found");
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM kb_articles"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM kb_revisions"), revisions);
    EXPECT_EQ(count("SELECT COUNT(*) FROM kb_attachments"), 1);
    const auto article = must(service_->get(Reader::anonymous(), id, "en"));
    EXPECT_EQ(article.summary.title, "Staff only");
    EXPECT_EQ(article.summary.status, Status::published);
    EXPECT_EQ(article.summary.visibility, Visibility::public_);
}

TEST_P(ArticleServiceTest, InvalidInputIsRefusedWithAKey) {
    struct Bad {
        std::string key;
        std::function<void(NewArticle&)> spoil;
    };
    const std::vector<Bad> bad = {
        {"kb.error.title_required", [](NewArticle& a) { a.text.title = " \t "; }},
        {"kb.error.title_too_long", [](NewArticle& a) { a.text.title = std::string(kMaxTitleBytes + 1, 'x'); }},
        {"kb.error.title_invalid", [](NewArticle& a) { a.text.title = "Two\nlines"; }},
        {"kb.error.body_required", [](NewArticle& a) { a.text.body = "\n  \n"; }},
        {"kb.error.body_too_long", [](NewArticle& a) { a.text.body = std::string(kMaxBodyBytes + 1, 'x'); }},
        {"kb.error.language_unsupported", [](NewArticle& a) { a.text.language = "de"; }},
        {"kb.error.language_unsupported", [](NewArticle& a) { a.text.language = ""; }},
        {"kb.error.too_many_labels",
         [](NewArticle& a) {
             for (std::size_t i = 0; i <= kMaxLabels; ++i) a.text.labels.push_back("l" + std::to_string(i));
         }},
        {"kb.error.label_too_long", [](NewArticle& a) { a.text.labels = {std::string(kMaxLabelBytes + 1, 'x')}; }},
        {"kb.error.label_invalid", [](NewArticle& a) { a.text.labels = {"a,b"}; }},
        {"kb.error.invalid_utf8", [](NewArticle& a) { a.text.title = "Bad \xff byte"; }},
        {"kb.error.invalid_utf8", [](NewArticle& a) { a.text.body = "Overlong \xc0\xaf slash"; }},
        {"kb.error.invalid_utf8", [](NewArticle& a) { a.text.labels = {"\xed\xa0\x80"}; }},  // a surrogate
        {"kb.error.note_too_long", [](NewArticle& a) { a.text.note = std::string(501, 'n'); }},
        {"kb.error.section_not_found", [](NewArticle& a) { a.settings.section_id = 987654; }},
        {"kb.error.organisations_required",
         [](NewArticle& a) {
             a.settings.visibility = Visibility::organisations;
             a.settings.organisation_ids.clear();
         }},
        {"kb.error.organisation_not_found",
         [](NewArticle& a) {
             a.settings.visibility = Visibility::organisations;
             a.settings.organisation_ids = {987654};
         }},
        {"kb.error.publish_at_invalid", [](NewArticle& a) { a.settings.publish_at = -1; }},
    };
    for (const auto& b : bad) {
        auto input = draft("Valid title");
        b.spoil(input);
        SCOPED_TRACE(b.key);
        expect_fails(service_->create(agent_, input, meta_), ErrorCode::invalid_input, b.key);
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM kb_articles"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM kb_revisions"), 0);

    // At the limits, accepted: duplicates and blanks do not count against the label limit.
    auto edge = draft(std::string(kMaxTitleBytes, 't'));
    for (std::size_t i = 0; i < kMaxLabels; ++i) edge.text.labels.push_back("L" + std::to_string(i));
    edge.text.labels.push_back("l0");
    edge.text.labels.push_back("  ");
    edge.text.labels[1] = std::string(kMaxLabelBytes, 'y');
    const auto id = create(edge);
    EXPECT_EQ(must(service_->get(as(agent_), id, "en")).labels.size(), kMaxLabels);

    // save_translation checks the same way and leaves the text alone.
    expect_fails(service_->save_translation(agent_, id, text("en", ""), meta_), ErrorCode::invalid_input,
                 "kb.error.title_required");
    expect_fails(service_->save_translation(agent_, id, text("it", "Titolo"), meta_), ErrorCode::invalid_input,
                 "kb.error.language_unsupported");
    expect_fails(service_->save_translation(agent_, 987654, text("en", "Title"), meta_), ErrorCode::not_found,
                 "kb.error.not_found");
    EXPECT_EQ(must(service_->history(agent_, id, "")).size(), 1u);
}

// ------------------------------------------------------------ lists

TEST_P(ArticleServiceTest, ListFiltersSortsAndPages) {
    std::vector<std::int64_t> ids;
    for (int i = 0; i < 5; ++i) ids.push_back(published("Article " + std::to_string(i)));
    const auto faq_article = [&] {
        auto a = draft("A question");
        a.settings.section_id = faq_section_;
        return create(a);
    }();
    const auto in_review = create(draft("Under review"));
    must(service_->transition(agent_, in_review, Status::review, meta_));
    must(service_->add_views(std::vector<std::pair<std::int64_t, std::int64_t>>{{ids[3], 50}, {ids[1], 20}}));

    ArticleQuery query;
    query.language = "en";
    query.per_page = 2;
    auto page = must(service_->list(as(customer_a_), query));
    EXPECT_EQ(page.total, 5);
    EXPECT_EQ(page.pages(), 3);
    EXPECT_EQ(ids_of(page.items), (std::vector<std::int64_t>{ids[0], ids[1]}));
    query.page = 3;
    page = must(service_->list(as(customer_a_), query));
    EXPECT_EQ(ids_of(page.items), std::vector<std::int64_t>{ids[4]});
    EXPECT_EQ(page.page, 3);

    query.page = 1;
    query.per_page = 100;
    query.sort = "views";
    EXPECT_EQ(ids_of(must(service_->list(as(customer_a_), query)).items).at(0), ids[3]);
    EXPECT_EQ(ids_of(must(service_->list(as(customer_a_), query)).items).at(1), ids[1]);
    query.sort = "name; DROP TABLE kb_articles";  // not in the allow-list: the default order
    EXPECT_EQ(ids_of(must(service_->list(as(customer_a_), query)).items).at(0), ids[0]);

    // Staff see everything and may filter by status; others may not widen their view.
    query.sort = "position";
    EXPECT_EQ(must(service_->list(as(agent_), query)).total, 7);
    query.status = Status::review;
    EXPECT_EQ(ids_of(must(service_->list(as(agent_), query)).items), std::vector<std::int64_t>{in_review});
    EXPECT_EQ(must(service_->list(as(customer_a_), query)).total, 5);
    query.status.reset();
    query.category_id = faq_;
    EXPECT_EQ(ids_of(must(service_->list(as(agent_), query)).items), std::vector<std::int64_t>{faq_article});
    EXPECT_EQ(must(service_->list(as(customer_a_), query)).total, 0);
    query.category_id.reset();
    query.section_id = section_;
    EXPECT_EQ(must(service_->list(as(agent_), query)).total, 6);

    // Out-of-range paging is clamped rather than refused.
    query.section_id.reset();
    query.per_page = 100000;
    query.page = -3;
    page = must(service_->list(as(agent_), query));
    EXPECT_EQ(page.per_page, 100);
    EXPECT_EQ(page.page, 1);
}

TEST_P(ArticleServiceTest, RelatedPrefersSharedLabelsThenTheSection) {
    const auto anchor = published("Anchor", Visibility::public_, {"invoice", "pdf"});
    const auto same_section = published("Same section", Visibility::public_, {"other"});
    const auto two_labels = published("Two labels", Visibility::public_, {"pdf", "invoice"}, other_section_);
    const auto one_label = published("One label", Visibility::public_, {"invoice"}, other_section_);
    const auto unrelated = published("Unrelated", Visibility::public_, {"delivery"}, other_section_);
    const auto hidden = create(draft("Hidden draft", "en", Visibility::public_, {"invoice", "pdf"}));

    const auto related = ids_of(must(service_->related(Reader::anonymous(), anchor, "en")));
    EXPECT_EQ(related, (std::vector<std::int64_t>{two_labels, one_label, same_section}));
    EXPECT_FALSE(contains(related, unrelated));
    EXPECT_FALSE(contains(related, hidden));
    EXPECT_EQ(must(service_->related(Reader::anonymous(), anchor, "en", 1)).size(), 1u);
    // Staff see the draft too, first (two shared labels, same section).
    EXPECT_EQ(ids_of(must(service_->related(as(agent_), anchor, "en"))).at(0), hidden);
    // Related to an article one may not see: not found.
    expect_fails(service_->related(Reader::anonymous(), hidden, "en"), ErrorCode::not_found, "kb.error.not_found");
}

TEST_P(ArticleServiceTest, TitlesResolveInternalLinksInOrder) {
    const auto a = published("First link");
    const auto b = published("Second link");
    must(service_->save_translation(agent_, b, text("fr", "Deuxième lien"), meta_));
    const auto hidden = create(draft("Hidden"));
    const std::vector<std::int64_t> wanted = {b, hidden, 987654, a, b};
    const auto titles = must(service_->titles(Reader::anonymous(), wanted, "fr"));
    ASSERT_EQ(titles.size(), 2u);
    EXPECT_EQ(titles[0].id, b);
    EXPECT_EQ(titles[0].title, "Deuxième lien");
    EXPECT_EQ(titles[0].slug, "deuxieme-lien");
    EXPECT_FALSE(titles[0].fallback);
    EXPECT_EQ(titles[1].id, a);
    EXPECT_EQ(titles[1].title, "First link");
    EXPECT_TRUE(titles[1].fallback);
    EXPECT_TRUE(must(service_->titles(Reader::anonymous(), std::vector<std::int64_t>{}, "en")).empty());
}

TEST_P(ArticleServiceTest, SitemapListsEveryTranslationOfPublicArticles) {
    const auto id = published("Public one");
    now_ += 30;
    must(service_->save_translation(agent_, id, text("fr", "Public un"), meta_));
    published("Customers only", Visibility::customers);
    published("Internal", Visibility::internal);
    create(draft("Draft"));
    const auto sitemap = must(service_->sitemap());
    ASSERT_EQ(sitemap.size(), 2u);
    EXPECT_EQ(sitemap[0].article_id, id);
    EXPECT_EQ(sitemap[0].language, "en");
    EXPECT_EQ(sitemap[0].slug, "public-one");
    EXPECT_EQ(sitemap[1].language, "fr");
    EXPECT_EQ(sitemap[1].slug, "public-un");
    EXPECT_EQ(sitemap[1].updated_at, kStart + 30);
}

// ------------------------------------------------------------ attachments and views

TEST_P(ArticleServiceTest, AttachmentsKeepTheirBytes) {
    const auto id = published("With files");
    std::string bytes = "\x89PNG\r\n\x1a\n";
    bytes += std::string("\0\x01\xff binary", 10);
    const auto attachment = must(service_->add_attachment(agent_, id, "  screen shot.png ", "image/png", bytes, meta_));

    const auto list = must(service_->attachments(Reader::anonymous(), id));
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].id, attachment);
    EXPECT_EQ(list[0].file_name, "screen shot.png");
    EXPECT_EQ(list[0].content_type, "image/png");
    EXPECT_EQ(list[0].byte_size, static_cast<std::int64_t>(bytes.size()));
    EXPECT_EQ(list[0].sha256, crypto::sha256_hex(bytes));
    const auto data = must(service_->attachment(Reader::anonymous(), id, attachment));
    EXPECT_EQ(data.bytes, bytes);
    EXPECT_EQ(data.info.file_name, "screen shot.png");

    // Only through its own article.
    const auto other = published("Other");
    expect_fails(service_->attachment(Reader::anonymous(), other, attachment), ErrorCode::not_found,
                 "kb.error.not_found");
    expect_fails(service_->remove_attachment(agent_, other, attachment, meta_), ErrorCode::not_found,
                 "kb.error.not_found");

    // A type that could not be served as is becomes opaque bytes.
    const auto odd = must(service_->add_attachment(agent_, id, "x.bin", "text/html\r\nX-Evil: 1", "x", meta_));
    EXPECT_EQ(must(service_->attachment(as(agent_), id, odd)).info.content_type, "application/octet-stream");

    must(service_->remove_attachment(admin_, id, attachment, meta_));
    expect_fails(service_->attachment(Reader::anonymous(), id, attachment), ErrorCode::not_found, "kb.error.not_found");
    EXPECT_EQ(must(service_->attachments(Reader::anonymous(), id)).size(), 1u);
    EXPECT_EQ(audit_count("kb.attachment_added"), 2);
    EXPECT_EQ(audit_count("kb.attachment_removed"), 1);
}

TEST_P(ArticleServiceTest, AttachmentsAreChecked) {
    const auto id = published("With files");
    const std::string too_big(kMaxAttachmentBytes + 1, 'x');
    expect_fails(service_->add_attachment(agent_, id, "big.bin", "application/pdf", too_big, meta_),
                 ErrorCode::too_large, "kb.error.attachment_too_large");
    expect_fails(service_->add_attachment(agent_, id, "empty.txt", "text/plain", "", meta_), ErrorCode::invalid_input,
                 "kb.error.attachment_empty");
    for (const std::string& name :
         {std::string(), std::string("  "), std::string("dir/file.txt"), std::string("..\\boot.ini"), std::string(".."),
          std::string("bell\a.txt"), std::string("bad\xff.txt"), std::string(201, 'n')}) {
        expect_fails(service_->add_attachment(agent_, id, name, "text/plain", "x", meta_), ErrorCode::invalid_input,
                     "kb.error.file_name_invalid");
    }
    expect_fails(service_->add_attachment(agent_, 987654, "a.txt", "text/plain", "x", meta_), ErrorCode::not_found,
                 "kb.error.not_found");
    EXPECT_EQ(count("SELECT COUNT(*) FROM kb_attachments"), 0);
    // 200 bytes of UTF-8 is the limit.
    std::string longest;
    while (longest.size() + 2 <= 200) longest += "é";
    EXPECT_TRUE(service_->add_attachment(agent_, id, longest, "text/plain", "x", meta_).has_value());
}

TEST_P(ArticleServiceTest, AddViewsAddsUpInOneGo) {
    const auto a = published("Viewed a lot");
    const auto b = published("Viewed a little");
    must(service_->add_views(
        std::vector<std::pair<std::int64_t, std::int64_t>>{{a, 3}, {b, 2}, {a, 1}, {b, 0}, {a, -5}, {987654, 9}}));
    EXPECT_EQ(must(service_->get(Reader::anonymous(), a, "en")).summary.view_count, 4);
    EXPECT_EQ(must(service_->get(Reader::anonymous(), b, "en")).summary.view_count, 2);
    must(service_->add_views({}));
    EXPECT_EQ(must(service_->get(Reader::anonymous(), a, "en")).summary.view_count, 4);
}

TEST_P(ArticleServiceTest, FaqArticlesCarryTheirCategoryKind) {
    auto a = draft("How long does delivery take?");
    a.settings.section_id = faq_section_;
    const auto id = create(a);
    const auto article = must(service_->get(as(agent_), id, "fr"));
    EXPECT_EQ(article.category_kind, CategoryKind::faq);
    EXPECT_EQ(article.category_name, "Questions");
    EXPECT_EQ(article.section_name, "Delivery");
}

INSTANTIATE_TEST_SUITE_P(Backends, ArticleServiceTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         test::backend_name);

// ------------------------------------------------------------ model

TEST(KbModelArticleTest, NamesRoundTrip) {
    for (auto s : {Status::draft, Status::review, Status::published, Status::archived})
        EXPECT_EQ(parse_status(to_string(s)), s);
    for (auto v : {Visibility::public_, Visibility::customers, Visibility::organisations, Visibility::internal})
        EXPECT_EQ(parse_visibility(to_string(v)), v);
    EXPECT_EQ(to_string(Visibility::public_), "public");
    for (auto k : {CategoryKind::kb, CategoryKind::faq}) EXPECT_EQ(parse_category_kind(to_string(k)), k);
    EXPECT_FALSE(parse_status("Published").has_value());
    EXPECT_FALSE(parse_visibility("public_").has_value());
    EXPECT_FALSE(parse_category_kind("").has_value());
}

}  // namespace
}  // namespace comptoir::kb
