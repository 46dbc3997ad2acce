// SearchService on SQLite (FTS5 with the Snowball tokenizer) and PostgreSQL
// (tsvector with unaccent + Snowball; skipped without COMPTOIR_TEST_PG_URL
// unless COMPTOIR_TEST_REQUIRE_PG=1), over one fixture of English and French
// articles inserted with plain SQL (the triggers or the generated column index
// them). Both backends must return the same articles in the same order for
// the queries below: the expected lists are written once and checked on each.
#include "domain/kb/search_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/accounts/users.hpp"
#include "domain/kb/vocabulary.hpp"
#include "domain/test_support.hpp"

namespace comptoir::kb {
namespace {

using storage::Backend;
using test::describe;
using test::must;

constexpr std::int64_t kNow = 1767225600;  // 2026-01-01 00:00 UTC

template <class T>
void expect_fails(const Result<T>& r, ErrorCode code, std::string_view key) {
    ASSERT_FALSE(r.has_value()) << "expected " << comptoir::to_string(code) << " " << key;
    EXPECT_EQ(r.error().code, code) << describe(r.error());
    EXPECT_EQ(r.error().public_message, key);
}

struct Text {
    std::string language, title, labels, body;
};

struct Spec {
    std::string key;
    std::string category;  // billing, account or service
    std::vector<Text> texts;
    std::string status = "published";
    std::string visibility = "public";
    std::optional<std::int64_t> publish_at;
    std::int64_t updated_at = kNow - 5000;
    int helpful = 0;
    bool alpha_only = false;  // listed for organisation Alpha (visibility "organisations")
};

// The fixture. Helpfulness and dates only differ where a test relies on them.
const std::vector<Spec>& fixture() {
    static const std::vector<Spec> specs = {
        {.key = "invoice",
         .category = "billing",
         .texts = {{"en", "Download an invoice", "invoice,pdf",
                    "Open Billing, choose a month and click Download to get your invoice as a PDF file. Invoices are "
                    "kept for "
                    "ten years."},
                   {"fr", "Télécharger une facture", "facture,pdf",
                    "Ouvrez Facturation, choisissez un mois et cliquez sur Télécharger pour obtenir votre facture en "
                    "PDF. Les "
                    "factures sont conservées dix ans."}}},
        {.key = "billing",
         .category = "billing",
         .texts =
             {{"en", "How billing works", "billing,payment",
               "We bill on the first day of each month. Pay by card or by direct debit. Alerts for Tom & Jerry <3: "
               "code such as <script>alert(1)</script> shows as text."},
              {"fr", "Comment fonctionne la facturation", "facturation,paiement",
               "La facturation a lieu le premier jour de chaque mois. Payez par carte ou par prélèvement."}}},
        {.key = "outage",
         .category = "service",
         .texts =
             {{"en", "Power outage at home", "electricity,outage",
               "When the electricity is cut, first check the meter and the circuit breaker, then call us."},
              {"fr", "Panne d'électricité", "électricité,panne",
               "Quand l'électricité est coupée, vérifiez d'abord le compteur et le disjoncteur, puis appelez-nous."}}},
        {.key = "password",
         .category = "account",
         .texts = {{"en", "Reset your password", "password,login",
                    "Forgot your password? Click Forgot password on the sign-in page and follow the link we send you."},
                   {"fr", "Réinitialiser votre mot de passe", "mot de passe,connexion",
                    "Mot de passe oublié ? Cliquez sur Mot de passe oublié sur la page de connexion et suivez le lien "
                    "reçu."}}},
        {.key = "email",
         .category = "account",
         .texts = {{"en", "Change your e-mail address", "account,email",
                    "Open your profile to change the address. We send a confirmation to the new address; your password "
                    "stays "
                    "the same."},
                   {"fr", "Changer votre adresse e-mail", "compte,e-mail",
                    "Ouvrez votre profil pour changer l'adresse. Nous envoyons une confirmation à la nouvelle adresse "
                    "; votre "
                    "mot de passe ne change pas."}}},
        {.key = "api",
         .category = "account",
         .texts = {{"fr", "Développements de l'API", "api,développeur",
                    "Les développements récents de l'API permettent de télécharger les factures."}}},
        {.key = "methods",
         .category = "billing",
         .texts = {{"en", "Accepted payment methods", "card,transfer",
                    "We accept bank transfers and several wallets."}}},
        // Three articles that any "delivery" query scores alike: helpfulness, then freshness decide.
        {.key = "france",
         .category = "service",
         .texts = {{"en", "Delivery times in France", "", "Parcels arrive within three working days."}},
         .updated_at = kNow - 9000,
         .helpful = 5},
        {.key = "belgium",
         .category = "service",
         .texts = {{"en", "Delivery times in Belgium", "", "Parcels arrive within four working days."}},
         .updated_at = kNow - 100,
         .helpful = 1},
        {.key = "spain",
         .category = "service",
         .texts = {{"en", "Delivery times in Spain", "", "Parcels arrive within five working days."}},
         .updated_at = kNow - 50,
         .helpful = 1},
        // A body long enough for its snippet to be cut on both sides.
        {.key = "warranty",
         .category = "service",
         .texts = {{"en", "Product warranty", "",
                    "Keep the receipt that came with your order and the original packaging, since both help us "
                    "process any claim faster. Most products are covered for two years from the day of purchase. To "
                    "make a claim, describe the problem, attach a photo and tell us the order number. We answer "
                    "within two working days and arrange a pickup when the product must be inspected. The warranty "
                    "covers manufacturing defects but not accidental damage, normal wear or misuse. Repairs usually "
                    "take one week, after which we send the product back to the address of your choice at no cost."}}},
        // Who sees what: every one of these mentions a refund.
        {.key = "refund-draft",
         .category = "service",
         .texts = {{"en", "Refund policy", "", "How refunds will work."}},
         .status = "draft"},
        {.key = "refund-internal",
         .category = "service",
         .texts = {{"en", "Refund procedure for agents", "", "Check the order before refunding."}},
         .visibility = "internal"},
        {.key = "refund-archived",
         .category = "service",
         .texts = {{"en", "Old refund rules", "", "Refunds used to take a month."}},
         .status = "archived"},
        {.key = "refund-scheduled",
         .category = "service",
         .texts = {{"en", "Refund campaign", "", "A refund offer starts next week."}},
         .publish_at = kNow + 86400},
        {.key = "refund-alpha",
         .category = "service",
         .texts = {{"en", "Refund terms for Alpha", "", "Alpha customers get refunds within a week."}},
         .visibility = "organisations",
         .alpha_only = true},
        {.key = "refund-customers",
         .category = "service",
         .texts = {{"en", "Refund request form", "", "Signed-in customers can ask for a refund."}},
         .visibility = "customers"},
        {.key = "refund-public",
         .category = "service",
         .texts = {{"en", "Request a refund", "", "Anyone can ask for a refund by writing to us."}}},
    };
    return specs;
}

class SearchServiceTest : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        if (!database_.open(GetParam())) GTEST_SKIP() << "COMPTOIR_TEST_PG_URL is not set";
        Languages languages{.default_language = "en", .supported = {"en", "fr", "de"}};
        service_ = std::make_unique<SearchService>(db(), languages, [this] { return now_; });
        alpha_ = database_.add_organisation("alpha", "Alpha SARL");
        beta_ = database_.add_organisation("beta", "Beta GmbH");
        agent_ = principal("agent@op.example", "agent", std::nullopt);
        alpha_customer_ = principal("c@alpha.example", "customer", alpha_);
        beta_customer_ = principal("c@beta.example", "customer", beta_);
        for (const char* key : {"billing", "account", "service"}) {
            categories_[key] =
                database_.exec("INSERT INTO kb_categories (created_at, updated_at) VALUES ($1, $1) RETURNING id", kNow)
                    .one()
                    .get<std::int64_t>(0);
            sections_[key] = database_
                                 .exec(
                                     "INSERT INTO kb_sections (category_id, created_at, updated_at) VALUES ($1, $2, "
                                     "$2) RETURNING id",
                                     categories_[key], kNow)
                                 .one()
                                 .get<std::int64_t>(0);
        }
        for (const auto& spec : fixture()) add(spec);
    }

