// The outbox and its worker on SQLite and PostgreSQL, delivering to the real
// SMTP sink started by scripts/test-services (COMPTOIR_TEST_SMTP_PORT,
// COMPTOIR_TEST_MAILDIR) and reading back the .eml it stored. Without those
// variables the SMTP cases are skipped, unless COMPTOIR_TEST_REQUIRE_PG=1.
#include "domain/notify/outbox.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "domain/notify/mime_test_support.hpp"
#include "domain/notify/outbox_worker.hpp"
#include "domain/test_support.hpp"

namespace comptoir::notify {
namespace {

namespace fs = std::filesystem;
using storage::Backend;
using storage::test_support::random_suffix;
using test::describe;

constexpr std::int64_t kNow = 1715680800;

bool require_services() {
    const char* require = std::getenv("COMPTOIR_TEST_REQUIRE_PG");
    return require && std::string_view(require) == "1";
}

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

// A port on 127.0.0.1 where nothing listens: bound, then released.
std::uint16_t closed_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

/// The .eml files the sink stored for `recipient` (from its Delivered-To line).
std::vector<std::string> delivered_to(const std::string& recipient) {
    std::vector<std::string> found;
    for (const auto& entry : fs::directory_iterator(env("COMPTOIR_TEST_MAILDIR"))) {
        if (entry.path().extension() != ".eml") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream content;
        content << in.rdbuf();
        if (content.str().find("\r\nDelivered-To: " + recipient + "\r\n") != std::string::npos)
            found.push_back(content.str());
    }
    return found;
}

// The sink's own envelope lines come first; the message proper follows them.
std::string without_envelope(std::string eml) {
    while (eml.starts_with("Return-Path:") || eml.starts_with("Delivered-To:")) eml.erase(0, eml.find("\r\n") + 2);
    return eml;
}

struct Row {
    std::int64_t attempts;
    std::int64_t next_attempt_at;
    std::int64_t locked_until;
    std::optional<std::int64_t> sent_at;
    std::optional<std::int64_t> failed_at;
    std::string last_error;
};

class Outbox : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        if (!database_.open(GetParam())) GTEST_SKIP() << "COMPTOIR_TEST_PG_URL is not set";
    }

    storage::Database& db() { return database_.db(); }

    /// Skips (or fails, when services are required) without the SMTP sink.
    bool smtp_available() {
        if (!env("COMPTOIR_TEST_SMTP_PORT").empty() && !env("COMPTOIR_TEST_MAILDIR").empty()) return true;
        if (require_services()) ADD_FAILURE() << "COMPTOIR_TEST_REQUIRE_PG=1 but COMPTOIR_TEST_SMTP_PORT is not set";
        return false;
    }

    static SmtpSettings sink() {
        SmtpSettings smtp;
        smtp.host = "127.0.0.1";
        smtp.port = static_cast<std::uint16_t>(std::stoi(env("COMPTOIR_TEST_SMTP_PORT")));
        smtp.security = SmtpSecurity::none;
        smtp.from = "Comptoir Équipe <no-reply@comptoir.test>";
        return smtp;
    }

    std::int64_t enqueue_committed(const Email& email, std::int64_t now = kNow) {
        auto tx = db().write();
        EXPECT_TRUE(tx);
        auto id = enqueue(*tx, email, now);
        EXPECT_TRUE(id) << describe(id.error());
        EXPECT_TRUE(tx->commit());
        return id.value_or(0);
    }

    Row row(std::int64_t id) {
        auto tx = db().read();
        EXPECT_TRUE(tx);
        auto rs = tx->query_with(
            "SELECT attempts, next_attempt_at, locked_until, sent_at, failed_at, last_error FROM outbox WHERE id = $1",
            id);
        EXPECT_TRUE(rs && !rs->empty());
        const auto& r = rs->one();
        return {r.get<std::int64_t>(0),     r.get<std::int64_t>(1),     r.get<std::int64_t>(2),
                r.get_opt<std::int64_t>(3), r.get_opt<std::int64_t>(4), r.get<std::string>(5)};
    }

    std::int64_t count() { return database_.count("SELECT COUNT(*) FROM outbox"); }

    std::string params(std::int64_t id) {
        auto tx = db().read();
        EXPECT_TRUE(tx);
        auto rs = tx->query_with("SELECT params FROM outbox WHERE id = $1", id);
        EXPECT_TRUE(rs && !rs->empty());
        return rs->one().get<std::string>(0);
    }

