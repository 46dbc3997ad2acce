// FeedbackService on SQLite and PostgreSQL (skipped without
// COMPTOIR_TEST_PG_URL unless COMPTOIR_TEST_REQUIRE_PG=1): one changeable
// vote per voter and article with exact counters, votes only on articles the
// reader may see, comments landing in the staff inbox, and handling them.
#include "domain/kb/feedback_service.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "domain/accounts/users.hpp"
#include "domain/test_support.hpp"

namespace comptoir::kb {
namespace {

using storage::Backend;
using test::describe;
using test::must;

constexpr std::int64_t kNow = 1767225600;  // 2026-01-01 00:00 UTC
constexpr const char* kVisitor = "v:4f2a9c";

template <class T>
void expect_fails(const Result<T>& r, ErrorCode code, std::string_view key) {
    ASSERT_FALSE(r.has_value()) << "expected " << comptoir::to_string(code) << " " << key;
    EXPECT_EQ(r.error().code, code) << describe(r.error());
    EXPECT_EQ(r.error().public_message, key);
}

class FeedbackServiceTest : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        if (!database_.open(GetParam())) GTEST_SKIP() << "COMPTOIR_TEST_PG_URL is not set";
        audit_ = std::make_unique<audit::AuditLog>(GetParam());
        service_ = std::make_unique<FeedbackService>(db(), *audit_, [this] { return now_; });
        org_a_ = database_.add_organisation("alpha", "Alpha SARL");
        agent_ = principal(
            database_.add_user({.email = "agent@op.example", .role = "agent", .display_name = "Agnes Agent"}));
        customer_ = principal(database_.add_user(
            {.email = "c@alpha.example", .organisation_id = org_a_, .display_name = "Camille Client"}));

        const auto category = database_
                                  .exec(
                                      "INSERT INTO kb_categories (created_at, updated_at) VALUES ($1, $1) "
                                      "RETURNING id",
                                      kNow)
                                  .one()
                                  .get<std::int64_t>(0);
        section_ = database_
                       .exec(
                           "INSERT INTO kb_sections (category_id, created_at, updated_at) VALUES ($1, $2, $2) "
                           "RETURNING id",
                           category, kNow)
                       .one()
                       .get<std::int64_t>(0);
        public_ = add_article("published", "public");
        add_translation(public_, "en", "Download an invoice");
        add_translation(public_, "fr", "Télécharger une facture");
    }

    storage::Database& db() { return database_.db(); }
    accounts::Principal principal(std::int64_t id) { return accounts::to_principal(database_.user(id)); }
    std::int64_t audit_count(const std::string& action) {
        return database_.count("SELECT COUNT(*) FROM audit_log WHERE action = $1", action);
    }

    std::int64_t add_article(const std::string& status, const std::string& visibility,
                             const std::string& source = "en") {
        return database_
            .exec(
                "INSERT INTO kb_articles (section_id, source_language, status, visibility, created_at, updated_at) "
                "VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
                section_, source, status, visibility, kNow)
            .one()
            .get<std::int64_t>(0);
    }

    void add_translation(std::int64_t article, const std::string& language, const std::string& title) {
        database_.exec(
            "INSERT INTO kb_translations (article_id, language, title, slug, body, body_text, updated_at) "
            "VALUES ($1, $2, $3, 'slug', 'Body', 'Body', $4)",
            article, language, title, kNow);
    }

    // helpful_count, unhelpful_count of `article`.
    std::pair<std::int64_t, std::int64_t> counts(std::int64_t article) {
        auto row = database_.select("SELECT helpful_count, unhelpful_count FROM kb_articles WHERE id = $1", article);
        return {row.one().get<std::int64_t>(0), row.one().get<std::int64_t>(1)};
    }

    Vote vote(std::int64_t article, bool helpful, std::string comment = {}, std::string language = "en") {
        return Vote{article, std::move(language), helpful, std::move(comment)};
    }

    Paged<FeedbackItem> inbox(InboxQuery query = {}) { return must(service_->inbox(agent_, query)); }