    storage::Database& db() { return database_.db(); }

    accounts::Principal principal(const std::string& email, const std::string& role,
                                  std::optional<std::int64_t> organisation) {
        return accounts::to_principal(
            database_.user(database_.add_user({.email = email, .role = role, .organisation_id = organisation})));
    }

    void add(const Spec& spec) {
        auto tx = must(db().write());
        const auto id =
            must(tx.query_with("INSERT INTO kb_articles (section_id, source_language, status, visibility, "
                               "publish_at, created_at, updated_at, published_at, helpful_count) "
                               "VALUES ($1, $2, $3, $4, $5, $6, $7, $6, $8) RETURNING id",
                               sections_.at(spec.category), spec.texts.front().language, spec.status, spec.visibility,
                               spec.publish_at, kNow - 10000, spec.updated_at, spec.helpful))
                .one()
                .get<std::int64_t>(0);
        if (spec.alpha_only) {
            must(tx.query_with("INSERT INTO kb_article_organisations (article_id, organisation_id) VALUES ($1, $2)", id,
                               alpha_));
        }
        for (const auto& text : spec.texts) {
            must(
                tx.query_with("INSERT INTO kb_translations (article_id, language, title, slug, body, body_text, "
                              "labels, updated_at) VALUES ($1, $2, $3, $4, $5, $5, $6, $7)",
                              id, text.language, text.title, spec.key, text.body, text.labels, spec.updated_at));
            must(update_vocabulary(tx, text.language, "", text.title + " " + text.labels + " " + text.body));
        }
        must(tx.commit());
        ids_[spec.key] = id;
        keys_[id] = spec.key;
    }