    // Like an invitation: a single-use token in its link, and values that are not links.
    static Email with_token(const std::string& to, const std::string& token) {
        return {to,
                "fr",
                "invitation",
                {{"name", "Zoé"},
                 {"organisation", "Alpha SARL"},
                 {"days", "7"},
                 {"link", "https://portal.example/invitation?token=" + token}}};
    }

    static Email email_to(const std::string& to) {
        return {to, "fr", "verify_email", {{"name", "Zoé \"Z\" <Dupont>"}, {"link", "https://example.test/v?t=1&u=2"}}};
    }

    // A renderer standing in for web::render_email: echoes what it was given.
    static Result<RenderedEmail> echo(const Email& email) {
        return RenderedEmail{email.to, "Vérifiez votre adresse — " + email.params.at("name"),
                             "Bonjour " + email.params.at("name") + ",\n\n" + email.params.at("link") + "\n",
                             "<p>Bonjour " + email.params.at("name") + "</p>"};
    }

    // A renderer that echoes, counting its calls in `renders`.
    static EmailRenderer counting(int& renders) {
        return [&renders](const Email& e) {
            ++renders;
            return echo(e);
        };
    }

    // SMTP settings for a port on 127.0.0.1 where nothing listens.
    static SmtpSettings unreachable() {
        SmtpSettings smtp;
        smtp.host = "127.0.0.1";
        smtp.port = closed_port();
        return smtp;
    }

    test::TestDatabase database_;
};

TEST_P(Outbox, EnqueueInARolledBackTransactionLeavesNothing) {
    {
        auto tx = db().write();
        ASSERT_TRUE(tx);
        auto id = enqueue(*tx, email_to("zoe@example.test"), kNow);
        ASSERT_TRUE(id) << describe(id.error());
        // No commit: the change it announced did not happen, so neither does the mail.
    }
    EXPECT_EQ(count(), 0);
}

TEST_P(Outbox, EnqueueStoresTheParamsAsAJsonObjectDueAtOnce) {
    const auto id = enqueue_committed(email_to("zoe@example.test"));
    auto tx = db().read();
    auto rs = tx->query_with(
        "SELECT kind, recipient, language, template, params, created_at, next_attempt_at, attempts FROM outbox "
        "WHERE id = $1",
        id);
    ASSERT_TRUE(rs && !rs->empty());
    const auto& r = rs->one();
    EXPECT_EQ(r.get<std::string>(0), "email");
    EXPECT_EQ(r.get<std::string>(1), "zoe@example.test");
    EXPECT_EQ(r.get<std::string>(2), "fr");
    EXPECT_EQ(r.get<std::string>(3), "verify_email");
    EXPECT_EQ(r.get<std::string>(4), R"({"link":"https://example.test/v?t=1&u=2","name":"Zoé \"Z\" <Dupont>"})");
    EXPECT_EQ(r.get<std::int64_t>(5), kNow);
    EXPECT_EQ(r.get<std::int64_t>(6), kNow);
    EXPECT_EQ(r.get<std::int64_t>(7), 0);
}

TEST_P(Outbox, EnqueueRefusesARecipientWithALineBreak) {
    auto tx = db().write();
    ASSERT_TRUE(tx);
    auto id = enqueue(*tx, email_to("zoe@example.test\r\nBcc: eve@example.test"), kNow);
    ASSERT_FALSE(id);
    EXPECT_EQ(id.error().code, ErrorCode::invalid_input);
}

TEST_P(Outbox, DeliversThroughTheSmtpSinkInUtf8) {
    if (!smtp_available()) GTEST_SKIP() << "COMPTOIR_TEST_SMTP_PORT is not set";
    const std::string to = "zoe-" + random_suffix() + "@example.test";
    const auto id = enqueue_committed(email_to(to));
    std::vector<Email> seen;
    OutboxWorker worker(
        db(), sink(),
        [&](const Email& e) {
            seen.push_back(e);
            return echo(e);
        },
        3);

    auto sent = worker.deliver_due(kNow);
    ASSERT_TRUE(sent) << describe(sent.error());
    EXPECT_EQ(*sent, 1);
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].language, "fr");
    EXPECT_EQ(seen[0].template_name, "verify_email");
    EXPECT_EQ(seen[0].params.at("name"), "Zoé \"Z\" <Dupont>");

    const auto r = row(id);
    EXPECT_EQ(r.sent_at, kNow);
    EXPECT_FALSE(r.failed_at);
    EXPECT_EQ(r.attempts, 0);

    const auto files = delivered_to(to);
    ASSERT_EQ(files.size(), 1u);
    EXPECT_NE(files[0].find("Return-Path: <no-reply@comptoir.test>"), std::string::npos);
    const auto message = testing::parse_message(without_envelope(files[0]));
    EXPECT_EQ(message.header("to"), to);
    EXPECT_EQ(testing::decode_header(message.header("from")), "Comptoir Équipe <no-reply@comptoir.test>");
    EXPECT_EQ(testing::decode_header(message.header("subject")), "Vérifiez votre adresse — Zoé \"Z\" <Dupont>");
    ASSERT_EQ(message.parts.size(), 2u);
    EXPECT_EQ(message.parts[0].headers.at("content-type"), "text/plain; charset=UTF-8");
    EXPECT_EQ(message.parts[0].body, "Bonjour Zoé \"Z\" <Dupont>,\n\nhttps://example.test/v?t=1&u=2");
    EXPECT_EQ(message.parts[1].headers.at("content-type"), "text/html; charset=UTF-8");
    EXPECT_EQ(message.parts[1].body, "<p>Bonjour Zoé \"Z\" <Dupont></p>");

    // Sent once: a second round finds nothing due.
    sent = worker.deliver_due(kNow + 3600);
    ASSERT_TRUE(sent);
    EXPECT_EQ(*sent, 0);
    EXPECT_EQ(delivered_to(to).size(), 1u);
}

