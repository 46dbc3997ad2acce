// Backend-independent behaviour of the storage interface: typed cells,
// the Transaction wrapper and open_database's answers to bad settings.
#include "storage/database.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <limits>
#include <stdexcept>

#include "storage/postgres/postgres_database.hpp"

namespace comptoir::storage {
namespace {

Row row(std::vector<Value> cells) { return Row(std::move(cells)); }

TEST(RowGet, Int64FromIntegerDoubleAndDigits) {
    auto r = row({std::int64_t{-42}, 7.0, std::string("123"), std::string("-9223372036854775808")});
    EXPECT_EQ(r.get<std::int64_t>(0), -42);
    EXPECT_EQ(r.get<std::int64_t>(1), 7);
    EXPECT_EQ(r.get<std::int64_t>(2), 123);
    EXPECT_EQ(r.get<std::int64_t>(3), std::numeric_limits<std::int64_t>::min());
}

TEST(RowGet, Int64RefusesLossyOrNonNumericCells) {
    auto r = row({2.5, std::string("12a"), std::string(""), std::monostate{}, 1e19, std::string(" 1")});
    for (std::size_t i = 0; i < r.size(); ++i) EXPECT_THROW(r.get<std::int64_t>(i), std::logic_error) << i;
    EXPECT_THROW(r.get<std::int64_t>(99), std::out_of_range);
}

TEST(RowGet, DoubleFromDoubleIntegerAndText) {
    auto r = row({0.25, std::int64_t{3}, std::string("-1.5e3"), std::string("abc"), std::monostate{}});
    EXPECT_EQ(r.get<double>(0), 0.25);
    EXPECT_EQ(r.get<double>(1), 3.0);
    EXPECT_EQ(r.get<double>(2), -1500.0);
    EXPECT_THROW(r.get<double>(3), std::logic_error);
    EXPECT_THROW(r.get<double>(4), std::logic_error);
}

TEST(RowGet, StringFromAnyNonNullCell) {
    auto r = row({std::string("héllo"), std::int64_t{-5}, 0.1, 1e21, std::monostate{}});
    EXPECT_EQ(r.get<std::string>(0), "héllo");
    EXPECT_EQ(r.get<std::string>(1), "-5");
    EXPECT_EQ(r.get<std::string>(2), "0.1");  // shortest round-trip form, not "0.100000"
    EXPECT_EQ(r.get<std::string>(3), "1e+21");
    EXPECT_THROW(r.get<std::string>(4), std::logic_error);
}

TEST(RowGet, BoolFromZeroOneAndPostgresText) {
    auto r = row({std::int64_t{0}, std::int64_t{1}, std::string("t"), std::string("f"), std::string("true"),
                  std::string("false")});
    EXPECT_FALSE(r.get<bool>(0));
    EXPECT_TRUE(r.get<bool>(1));
    EXPECT_TRUE(r.get<bool>(2));
    EXPECT_FALSE(r.get<bool>(3));
    EXPECT_TRUE(r.get<bool>(4));
    EXPECT_FALSE(r.get<bool>(5));
    auto bad = row({std::int64_t{2}, std::string("yes"), 1.0, std::monostate{}});
    for (std::size_t i = 0; i < bad.size(); ++i) EXPECT_THROW(bad.get<bool>(i), std::logic_error) << i;
}

TEST(RowGet, OptionalGivesNulloptOnNull) {
    auto r = row({std::monostate{}, std::int64_t{4}});
    EXPECT_TRUE(r.is_null(0));
    EXPECT_EQ(r.get_opt<std::int64_t>(0), std::nullopt);
    EXPECT_EQ(r.get_opt<std::int64_t>(1), 4);
}

TEST(Backend, Names) {
    EXPECT_EQ(to_string(Backend::sqlite), "sqlite");
    EXPECT_EQ(to_string(Backend::postgres), "postgres");
}

// A fake backend that records what the wrapper forwards.
struct Calls {
    int queries = 0, scripts = 0, commits = 0, rollbacks = 0;
};
class FakeImpl : public detail::TransactionImpl {
  public:
    explicit FakeImpl(Calls& calls) : calls_(calls) {}
    Result<ResultSet> query(std::string_view, std::span<const Value> params) override {
        ++calls_.queries;
        ResultSet rs;
        rs.affected = static_cast<std::int64_t>(params.size());
        return rs;
    }
    Result<void> exec_script(std::string_view) override {
        ++calls_.scripts;
        return {};
    }
    Result<void> commit() override {
        ++calls_.commits;
        return {};
    }
    void rollback() noexcept override { ++calls_.rollbacks; }