    SearchResults search(const std::string& text, const std::string& language, Reader reader = {},
                         std::optional<std::int64_t> category = std::nullopt, int page = 1, int per_page = 10) {
        return must(service_->search(reader, {.text = text,
                                              .language = language,
                                              .category_id = category,
                                              .page = page,
                                              .per_page = per_page,
                                              .record = false}),
                    "search " + text);
    }

    /// The fixture keys of the hits, in order.
    std::vector<std::string> keys(const SearchResults& results) {
        std::vector<std::string> out;
        for (const auto& hit : results.hits) out.push_back(keys_.at(hit.article.id));
        return out;
    }

    std::vector<std::string> found(const std::string& text, const std::string& language, Reader reader = {}) {
        return keys(search(text, language, reader));
    }

    std::vector<std::string> suggested(const std::string& text, const std::string& language, Reader reader = {}) {
        std::vector<std::string> out;
        for (const auto& s : must(service_->suggest(reader, text, language))) out.push_back(keys_.at(s.article_id));
        return out;
    }

    static Reader as(const accounts::Principal& principal) { return Reader{&principal}; }

    test::TestDatabase database_;
    std::unique_ptr<SearchService> service_;
    std::int64_t now_ = kNow;
    std::int64_t alpha_ = 0, beta_ = 0;
    accounts::Principal agent_, alpha_customer_, beta_customer_;
    std::map<std::string, std::int64_t> categories_, sections_, ids_;
    std::map<std::int64_t, std::string> keys_;
};

using Keys = std::vector<std::string>;

TEST_P(SearchServiceTest, FindsOtherInflectionsInBothLanguages) {
    EXPECT_EQ(found("passwords", "en"), (Keys{"password", "email"}));
    EXPECT_EQ(found("invoices", "en"), Keys{"invoice"});
    // "factures" and "facturation" share the stem "factur".
    EXPECT_EQ(found("factures", "fr"), (Keys{"billing", "invoice", "api"}));
    EXPECT_EQ(found("développement", "fr"), Keys{"api"});
}

TEST_P(SearchServiceTest, IgnoresAccentsAndCase) {
    EXPECT_EQ(found("electricite", "fr"), Keys{"outage"});
    EXPECT_EQ(found("ÉLECTRICITÉ", "fr"), Keys{"outage"});
    EXPECT_EQ(found("developpements", "fr"), Keys{"api"});
}

TEST_P(SearchServiceTest, RanksATitleMatchAboveABodyOnlyMatch) {
    auto results = search("password", "en");
    ASSERT_EQ(keys(results), (Keys{"password", "email"}));
    EXPECT_DOUBLE_EQ(results.hits[0].score, 1.0);
    EXPECT_LT(results.hits[1].score, 0.5);
}

TEST_P(SearchServiceTest, RanksALabelMatchAboveABodyOnlyMatch) {
    // "card" is only a label of "methods", only a body word of "billing".
    EXPECT_EQ(found("card", "en"), (Keys{"methods", "billing"}));
}

TEST_P(SearchServiceTest, BreaksTiesByHelpfulnessThenFreshness) {
    // Three texts alike: France is the most helpful (and the oldest); Spain is newer than Belgium.
    EXPECT_EQ(found("delivery", "en"), (Keys{"france", "spain", "belgium"}));
    auto results = search("delivery times", "en");
    ASSERT_EQ(results.hits.size(), 3u);
    EXPECT_EQ(results.hits[0].score, results.hits[2].score);
}

TEST_P(SearchServiceTest, WantsAllWordsThenFallsBackToAnyWord) {
    // "email" mentions the password but not resetting it.
    auto all = search("reset password", "en");
    EXPECT_EQ(keys(all), Keys{"password"});
    EXPECT_EQ(all.total, 1);
    // No article has both words: each one that has either comes back.
    auto any = search("invoice outage", "en");
    EXPECT_EQ(keys(any), (Keys{"outage", "invoice"}));
    EXPECT_EQ(any.total, 2);
    EXPECT_FALSE(any.suggestion);
    // Stop words neither have to match nor make the other words fail.
    EXPECT_EQ(found("how to reset the password", "en"), Keys{"password"});
    EXPECT_EQ(found("mot de passe", "fr"), (Keys{"password", "email"}));
}