TEST_P(Outbox, ARecipientRefusedForGoodFailsAtOnceABusyOneIsRetried) {
    if (!smtp_available()) GTEST_SKIP() << "COMPTOIR_TEST_SMTP_PORT is not set";
    // The test sink answers 550 to reject-* and 451 to tempfail-* recipients.
    const auto refused = enqueue_committed(email_to("reject-zoe@example.test"));
    const auto busy = enqueue_committed(email_to("tempfail-zoe@example.test"));
    int renders = 0;
    OutboxWorker worker(db(), sink(), counting(renders), 5);

    auto sent = worker.deliver_due(kNow);
    ASSERT_TRUE(sent) << describe(sent.error());
    EXPECT_EQ(*sent, 0);
    auto r = row(refused);
    EXPECT_EQ(r.attempts, 1);
    EXPECT_EQ(r.failed_at, kNow) << "no second attempt for a mailbox that does not exist";
    EXPECT_NE(r.last_error.find("550"), std::string::npos) << r.last_error;
    auto b = row(busy);
    EXPECT_EQ(b.attempts, 1);
    EXPECT_FALSE(b.failed_at);
    EXPECT_EQ(b.next_attempt_at, kNow + 30);
    EXPECT_NE(b.last_error.find("451"), std::string::npos) << b.last_error;
}

TEST_P(Outbox, RetriesWithBackoffAndMarksFailedAfterMaxAttempts) {
    SmtpSettings smtp = unreachable();
    smtp.security = SmtpSecurity::none;
    smtp.username = "relay-user";
    smtp.password = "relay-password-s3cret";
    smtp.from = "no-reply@comptoir.test";
    const auto id = enqueue_committed(email_to("zoe@example.test"));
    int renders = 0;
    OutboxWorker worker(db(), smtp, counting(renders), 3);

    auto sent = worker.deliver_due(kNow);
    ASSERT_TRUE(sent) << describe(sent.error());
    EXPECT_EQ(*sent, 0);
    auto r = row(id);
    EXPECT_EQ(r.attempts, 1);
    EXPECT_EQ(r.next_attempt_at, kNow + 30);
    EXPECT_EQ(r.locked_until, 0);
    EXPECT_FALSE(r.sent_at);
    EXPECT_FALSE(r.failed_at);
    EXPECT_NE(r.last_error.find("127.0.0.1:" + std::to_string(smtp.port)), std::string::npos) << r.last_error;
    EXPECT_EQ(r.last_error.find("s3cret"), std::string::npos) << r.last_error;

    // Not due yet: untouched.
    ASSERT_TRUE(worker.deliver_due(kNow + 29));
    EXPECT_EQ(row(id).attempts, 1);
    EXPECT_EQ(renders, 1);

    ASSERT_TRUE(worker.deliver_due(kNow + 30));
    r = row(id);
    EXPECT_EQ(r.attempts, 2);
    EXPECT_EQ(r.next_attempt_at, kNow + 30 + 60);
    EXPECT_FALSE(r.failed_at);

    ASSERT_TRUE(worker.deliver_due(kNow + 90));
    r = row(id);
    EXPECT_EQ(r.attempts, 3);
    EXPECT_EQ(r.failed_at, kNow + 90);
    EXPECT_FALSE(r.sent_at);
    EXPECT_FALSE(r.last_error.empty());

    // Failed for good: never tried again.
    ASSERT_TRUE(worker.deliver_due(kNow + 100000));
    EXPECT_EQ(row(id).attempts, 3);
    EXPECT_EQ(renders, 3);
}

