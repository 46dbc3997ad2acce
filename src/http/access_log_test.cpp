#include "http/access_log.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

namespace comptoir::http {
namespace {

class AccessLogTest : public ::testing::Test {
  protected:
    void SetUp() override {
        path = std::filesystem::temp_directory_path() /
               ("comptoir_access_" + std::to_string(::getpid()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".log");
        std::filesystem::remove(path);
    }
    void TearDown() override { std::filesystem::remove(path); }
    std::vector<std::string> lines() const {
        std::ifstream in(path);
        std::vector<std::string> result;
        for (std::string line; std::getline(in, line);) result.push_back(line);
        return result;
    }
    std::filesystem::path path;
};

TEST_F(AccessLogTest, WritesOneJsonObjectPerLine) {
    {
        AccessLog log(path.string());
        ASSERT_TRUE(log.enabled());
        AccessRecord record;
        record.request_id = "abc123";
        record.method = "GET";
        record.target = "/kb?q=caf%C3%A9";
        record.route = "/kb";
        record.client_addr = "203.0.113.9";
        record.user_agent = "Mozilla/5.0 \"quoted\"";
        record.status = 200;
        record.bytes = 5120;
        record.seconds = 0.0123456;
        log.write(record);
    }
    auto all = lines();
    ASSERT_EQ(all.size(), 1u);
    auto object = boost::json::parse(all[0]).as_object();
    EXPECT_EQ(object.at("level").as_string(), "info");
    EXPECT_EQ(object.at("msg").as_string(), "request");
    EXPECT_EQ(object.at("request_id").as_string(), "abc123");
    EXPECT_EQ(object.at("method").as_string(), "GET");
    EXPECT_EQ(object.at("target").as_string(), "/kb?q=caf%C3%A9");
    EXPECT_EQ(object.at("route").as_string(), "/kb");
    EXPECT_EQ(object.at("status").to_number<int>(), 200);
    EXPECT_EQ(object.at("bytes").to_number<int>(), 5120);
    EXPECT_NEAR(object.at("duration_ms").to_number<double>(), 12.345, 0.001);
    EXPECT_EQ(object.at("client").as_string(), "203.0.113.9");
    EXPECT_EQ(object.at("user_agent").as_string(), "Mozilla/5.0 \"quoted\"");
    std::string time(object.at("time").as_string());
    // 2026-11-29T01:20:03.123Z
    ASSERT_EQ(time.size(), 24u) << time;
    for (std::size_t i : {4u, 7u}) EXPECT_EQ(time[i], '-') << time;
    EXPECT_EQ(time[10], 'T');
    EXPECT_EQ(time[13], ':');
    EXPECT_EQ(time[16], ':');
    EXPECT_EQ(time[19], '.');
    EXPECT_EQ(time[23], 'Z');
}

TEST_F(AccessLogTest, InvalidUtf8StaysValidJson) {
    {
        AccessLog log(path.string());
        AccessRecord record;
        record.user_agent =
            "bad\xFF\xFE"
            "agent\n";
        log.write(record);
    }
    auto all = lines();
    ASSERT_EQ(all.size(), 1u);
    auto object = boost::json::parse(all[0]).as_object();
    EXPECT_EQ(object.at("user_agent").as_string(), "bad??agent\n");
}

TEST_F(AccessLogTest, AppendsAndNeverInterleaves) {
    {
        AccessLog log(path.string());
        std::vector<std::thread> threads;
        std::string long_agent(2000, 'x');
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&] {
                AccessRecord record;
                record.user_agent = long_agent;
                for (int i = 0; i < 200; ++i) log.write(record);
            });
        }
        for (auto& thread : threads) thread.join();
    }
    {
        AccessLog again(path.string());
        again.write(AccessRecord{});
    }
    auto all = lines();
    ASSERT_EQ(all.size(), 801u);
    for (const auto& line : all) EXPECT_NO_THROW(boost::json::parse(line));
}

TEST(AccessLog, OffWritesNothing) {
    AccessLog log("off");
    EXPECT_FALSE(log.enabled());
    log.write(AccessRecord{});
}

TEST(AccessLog, UnwritablePathThrows) { EXPECT_THROW(AccessLog("/nonexistent-dir/x/access.log"), std::runtime_error); }

}  // namespace
}  // namespace comptoir::http

// Links in e-mails carry single-use tokens in their query: the log must not keep them.
TEST(AccessLogRedaction, SecretQueryValuesAreReplaced) {
    using comptoir::http::redact_target;
    EXPECT_EQ(redact_target("/verify-email?token=abc123&lang=fr"), "/verify-email?token=REDACTED&lang=fr");
    EXPECT_EQ(redact_target("/x?lang=fr&reset_token=zz"), "/x?lang=fr&reset_token=REDACTED");
    EXPECT_EQ(redact_target("/search?q=password+reset"), "/search?q=password+reset");
    EXPECT_EQ(redact_target("/plain"), "/plain");
    EXPECT_EQ(redact_target("/x?code"), "/x?code");
    EXPECT_EQ(redact_target("/api/v1/whoami?q=ck_0123456789ab_secret"), "/api/v1/whoami?q=REDACTED");
}