// The same expected top results on SQLite (bm25) and PostgreSQL (ts_rank).
TEST_P(SearchServiceTest, ReturnsTheSameTopResultsOnBothBackends) {
    struct Case {
        std::string query, language;
        Keys top;
    };
    const std::vector<Case> cases = {
        {"password", "en", {"password", "email"}},
        {"passwords", "en", {"password", "email"}},
        {"reset password", "en", {"password"}},
        {"invoices", "en", {"invoice"}},
        {"card", "en", {"methods", "billing"}},
        {"delivery", "en", {"france", "spain", "belgium"}},
        {"invoice outage", "en", {"outage", "invoice"}},
        {"refund", "en", {"refund-draft", "refund-internal", "refund-archived"}},
        {"factures", "fr", {"billing", "invoice", "api"}},
        {"facturation", "fr", {"billing", "invoice", "api"}},
        {"mot de passe", "fr", {"password", "email"}},
        {"electricite", "fr", {"outage"}},
        {"developpement", "fr", {"api"}},
    };
    for (const auto& c : cases) {
        auto results = search(c.query, c.language, as(agent_), std::nullopt, 1, 3);
        EXPECT_EQ(keys(results), c.top) << c.query;
    }
}

TEST_P(SearchServiceTest, SnippetsMarkTheMatchesAndEscapeTheText) {
    auto results = search("alerts", "en");
    ASSERT_EQ(keys(results), Keys{"billing"});
    const std::string& html = results.hits[0].snippet_html;
    EXPECT_NE(html.find("<mark>Alerts</mark>"), std::string::npos) << html;
    EXPECT_NE(html.find("Tom &amp; Jerry &lt;3"), std::string::npos) << html;
    EXPECT_EQ(html.find("<script"), std::string::npos) << html;
    EXPECT_EQ(html.find('\x01'), std::string::npos);

    // A long body is cut around the match, and the cuts show.
    auto cut = search("defects", "en");
    ASSERT_EQ(keys(cut), Keys{"warranty"});
    const std::string& excerpt = cut.hits[0].snippet_html;
    EXPECT_TRUE(excerpt.starts_with("…")) << excerpt;
    EXPECT_TRUE(excerpt.ends_with("…")) << excerpt;
    EXPECT_NE(excerpt.find("<mark>defects</mark>"), std::string::npos) << excerpt;
    EXPECT_LT(excerpt.size(), 300u) << excerpt;
    // A short one is shown whole.
    auto whole = search("refunding", "en", as(agent_), categories_["service"], 1, 50);
    auto internal = std::ranges::find_if(
        whole.hits, [&](const SearchHit& hit) { return hit.article.id == ids_["refund-internal"]; });
    ASSERT_NE(internal, whole.hits.end());
    EXPECT_TRUE(internal->snippet_html.starts_with("Check the order before <mark>refunding</mark>"))
        << internal->snippet_html;
    EXPECT_EQ(internal->snippet_html.find("…"), std::string::npos) << internal->snippet_html;

    // A title-only match still shows the beginning of the body, unmarked.
    auto title_only = search("delivery", "en");
    ASSERT_FALSE(title_only.hits.empty());
    EXPECT_NE(title_only.hits[0].snippet_html.find("Parcels arrive"), std::string::npos);
    EXPECT_EQ(title_only.hits[0].snippet_html.find("<mark>"), std::string::npos);
}

TEST_P(SearchServiceTest, FiltersByLanguageAndCategory) {
    // The API article exists in French only: no fallback to another language.
    EXPECT_EQ(found("api", "fr"), Keys{"api"});
    EXPECT_EQ(found("api", "en"), Keys{});
    auto german = search("password", "de");
    EXPECT_TRUE(german.hits.empty());
    EXPECT_EQ(german.total, 0);

    EXPECT_EQ(keys(search("password", "en", {}, categories_["account"])), (Keys{"password", "email"}));
    EXPECT_EQ(keys(search("password", "en", {}, categories_["billing"])), Keys{});
    EXPECT_EQ(keys(search("factures", "fr", {}, categories_["billing"])), (Keys{"billing", "invoice"}));
    EXPECT_EQ(keys(search("password", "en", {}, 987654)), Keys{});
}