    test::TestDatabase database_;
    std::int64_t now_ = kNow;
    accounts::RequestMeta meta_{"203.0.113.7", "test", "req-1", "https://portal.example"};
    std::unique_ptr<audit::AuditLog> audit_;
    std::unique_ptr<FeedbackService> service_;
    std::int64_t org_a_ = 0, section_ = 0, public_ = 0;
    accounts::Principal agent_, customer_;
};

// ------------------------------------------------------------ votes

TEST_P(FeedbackServiceTest, AVoteCountsOnceAndCanBeChanged) {
    const auto reader = Reader::anonymous();
    EXPECT_EQ(must(service_->vote_of(kVisitor, public_)), std::nullopt);
    must(service_->vote(reader, kVisitor, vote(public_, true)));
    EXPECT_EQ(counts(public_), std::make_pair(std::int64_t{1}, std::int64_t{0}));
    EXPECT_EQ(must(service_->vote_of(kVisitor, public_)), std::optional<bool>(true));

    // Voting the same again is not a second vote.
    must(service_->vote(reader, kVisitor, vote(public_, true)));
    EXPECT_EQ(counts(public_), std::make_pair(std::int64_t{1}, std::int64_t{0}));

    // Changing one's mind moves the vote from one counter to the other.
    now_ += 60;
    must(service_->vote(reader, kVisitor, vote(public_, false, "", "fr")));
    EXPECT_EQ(counts(public_), std::make_pair(std::int64_t{0}, std::int64_t{1}));
    EXPECT_EQ(must(service_->vote_of(kVisitor, public_)), std::optional<bool>(false));
    auto stored =
        database_.select("SELECT language, created_at, updated_at FROM kb_votes WHERE article_id = $1", public_);
    ASSERT_EQ(stored.rows.size(), 1u);
    EXPECT_EQ(stored.one().get<std::string>(0), "fr");
    EXPECT_EQ(stored.one().get<std::int64_t>(1), kNow);
    EXPECT_EQ(stored.one().get<std::int64_t>(2), kNow + 60);
}

TEST_P(FeedbackServiceTest, VotersAreCountedSeparately) {
    const auto user_voter = "u:" + std::to_string(customer_.user_id);
    must(service_->vote(Reader::anonymous(), kVisitor, vote(public_, true)));
    must(service_->vote(Reader{&customer_}, user_voter, vote(public_, true)));
    must(service_->vote(Reader::anonymous(), "v:other", vote(public_, false)));
    EXPECT_EQ(counts(public_), std::make_pair(std::int64_t{2}, std::int64_t{1}));
    EXPECT_EQ(must(service_->vote_of(user_voter, public_)), std::optional<bool>(true));
    EXPECT_EQ(must(service_->vote_of("v:other", public_)), std::optional<bool>(false));
    // A vote on one article says nothing about another.
    const auto other = add_article("published", "public");
    EXPECT_EQ(must(service_->vote_of(kVisitor, other)), std::nullopt);
    EXPECT_EQ(counts(other), std::make_pair(std::int64_t{0}, std::int64_t{0}));
}

TEST_P(FeedbackServiceTest, VotesOnArticlesTheReaderCannotSeeAreNotFound) {
    const auto draft = add_article("draft", "public");
    const auto archived = add_article("archived", "public");
    const auto internal = add_article("published", "internal");
    const auto customers = add_article("published", "customers");
    const auto other_org = add_article("published", "organisations");
    const auto scheduled = database_
                               .exec(
                                   "INSERT INTO kb_articles (section_id, source_language, status, visibility, "
                                   "publish_at, created_at, updated_at) VALUES ($1, 'en', 'published', 'public', "
                                   "$2, $3, $3) RETURNING id",
                                   section_, kNow + 3600, kNow)
                               .one()
                               .get<std::int64_t>(0);
    for (auto article : {draft, archived, internal, customers, other_org, scheduled, std::int64_t{987654}}) {
        SCOPED_TRACE(article);
        expect_fails(service_->vote(Reader::anonymous(), kVisitor, vote(article, true, "Spam")), ErrorCode::not_found,
                     "kb.error.not_found");
    }
    for (auto article : {draft, archived, internal, other_org, scheduled}) {
        SCOPED_TRACE(article);
        expect_fails(service_->vote(Reader{&customer_}, "u:1", vote(article, false)), ErrorCode::not_found,
                     "kb.error.not_found");
    }
    EXPECT_EQ(database_.count("SELECT COUNT(*) FROM kb_votes"), 0);
    EXPECT_EQ(database_.count("SELECT COUNT(*) FROM kb_feedback"), 0);
    EXPECT_EQ(database_.count("SELECT COALESCE(SUM(helpful_count + unhelpful_count), 0) FROM kb_articles"), 0);

    // Signed in, the customers-only article takes votes; staff may vote on anything.
    must(service_->vote(Reader{&customer_}, "u:1", vote(customers, true)));
    must(service_->vote(Reader{&agent_}, "u:2", vote(draft, true)));
    EXPECT_EQ(counts(customers).first, 1);
    EXPECT_EQ(counts(draft).first, 1);
}