TEST_P(Outbox, ARenderFailureCountsAsAFailedAttempt) {
    const SmtpSettings smtp = unreachable();  // never reached
    const auto id = enqueue_committed(email_to("zoe@example.test"));
    OutboxWorker worker(
        db(), smtp,
        [](const Email&) -> Result<RenderedEmail> {
            return fail(ErrorCode::invalid_input, "mail.invalid", "missing param link");
        },
        2);
    ASSERT_TRUE(worker.deliver_due(kNow));
    auto r = row(id);
    EXPECT_EQ(r.attempts, 1);
    EXPECT_NE(r.last_error.find("missing param link"), std::string::npos) << r.last_error;
    EXPECT_FALSE(r.failed_at);

    // A renderer that throws is a failure too, not a dead worker.
    OutboxWorker throwing(
        db(), smtp, [](const Email&) -> Result<RenderedEmail> { throw std::runtime_error("boom"); }, 2);
    ASSERT_TRUE(throwing.deliver_due(kNow + 30));
    r = row(id);
    EXPECT_EQ(r.attempts, 2);
    EXPECT_EQ(r.failed_at, kNow + 30);
    EXPECT_NE(r.last_error.find("boom"), std::string::npos) << r.last_error;
}

TEST_P(Outbox, ADeliveredMessageKeepsNoLinkNorToken) {
    if (!smtp_available()) GTEST_SKIP() << "COMPTOIR_TEST_SMTP_PORT is not set";
    const std::string to = "zoe-" + random_suffix() + "@example.test";
    const std::string token = "7f3a" + random_suffix() + "c0ffee";
    const auto id = enqueue_committed(with_token(to, token));
    const auto untouched = enqueue_committed(with_token("later-" + to, token + "2"), kNow + 600);
    ASSERT_NE(params(id).find(token), std::string::npos) << "the link waits in the row until it is sent";
    OutboxWorker worker(db(), sink(), echo, 3);

    auto sent = worker.deliver_due(kNow);
    ASSERT_TRUE(sent) << describe(sent.error());
    ASSERT_EQ(*sent, 1);
    // The mail carried the link…
    const auto files = delivered_to(to);
    ASSERT_EQ(files.size(), 1u);
    EXPECT_NE(files[0].find(token), std::string::npos);
    // …the row no longer does, and keeps what is not a link.
    EXPECT_EQ(row(id).sent_at, kNow);
    EXPECT_EQ(params(id), R"({"days":"7","name":"Zoé","organisation":"Alpha SARL"})");
    // A message not yet sent keeps its link: it still needs it.
    EXPECT_NE(params(untouched).find(token + "2"), std::string::npos);
}

TEST_P(Outbox, AMessageGivenUpKeepsNoLinkARetriedOneKeepsIt) {
    const SmtpSettings smtp = unreachable();
    const std::string token = "deadbeef" + random_suffix();
    const auto id = enqueue_committed(with_token("zoe@example.test", token));
    OutboxWorker worker(db(), smtp, echo, 2);

    ASSERT_TRUE(worker.deliver_due(kNow));
    EXPECT_FALSE(row(id).failed_at);
    EXPECT_NE(params(id).find(token), std::string::npos) << "the next attempt sends the same link";

    ASSERT_TRUE(worker.deliver_due(kNow + 30));
    EXPECT_EQ(row(id).failed_at, kNow + 30);
    EXPECT_EQ(params(id).find(token), std::string::npos) << params(id);
    EXPECT_EQ(params(id).find("://"), std::string::npos) << params(id);
    EXPECT_NE(params(id).find("Alpha SARL"), std::string::npos);
}

TEST_P(Outbox, LeavesALeasedMessageAlone) {
    const SmtpSettings smtp = unreachable();
    const auto id = enqueue_committed(email_to("zoe@example.test"));
    {
        auto tx = db().write();
        ASSERT_TRUE(tx->query_with("UPDATE outbox SET locked_until = $2 WHERE id = $1", id, kNow + 60));
        ASSERT_TRUE(tx->commit());
    }
    int renders = 0;
    OutboxWorker worker(db(), smtp, counting(renders), 3);
    ASSERT_TRUE(worker.deliver_due(kNow));
    EXPECT_EQ(renders, 0);
    EXPECT_EQ(row(id).attempts, 0);
    // Once the lease runs out (its holder died mid-send), the message is taken again.
    ASSERT_TRUE(worker.deliver_due(kNow + 60));
    EXPECT_EQ(renders, 1);
}