TEST_P(SearchServiceTest, PagesThroughResults) {
    std::set<std::string> seen;
    for (int page = 1; page <= 3; ++page) {
        auto results = search("refund", "en", as(agent_), std::nullopt, page, 3);
        EXPECT_EQ(results.total, 7);
        EXPECT_EQ(results.page, page);
        EXPECT_EQ(results.hits.size(), page < 3 ? 3u : 1u);
        for (const auto& key : keys(results)) seen.insert(key);
    }
    EXPECT_EQ(seen.size(), 7u);
    auto past_the_end = search("refund", "en", as(agent_), std::nullopt, 4, 3);
    EXPECT_TRUE(past_the_end.hits.empty());
    EXPECT_EQ(past_the_end.total, 7);

    EXPECT_EQ(search("refund", "en", as(agent_), std::nullopt, 0, 0).hits.size(), 1u);  // page 1, 1 per page
    auto capped = search("refund", "en", as(agent_), std::nullopt, 1, 1000);
    EXPECT_EQ(capped.per_page, 50);
    EXPECT_EQ(capped.hits.size(), 7u);
}

TEST_P(SearchServiceTest, ProposesACorrectionThatFindsMore) {
    auto french = search("facturaton", "fr");
    EXPECT_TRUE(french.hits.empty());
    EXPECT_EQ(french.suggestion, "facturation");
    EXPECT_EQ(search("pasword", "en").suggestion, "password");
    EXPECT_EQ(search("Reset pasword", "en").suggestion, std::nullopt);  // "reset" alone already finds it
    EXPECT_EQ(search("pasword rset", "en").suggestion, "password reset");
    EXPECT_EQ(search("password", "en").suggestion, std::nullopt);
    EXPECT_EQ(search("xylophone", "en").suggestion, std::nullopt);
    // Nothing to propose from another language's words.
    EXPECT_EQ(search("facturaton", "en").suggestion, std::nullopt);
}

TEST_P(SearchServiceTest, ShowsEachReaderOnlyWhatTheyMaySee) {
    EXPECT_EQ(found("refund", "en"), Keys{"refund-public"});
    auto sorted = [](Keys k) {
        std::ranges::sort(k);
        return k;
    };
    EXPECT_EQ(sorted(found("refund", "en", as(beta_customer_))), (Keys{"refund-customers", "refund-public"}));
    EXPECT_EQ(sorted(found("refund", "en", as(alpha_customer_))),
              (Keys{"refund-alpha", "refund-customers", "refund-public"}));
    EXPECT_EQ(search("refund", "en", as(agent_)).total, 7);
    EXPECT_EQ(search("refund", "en").total, 1);
    EXPECT_EQ(suggested("refund", "en"), Keys{"refund-public"});
    EXPECT_EQ(suggested("refund", "en", as(agent_)).size(), 7u);

    // The scheduled article appears once its time has come.
    now_ = kNow + 86400;
    EXPECT_EQ(sorted(found("refund", "en")), (Keys{"refund-public", "refund-scheduled"}));
}

TEST_P(SearchServiceTest, RecordsSearchesClicksAndContentGaps) {
    SearchQuery query{.text = "  Password  ", .language = "en"};
    auto results = must(service_->search({}, query));
    ASSERT_TRUE(results.search_id);
    auto row = database_.select(
        "SELECT query, normalized_query, language, result_count, clicked_article_id, created_at FROM kb_searches "
        "WHERE id = $1",
        *results.search_id);
    ASSERT_EQ(row.rows.size(), 1u);
    EXPECT_EQ(row.one().get<std::string>(0), "Password");
    EXPECT_EQ(row.one().get<std::string>(1), "password");
    EXPECT_EQ(row.one().get<std::string>(2), "en");
    EXPECT_EQ(row.one().get<std::int64_t>(3), 2);
    EXPECT_TRUE(row.one().is_null(4));
    EXPECT_EQ(row.one().get<std::int64_t>(5), kNow);

    // The first click counts; later ones do not replace it.
    must(service_->record_click(*results.search_id, ids_["password"]));
    must(service_->record_click(*results.search_id, ids_["email"]));
    EXPECT_EQ(database_.count("SELECT clicked_article_id FROM kb_searches WHERE id = $1", *results.search_id),
              ids_["password"]);
    expect_fails(service_->record_click(987654, ids_["password"]), ErrorCode::not_found, "kb.error.not_found");
    expect_fails(service_->record_click(*results.search_id, 987654), ErrorCode::not_found, "kb.error.not_found");

    // Unanswered questions, the most asked first.
    now_ = kNow + 10;
    must(service_->search({}, {.text = "Qwertyuiop", .language = "en"}));
    now_ = kNow + 20;
    must(service_->search({}, {.text = "zzyzx", .language = "en"}));
    now_ = kNow + 30;
    must(service_->search({}, {.text = "ZZYZX!", .language = "en"}));
    must(service_->search({}, {.text = "zzyzx", .language = "fr"}));
    must(service_->search({}, {.text = "zzyzx", .language = "en", .record = false}));

    auto gaps = must(service_->content_gaps(agent_, kNow));
    ASSERT_EQ(gaps.size(), 3u);
    EXPECT_EQ(gaps[0].query, "zzyzx");
    EXPECT_EQ(gaps[0].language, "en");
    EXPECT_EQ(gaps[0].searches, 2);
    EXPECT_EQ(gaps[0].last_searched_at, kNow + 30);
    EXPECT_EQ(gaps[1].query, "zzyzx");
    EXPECT_EQ(gaps[1].language, "fr");
    EXPECT_EQ(gaps[2].query, "qwertyuiop");
    EXPECT_EQ(must(service_->content_gaps(agent_, kNow + 15)).size(), 2u);
    EXPECT_EQ(must(service_->content_gaps(agent_, kNow, 1)).size(), 1u);

    auto stats = must(service_->stats(agent_, kNow));
    EXPECT_EQ(stats.searches, 5);
    EXPECT_EQ(stats.without_results, 4);
    EXPECT_EQ(stats.with_click, 1);
    EXPECT_EQ(must(service_->stats(agent_, kNow + 25)).searches, 2);

    expect_fails(service_->content_gaps(alpha_customer_, kNow), ErrorCode::not_found, "kb.error.not_found");
    expect_fails(service_->stats(beta_customer_, kNow), ErrorCode::not_found, "kb.error.not_found");
}