TEST_P(FeedbackServiceTest, InvalidVotesAreRefusedAndChangeNothing) {
    const std::string too_long(kMaxCommentBytes + 1, 'x');
    struct Case {
        const char* what;
        std::string voter;
        Vote input;
        const char* key;
    };
    const Case cases[] = {
        {"comment too long", kVisitor, vote(public_, true, too_long), "kb.error.comment_too_long"},
        {"comment not UTF-8", kVisitor, vote(public_, false, "caf\xe9"), "kb.error.text_invalid"},
        {"comment with a control character", kVisitor, vote(public_, false, "bad\x1b[31m"), "kb.error.text_invalid"},
        {"no language", kVisitor, vote(public_, true, "", ""), "kb.error.language_unsupported"},
        {"junk language", kVisitor, vote(public_, true, "", "en'; --"), "kb.error.language_unsupported"},
        {"no voter", "", vote(public_, true), "kb.error.voter_invalid"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.what);
        expect_fails(service_->vote(Reader::anonymous(), c.voter, c.input), ErrorCode::invalid_input, c.key);
    }
    EXPECT_EQ(database_.count("SELECT COUNT(*) FROM kb_votes"), 0);
    EXPECT_EQ(database_.count("SELECT COUNT(*) FROM kb_feedback"), 0);
    EXPECT_EQ(counts(public_), std::make_pair(std::int64_t{0}, std::int64_t{0}));

    // The limit is counted after trimming, in bytes.
    must(service_->vote(Reader::anonymous(), kVisitor,
                        vote(public_, false, "  " + std::string(kMaxCommentBytes, 'x') + "\n")));
    EXPECT_EQ(inbox().items.at(0).comment.size(), kMaxCommentBytes);
}

TEST_P(FeedbackServiceTest, ConcurrentVotesAreAllCounted) {
    constexpr int kThreads = 6;
    constexpr int kVotesEach = 5;
    std::vector<std::thread> threads;
    std::vector<std::string> failures(kThreads);
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([this, t, &failures] {
            for (int i = 0; i < kVotesEach; ++i) {
                const auto voter = "v:" + std::to_string(t) + "-" + std::to_string(i);
                if (auto r = service_->vote(Reader::anonymous(), voter, vote(public_, i % 2 == 0)); !r)
                    failures[t] = describe(r.error());
            }
        });
    }
    for (auto& thread : threads) thread.join();
    for (const auto& failure : failures) EXPECT_EQ(failure, "");
    // 0, 2, 4 of each thread's five are helpful.
    EXPECT_EQ(counts(public_), std::make_pair(std::int64_t{kThreads * 3}, std::int64_t{kThreads * 2}));
}

// ------------------------------------------------------------ inbox