TEST_P(Outbox, WithoutAnSmtpHostMessagesStayQueued) {
    const auto id = enqueue_committed(email_to("zoe@example.test"));
    int renders = 0;
    OutboxWorker worker(db(), SmtpSettings{}, counting(renders), 3);
    auto sent = worker.deliver_due(kNow);
    ASSERT_TRUE(sent);
    EXPECT_EQ(*sent, 0);
    worker.start();  // logs a warning, starts nothing
    worker.stop();
    const auto r = row(id);
    EXPECT_EQ(r.attempts, 0);
    EXPECT_EQ(r.locked_until, 0);
    EXPECT_FALSE(r.sent_at);
    EXPECT_EQ(renders, 0);
}

TEST_P(Outbox, TwoWorkersSendEachMessageExactlyOnce) {
    if (!smtp_available()) GTEST_SKIP() << "COMPTOIR_TEST_SMTP_PORT is not set";
    const std::string tag = random_suffix(8);
    constexpr int kMessages = 8;
    for (int i = 0; i < kMessages; ++i)
        enqueue_committed(email_to("m" + std::to_string(i) + "-" + tag + "@example.test"));
    // Two nodes: each its own connection pool on the same database.
    auto other_db = test::open_or_throw(database_.url(), 4);
    OutboxWorker a(db(), sink(), echo, 3);
    OutboxWorker b(*other_db, sink(), echo, 3);
    Result<int> sent_a = 0, sent_b = 0;
    std::thread ta([&] { sent_a = a.deliver_due(kNow); });
    std::thread tb([&] { sent_b = b.deliver_due(kNow); });
    ta.join();
    tb.join();
    ASSERT_TRUE(sent_a) << describe(sent_a.error());
    ASSERT_TRUE(sent_b) << describe(sent_b.error());
    EXPECT_EQ(*sent_a + *sent_b, kMessages);
    for (int i = 0; i < kMessages; ++i)
        EXPECT_EQ(delivered_to("m" + std::to_string(i) + "-" + tag + "@example.test").size(), 1u) << i;
}

TEST_P(Outbox, TheBackgroundThreadDeliversWhenNotified) {
    if (!smtp_available()) GTEST_SKIP() << "COMPTOIR_TEST_SMTP_PORT is not set";
    OutboxWorker worker(db(), sink(), echo, 3);
    worker.start();
    const std::string to = "bg-" + random_suffix() + "@example.test";
    const auto id = enqueue_committed(
        email_to(to),
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
    worker.notify();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!row(id).sent_at && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    worker.stop();
    EXPECT_TRUE(row(id).sent_at);
    EXPECT_EQ(delivered_to(to).size(), 1u);
    worker.stop();  // idempotent
}

TEST(OutboxParams, WithoutLinksDropsEveryUrlWhateverItsName) {
    EXPECT_EQ(
        params_without_links(
            R"({"name":"Zoé","link":"https://p.example/password/reset?token=abc","signin_link":"http://p.example/sign-in",)"
            R"("url":"https://p.example/x","days":"7","note":"see p.example"})"),
        R"({"name":"Zoé","days":"7","note":"see p.example"})");
    EXPECT_EQ(params_without_links("{}"), "{}");
    // Never a reason to keep a row's secrets: unreadable text becomes an empty object.
    EXPECT_EQ(params_without_links("not json"), "{}");
    EXPECT_EQ(params_without_links(R"(["https://p.example/?token=abc"])"), "{}");
}

TEST(RetryDelay, DoublesFromThirtySecondsUpToAnHour) {
    EXPECT_EQ(retry_delay(1), 30);
    EXPECT_EQ(retry_delay(2), 60);
    EXPECT_EQ(retry_delay(3), 120);
    EXPECT_EQ(retry_delay(7), 1920);
    EXPECT_EQ(retry_delay(8), 3600);
    EXPECT_EQ(retry_delay(100), 3600);
}

INSTANTIATE_TEST_SUITE_P(Backends, Outbox, ::testing::Values(Backend::sqlite, Backend::postgres), test::backend_name);

}  // namespace
}  // namespace comptoir::notify