TEST_P(SearchServiceTest, RefusesEmptyOversizedAndUnreadableQueries) {
    auto refused = [&](std::string text, std::string_view key, std::string language = "en") {
        expect_fails(service_->search({}, {.text = text, .language = language}), ErrorCode::invalid_input, key);
    };
    refused("", "kb.error.query_empty");
    refused(" \t\n ", "kb.error.query_empty");
    refused(std::string(kMaxQueryBytes + 1, 'a'), "kb.error.query_invalid");
    refused("caf\xe9", "kb.error.query_invalid");
    refused("caf\xc3", "kb.error.query_invalid");
    refused("\xc0\xaf", "kb.error.query_invalid");
    refused("\xed\xa0\x80", "kb.error.query_invalid");  // a UTF-16 surrogate
    refused("password", "kb.error.language_unsupported", "xx");
    refused("password", "kb.error.language_unsupported", "");
    EXPECT_EQ(database_.count("SELECT COUNT(*) FROM kb_searches"), 0);
    // The longest query allowed runs.
    EXPECT_TRUE(service_->search({}, {.text = std::string(kMaxQueryBytes, 'a'), .language = "en"}));
}

// Whatever a visitor types is searched for as words, never read as FTS5 or
// tsquery syntax: no error, no crash.
TEST_P(SearchServiceTest, TreatsQuerySyntaxAsText) {
    const std::vector<std::string> inputs = {"\"unbalanced",
                                             "NEAR(",
                                             "NEAR(password reset, 2)",
                                             "*",
                                             "-",
                                             ":",
                                             "password*",
                                             "title:password",
                                             "{title}: password",
                                             "^password",
                                             "password AND",
                                             "OR",
                                             "NOT password",
                                             "(password",
                                             "password)",
                                             "'",
                                             "\\",
                                             "&|!",
                                             "password:*A",
                                             "<->",
                                             "reset <-> password",
                                             "a:b",
                                             "\"\"",
                                             "\" \"",
                                             "!!!",
                                             "😀",
                                             "名前",
                                             "password & !reset",
                                             "\x01password\x02",
                                             "col:\"x\" OR y*",
                                             "+password -reset"};
    for (const auto& text : inputs) {
        for (const char* language : {"en", "fr", "de"}) {
            auto results = service_->search({}, {.text = text, .language = language});
            ASSERT_TRUE(results) << text << ": " << describe(results.error());
            auto suggestions = service_->suggest({}, text, language);
            ASSERT_TRUE(suggestions) << text << ": " << describe(suggestions.error());
        }
    }
    EXPECT_EQ(found("password*", "en"), (Keys{"password", "email"}));
    EXPECT_EQ(found("title:password", "en"), found("title password", "en"));  // no column filter
    EXPECT_EQ(found("+password -reset", "en"), Keys{"password"});
}