TEST_P(FeedbackServiceTest, AnonymousVotesFromOneAddressAreLimited) {
    auto from = [this](const std::string& address, bool helpful) {
        Vote v = vote(public_, helpful);
        v.client_address = address;
        return v;
    };
    for (int i = 0; i < kVotesPerAddress; ++i)
        must(service_->vote(Reader::anonymous(), "v:bot" + std::to_string(i), from("198.51.100.4", true)));
    EXPECT_EQ(counts(public_), std::make_pair(std::int64_t{kVotesPerAddress}, std::int64_t{0}));

    expect_fails(service_->vote(Reader::anonymous(), "v:bot-more", from("198.51.100.4", false)),
                 ErrorCode::rate_limited, "kb.error.too_many_votes");
    EXPECT_EQ(must(service_->vote_of("v:bot-more", public_)), std::nullopt);
    EXPECT_EQ(counts(public_), std::make_pair(std::int64_t{kVotesPerAddress}, std::int64_t{0}));
    // Another address, and a signed-in voter (no address given), still count.
    must(service_->vote(Reader::anonymous(), "v:neighbour", from("198.51.100.5", false)));
    must(service_->vote(Reader{&customer_}, "u:" + std::to_string(customer_.user_id), vote(public_, false)));
    EXPECT_EQ(counts(public_), std::make_pair(std::int64_t{kVotesPerAddress}, std::int64_t{2}));

    now_ += 2 * 60 * 60;  // the window has passed
    must(service_->vote(Reader::anonymous(), "v:bot-more", from("198.51.100.4", false)));
    EXPECT_EQ(counts(public_), std::make_pair(std::int64_t{kVotesPerAddress}, std::int64_t{3}));
}

TEST_P(FeedbackServiceTest, CommentsLandInTheInboxWithTheirAuthor) {
    must(service_->vote(Reader{&customer_}, "u:" + std::to_string(customer_.user_id),
                        vote(public_, false, "  Le lien ne marche pas.\nMerci  ", "fr")));
    now_ += 10;
    must(service_->vote(Reader::anonymous(), kVisitor, vote(public_, true, "Clear, thanks")));
    // A vote without a comment (or a blank one) adds nothing to the inbox.
    must(service_->vote(Reader::anonymous(), "v:silent", vote(public_, true, "  \n ")));

    auto page = inbox();
    EXPECT_EQ(page.total, 2);
    ASSERT_EQ(page.items.size(), 2u);
    const auto& anonymous = page.items[0];  // newest first
    EXPECT_EQ(anonymous.comment, "Clear, thanks");
    EXPECT_TRUE(anonymous.helpful);
    EXPECT_EQ(anonymous.user_id, std::nullopt);
    EXPECT_EQ(anonymous.user_name, "");
    EXPECT_EQ(anonymous.article_title, "Download an invoice");
    EXPECT_EQ(anonymous.created_at, kNow + 10);
    const auto& signed_in = page.items[1];
    EXPECT_EQ(signed_in.comment, "Le lien ne marche pas.\nMerci");
    EXPECT_FALSE(signed_in.helpful);
    EXPECT_EQ(signed_in.language, "fr");
    EXPECT_EQ(signed_in.article_id, public_);
    EXPECT_EQ(signed_in.article_title, "Télécharger une facture");
    EXPECT_EQ(signed_in.user_id, customer_.user_id);
    EXPECT_EQ(signed_in.user_name, "Camille Client");
    EXPECT_EQ(signed_in.handled_at, std::nullopt);
    EXPECT_EQ(counts(public_), std::make_pair(std::int64_t{2}, std::int64_t{1}));
}

TEST_P(FeedbackServiceTest, InboxTitleFallsBackToTheSourceLanguage) {
    const auto french = add_article("published", "public", "fr");
    add_translation(french, "en", "Book an appointment");
    add_translation(french, "fr", "Prendre rendez-vous");
    must(service_->vote(Reader::anonymous(), kVisitor, vote(french, true, "Sehr gut", "de")));
    EXPECT_EQ(inbox().items.at(0).article_title, "Prendre rendez-vous");
}