  private:
    Calls& calls_;
};

TEST(Transaction, DestructorRollsBackWhenNotCommitted) {
    Calls calls;
    {
        Transaction tx(std::make_unique<FakeImpl>(calls));
        auto r = tx.query_with("x", 1, "two", std::optional<int>{}, true, 2.5);
        ASSERT_TRUE(r);
        EXPECT_EQ(r->affected, 5);
        EXPECT_TRUE(tx.exec_script("y"));
    }
    EXPECT_EQ(calls.queries, 1);
    EXPECT_EQ(calls.scripts, 1);
    EXPECT_EQ(calls.commits, 0);
    EXPECT_EQ(calls.rollbacks, 1);
}

TEST(Transaction, CommitThenUseIsAnInternalError) {
    Calls calls;
    {
        Transaction tx(std::make_unique<FakeImpl>(calls));
        ASSERT_TRUE(tx.commit());
        auto q = tx.query("SELECT 1");
        ASSERT_FALSE(q);
        EXPECT_EQ(q.error().code, ErrorCode::internal);
        EXPECT_FALSE(tx.exec_script("SELECT 1"));
        EXPECT_FALSE(tx.commit());
    }
    EXPECT_EQ(calls.commits, 1);
    EXPECT_EQ(calls.rollbacks, 0);
}

TEST(Transaction, MovedFromDoesNotRollBackTwice) {
    Calls calls;
    {
        Transaction a(std::make_unique<FakeImpl>(calls));
        Transaction b(std::move(a));
        EXPECT_FALSE(a.query("SELECT 1"));  // NOLINT(bugprone-use-after-move): the point of the test
        EXPECT_TRUE(b.query("SELECT 1"));
    }
    EXPECT_EQ(calls.rollbacks, 1);
}

TEST(Transaction, MoveAssignmentRollsBackTheReplacedTransaction) {
    Calls first, second;
    {
        Transaction tx(std::make_unique<FakeImpl>(first));
        tx = Transaction(std::make_unique<FakeImpl>(second));
        EXPECT_EQ(first.rollbacks, 1);
        EXPECT_EQ(second.rollbacks, 0);
        EXPECT_TRUE(tx.commit());
    }
    EXPECT_EQ(first.rollbacks, 1);
    EXPECT_EQ(second.rollbacks, 0);
    EXPECT_EQ(second.commits, 1);
}

Error open_error(const std::string& url, int pool_size = 2) {
    DatabaseOptions options;
    options.url = url;
    options.pool_size = pool_size;
    auto db = open_database(options);
    EXPECT_FALSE(db) << url;
    return db ? Error{} : db.error();
}

TEST(OpenDatabase, BadUrlsGiveOneLineNamingTheSetting) {
    for (std::string url : {"", "mysql://u:pw@host/db", "sqlite", "sqlite:", "sqlite::memory:", "file.db",
                            "postgresql://host:5432/db?nonsense_option=1", "http://example.org"}) {
        Error e = open_error(url);
        EXPECT_EQ(e.code, ErrorCode::invalid_input) << url;
        EXPECT_NE(e.public_message.find("database.url"), std::string::npos) << url << ": " << e.public_message;
        EXPECT_EQ(e.public_message.find('\n'), std::string::npos) << e.public_message;
        EXPECT_EQ(e.public_message.find("pw"), std::string::npos) << e.public_message;
    }
}

TEST(OpenDatabase, RefusesAnEmptyPool) {
    Error e = open_error("sqlite:/tmp/never-created.db", 0);
    EXPECT_EQ(e.code, ErrorCode::invalid_input);
    EXPECT_NE(e.public_message.find("database.pool_size"), std::string::npos);
}

TEST(OpenDatabase, SqliteInUnwritablePlaceIsUnavailable) {
    // /proc is not writable even by root.
    Error e = open_error("sqlite:/proc/comptoir/test.db");
    EXPECT_EQ(e.code, ErrorCode::unavailable);
    EXPECT_NE(e.public_message.find("database.url"), std::string::npos);
}

int closed_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);  // nobody listens there now
    return ntohs(addr.sin_port);
}

TEST(OpenDatabase, UnreachablePostgresIsUnavailableWithoutPassword) {
    DatabaseOptions options;
    options.url = "postgresql://alice:S3cretPassw0rd@127.0.0.1:" + std::to_string(closed_port()) + "/comptoir";
    auto db = open_database(options);
    ASSERT_TRUE(db) << db.error().public_message;  // connections open lazily
    EXPECT_EQ((*db)->backend(), Backend::postgres);
    auto as_void = [](Result<Transaction> tx) -> Result<void> {
        if (!tx) return std::unexpected(tx.error());
        return {};
    };
    for (auto result : {(*db)->ping(), as_void((*db)->write()), as_void((*db)->read())}) {
        ASSERT_FALSE(result);
        EXPECT_EQ(result.error().code, ErrorCode::unavailable);
        EXPECT_EQ(result.error().public_message, "database unavailable");
        EXPECT_FALSE(result.error().internal_detail.empty());
        EXPECT_EQ(result.error().internal_detail.find("S3cretPassw0rd"), std::string::npos)
            << result.error().internal_detail;
    }
}

TEST(RedactPassword, HidesThePasswordAsWrittenAndDecoded) {
    using postgres::redact_password;
    EXPECT_EQ(redact_password("postgresql://bob:p%40ss@h/db", "bad p@ss and p%40ss"), "bad *** and ***");
    EXPECT_EQ(redact_password("postgresql://h/db?password=hunter2&user=x", "hunter2 failed"), "*** failed");
    EXPECT_EQ(redact_password("postgresql://bob@h/db", "nothing to hide"), "nothing to hide");
    EXPECT_EQ(redact_password("postgresql://bob:pw@h:5/db", "pwpw"), "******");
}

}  // namespace
}  // namespace comptoir::storage