TEST_P(SearchServiceTest, SuggestsTitlesWhileTyping) {
    EXPECT_EQ(suggested("reset pass", "en"), Keys{"password"});
    EXPECT_EQ(suggested("Pass", "en"), Keys{"password"});
    EXPECT_EQ(suggested("Télécharger fact", "fr"), Keys{"invoice"});
    EXPECT_EQ(suggested("telecharger factu", "fr"), Keys{"invoice"});
    // A whole word typed is found through its stem, as PostgreSQL stems "facturation:*".
    auto sorted = suggested("facturation", "fr");
    std::ranges::sort(sorted);
    EXPECT_EQ(sorted, (Keys{"billing", "invoice"}));
    // Titles only: "follow" is in the body of the password article.
    EXPECT_EQ(suggested("follo", "en"), Keys{});
    EXPECT_EQ(suggested("api", "en"), Keys{});

    EXPECT_EQ(must(service_->suggest(as(agent_), "refund", "en", 2)).size(), 2u);
    EXPECT_EQ(must(service_->suggest(as(agent_), "refund", "en", 0)).size(), 1u);
    EXPECT_EQ(must(service_->suggest({}, "", "en")).size(), 0u);
    EXPECT_EQ(must(service_->suggest({}, "  ", "en")).size(), 0u);
    expect_fails(service_->suggest({}, std::string(kMaxQueryBytes + 1, 'a'), "en"), ErrorCode::invalid_input,
                 "kb.error.query_invalid");
    expect_fails(service_->suggest({}, "caf\xe9", "en"), ErrorCode::invalid_input, "kb.error.query_invalid");
    expect_fails(service_->suggest({}, "pass", "xx"), ErrorCode::invalid_input, "kb.error.language_unsupported");
    auto suggestion = must(service_->suggest({}, "mot de pa", "fr"));
    ASSERT_EQ(suggestion.size(), 1u);
    EXPECT_EQ(suggestion[0].article_id, ids_["password"]);
    EXPECT_EQ(suggestion[0].language, "fr");
    EXPECT_EQ(suggestion[0].title, "Réinitialiser votre mot de passe");
    EXPECT_EQ(suggestion[0].slug, "password");
}

TEST_P(SearchServiceTest, QuotedWordsMustFollowEachOther) {
    // "methods": "We accept bank transfers and several wallets."
    EXPECT_EQ(found("bank wallets", "en"), Keys{"methods"});
    EXPECT_EQ(found("\"bank wallets\"", "en"), Keys{});
    EXPECT_EQ(found("\"bank transfers\"", "en"), Keys{"methods"});
    EXPECT_EQ(found("\u201Cbank transfer\u201D", "en"), Keys{"methods"});  // typographic quotes, another inflection
    // Guillemets, a stop word inside: the e-mail article also says "mot de passe", never "oublié".
    EXPECT_EQ(found("\u00AB mot de passe \u00BB oubli\u00E9", "fr"), Keys{"password"});
    EXPECT_EQ(found("\"passe de mot\"", "fr"), Keys{});
    // An unclosed quote runs to the end; a quoted single word is a word.
    EXPECT_EQ(found("\"bank wallets", "en"), Keys{});
    EXPECT_EQ(found("\"wallets\"", "en"), Keys{"methods"});
}

TEST_P(SearchServiceTest, RanksTheNewestThousandMatchesAndSaysThereAreMore) {
    // 1,005 articles alike: more matches than search ranks (kMaxRankedHits).
    const auto before = database_.exec("SELECT COALESCE(MAX(id), 0) FROM kb_articles").one().get<std::int64_t>(0);
    database_.exec(
        "INSERT INTO kb_articles (section_id, source_language, status, visibility, created_at, updated_at, "
        "published_at) WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1005) "
        "SELECT $1, 'en', 'published', 'public', $2, $2, $2 FROM n",
        sections_.at("service"), kNow);
    database_.exec(
        "INSERT INTO kb_translations (article_id, language, title, slug, body, body_text, labels, updated_at) "
        "SELECT id, 'en', 'Zeppelin tour', 'zeppelin-tour', 'Airship rides.', 'Airship rides.', '', $2 "
        "FROM kb_articles WHERE id > $1 ORDER BY id",
        before, kNow);

    auto results = search("zeppelin", "en");
    EXPECT_EQ(results.total, kMaxRankedHits);
    EXPECT_TRUE(results.capped);
    ASSERT_EQ(results.hits.size(), 10u);
    // Equal scores, helpfulness and dates: by id among the 1,000 newest, so the
    // five oldest are not ranked.
    EXPECT_EQ(results.hits[0].article.id, before + 6);
    EXPECT_EQ(results.hits[9].article.id, before + 15);

    auto past_the_end = search("zeppelin", "en", {}, std::nullopt, 101, 10);
    EXPECT_TRUE(past_the_end.hits.empty());
    EXPECT_EQ(past_the_end.total, kMaxRankedHits);
    EXPECT_TRUE(past_the_end.capped);

    // Fewer matches than the limit: an exact count.
    auto exact = search("refund", "en", as(agent_));
    EXPECT_EQ(exact.total, 7);
    EXPECT_FALSE(exact.capped);
}