TEST_P(FeedbackServiceTest, InboxIsPagedNewestFirstAndFiltersByArticle) {
    const auto other = add_article("published", "public");
    for (int i = 0; i < 25; ++i) {
        now_ = kNow + i;
        const auto article = i % 5 == 0 ? other : public_;
        must(service_->vote(Reader::anonymous(), "v:" + std::to_string(i),
                            vote(article, true, "c" + std::to_string(i))));
    }
    auto first = inbox({.per_page = 10});
    EXPECT_EQ(first.total, 25);
    EXPECT_EQ(first.pages(), 3);
    ASSERT_EQ(first.items.size(), 10u);
    EXPECT_EQ(first.items.front().comment, "c24");
    EXPECT_EQ(first.items.back().comment, "c15");
    auto last = inbox({.page = 3, .per_page = 10});
    ASSERT_EQ(last.items.size(), 5u);
    EXPECT_EQ(last.items.back().comment, "c0");
    EXPECT_TRUE(inbox({.page = 4, .per_page = 10}).items.empty());
    // Out-of-range paging is clamped rather than refused.
    EXPECT_EQ(inbox({.page = -3, .per_page = 0}).items.size(), 1u);
    EXPECT_EQ(inbox({.per_page = 100000}).items.size(), 25u);

    auto filtered = inbox({.article_id = other});
    EXPECT_EQ(filtered.total, 5);
    for (const auto& item : filtered.items) EXPECT_EQ(item.article_id, other);
    EXPECT_EQ(inbox({.article_id = 987654}).total, 0);
}

TEST_P(FeedbackServiceTest, MarkingHandledMovesAnItemBetweenLists) {
    must(service_->vote(Reader::anonymous(), kVisitor, vote(public_, false, "Outdated screenshot")));
    must(service_->vote(Reader::anonymous(), "v:2", vote(public_, false, "Typo")));
    const auto id = inbox().items.at(1).id;
    now_ += 100;
    must(service_->mark_handled(agent_, id, true, meta_));
    auto open = inbox();
    ASSERT_EQ(open.total, 1);
    EXPECT_EQ(open.items[0].comment, "Typo");
    auto handled = inbox({.handled = true});
    ASSERT_EQ(handled.total, 1);
    EXPECT_EQ(handled.items[0].id, id);
    EXPECT_EQ(handled.items[0].handled_at, kNow + 100);
    EXPECT_EQ(handled.items[0].handled_by_name, "Agnes Agent");
    EXPECT_EQ(audit_count("kb.feedback_handled"), 1);

    // Marking again keeps the first handling and records nothing.
    now_ += 100;
    must(service_->mark_handled(agent_, id, true, meta_));
    EXPECT_EQ(inbox({.handled = true}).items.at(0).handled_at, kNow + 100);
    EXPECT_EQ(audit_count("kb.feedback_handled"), 1);

    must(service_->mark_handled(agent_, id, false, meta_));
    EXPECT_EQ(inbox().total, 2);
    EXPECT_EQ(inbox({.handled = true}).total, 0);
    EXPECT_EQ(database_.count("SELECT COUNT(*) FROM kb_feedback WHERE handled_by IS NOT NULL"), 0);
    EXPECT_EQ(audit_count("kb.feedback_handled"), 2);
    auto event = database_.select("SELECT actor_id, target FROM audit_log WHERE action = 'kb.feedback_handled'");
    EXPECT_EQ(event.one().get<std::int64_t>(0), agent_.user_id);
    EXPECT_EQ(event.one().get<std::string>(1), "kb_feedback:" + std::to_string(id));
    EXPECT_FALSE(must(audit_->verify(db())).first_broken_id.has_value());
}

TEST_P(FeedbackServiceTest, InboxIsForStaffOnly) {
    must(service_->vote(Reader::anonymous(), kVisitor, vote(public_, false, "Private remark")));
    const auto id = inbox().items.at(0).id;
    expect_fails(service_->inbox(customer_, {}), ErrorCode::not_found, "kb.error.not_found");
    expect_fails(service_->mark_handled(customer_, id, true, meta_), ErrorCode::not_found, "kb.error.not_found");
    EXPECT_EQ(inbox().total, 1);
    expect_fails(service_->mark_handled(agent_, 987654, true, meta_), ErrorCode::not_found, "kb.error.not_found");
    EXPECT_EQ(audit_count("kb.feedback_handled"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, FeedbackServiceTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         test::backend_name);

}  // namespace
}  // namespace comptoir::kb