TEST_P(SearchServiceTest, RecordsASuggestionPickAsASearchWithItsClick) {
    must(service_->record_suggestion_click("  Chang Pass ", "en", 3, ids_["password"]));
    auto row =
        database_.select("SELECT query, normalized_query, language, result_count, clicked_article_id FROM kb_searches");
    ASSERT_EQ(row.rows.size(), 1u);
    EXPECT_EQ(row.one().get<std::string>(0), "Chang Pass");
    EXPECT_EQ(row.one().get<std::string>(1), "chang pass");
    EXPECT_EQ(row.one().get<std::string>(2), "en");
    EXPECT_EQ(row.one().get<std::int64_t>(3), 3);
    EXPECT_EQ(row.one().get<std::int64_t>(4), ids_["password"]);
    auto stats = must(service_->stats(agent_, kNow));
    EXPECT_EQ(stats.searches, 1);
    EXPECT_EQ(stats.with_click, 1);
    EXPECT_EQ(stats.without_results, 0);

    // What was shown is bounded; bad input records nothing.
    must(service_->record_suggestion_click("pass", "en", 5000, ids_["password"]));
    EXPECT_EQ(database_.count("SELECT MAX(result_count) FROM kb_searches"), 20);
    expect_fails(service_->record_suggestion_click("pass", "xx", 3, ids_["password"]), ErrorCode::invalid_input,
                 "kb.error.language_unsupported");
    expect_fails(service_->record_suggestion_click("   ", "en", 3, ids_["password"]), ErrorCode::invalid_input,
                 "kb.error.query_empty");
    expect_fails(service_->record_suggestion_click("pa\xffss", "en", 3, ids_["password"]), ErrorCode::invalid_input,
                 "kb.error.query_invalid");
    expect_fails(service_->record_suggestion_click("pass", "en", 3, 987654), ErrorCode::not_found,
                 "kb.error.not_found");
    EXPECT_EQ(database_.count("SELECT COUNT(*) FROM kb_searches"), 2);
}

TEST_P(SearchServiceTest, FiltersApplyBeforeTheRankingLimit) {
    // Three older matches in "billing" (one for signed-in customers only),
    // then 1,005 newer ones in "service": more than search ranks.
    auto add_zeppelins = [&](const std::string& section, int count, const char* visibility) {
        const auto before = database_.exec("SELECT COALESCE(MAX(id), 0) FROM kb_articles").one().get<std::int64_t>(0);
        database_.exec(
            "INSERT INTO kb_articles (section_id, source_language, status, visibility, created_at, updated_at, "
            "published_at) WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $3) "
            "SELECT $1, 'en', 'published', $4, $2, $2, $2 FROM n",
            sections_.at(section), kNow, std::int64_t{count}, std::string(visibility));
        database_.exec(
            "INSERT INTO kb_translations (article_id, language, title, slug, body, body_text, labels, updated_at) "
            "SELECT id, 'en', 'Zeppelin tour', 'zeppelin-tour', 'Airship rides.', 'Airship rides.', '', $2 "
            "FROM kb_articles WHERE id > $1 ORDER BY id",
            before, kNow);
    };
    add_zeppelins("billing", 2, "public");
    add_zeppelins("billing", 1, "customers");
    add_zeppelins("service", 1005, "public");

    // A category whose matches are all older than the newest thousand still
    // finds them, exactly.
    auto in_billing = search("zeppelin", "en", {}, categories_["billing"]);
    EXPECT_EQ(in_billing.total, 2);
    EXPECT_FALSE(in_billing.capped);
    EXPECT_EQ(in_billing.hits.size(), 2u);
    EXPECT_EQ(search("zeppelin", "en", as(alpha_customer_), categories_["billing"]).total, 3);
    EXPECT_TRUE(search("zeppelin", "en", {}, categories_["service"]).capped);

    // Newer matches the reader may not see do not hide the ones they may.
    database_.exec(
        "UPDATE kb_articles SET visibility = 'internal' WHERE section_id = $1 AND id IN (SELECT "
        "article_id FROM kb_translations WHERE title = 'Zeppelin tour')",
        sections_.at("service"));
    auto anonymous = search("zeppelin", "en");
    EXPECT_EQ(anonymous.total, 2);
    EXPECT_FALSE(anonymous.capped);
    EXPECT_EQ(search("zeppelin", "en", as(beta_customer_)).total, 3);
    auto staff = search("zeppelin", "en", as(agent_));
    EXPECT_EQ(staff.total, kMaxRankedHits);
    EXPECT_TRUE(staff.capped);
    // Suggestions too.
    auto suggested = must(service_->suggest({}, "zeppel", "en", 8), "suggest");
    EXPECT_EQ(suggested.size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, SearchServiceTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         test::backend_name);

}  // namespace
}  // namespace comptoir::kb
