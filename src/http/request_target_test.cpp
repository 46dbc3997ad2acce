#include "http/request_target.hpp"

#include <gtest/gtest.h>

namespace comptoir::http {
namespace {

int status_of(std::string_view target, std::size_t max = 8192) {
    auto parsed = parse_request_target(target, max);
    return parsed ? 200 : parsed.error();
}

TEST(RequestTarget, SplitsAndDecodes) {
    auto parsed = parse_request_target("/kb/caf%C3%A9?q=caf%C3%A9+cr%C3%A8me&x=1", 8192);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->path, "/kb/café");
    EXPECT_EQ(parsed->query, "q=caf%C3%A9+cr%C3%A8me&x=1");
    auto root = parse_request_target("/", 8192);
    ASSERT_TRUE(root);
    EXPECT_EQ(root->path, "/");
    EXPECT_EQ(root->query, "");
}

TEST(RequestTarget, PlusInPathIsLiteral) { EXPECT_EQ(parse_request_target("/a+b", 100)->path, "/a+b"); }

TEST(RequestTarget, AcceptsOrdinaryTargets) {
    for (const char* target : {"/", "/static/css/app.1234abcd.css", "/kb/fr/articles/x-y_z~1", "/a//b", "/..a/b..",
                               "/.well-known/security.txt", "/search?q=a/../b", "/x?", "/a%20b", "/%E2%82%AC"}) {
        EXPECT_EQ(status_of(target), 200) << target;
    }
}

TEST(RequestTarget, RejectsTraversal) {
    for (const char* target :
         {"/../etc/passwd", "/a/../../etc/passwd", "/..", "/.", "/a/.", "/a/./b", "/%2e%2e/x", "/%2E%2E/x", "/.%2e/x",
          "/a/%2e/b", "/a%2f..%2fb", "/a%2F%2E%2E", "/a\\..\\b", "/a%5c..%5cb", "/a%5Cb"}) {
        EXPECT_EQ(status_of(target), 400) << target;
    }
}

TEST(RequestTarget, RejectsBadEncodingAndBytes) {
    for (const char* target : {"/%ff", "/%C0%AF", "/%ED%A0%80", "/%zz", "/%", "/%4", "/a?q=%zz", "/a?q=%", "/a b",
                               "/a\tb", "/a#frag", "/caf\xC3\xA9", "/%00", "/a%00b"}) {
        EXPECT_EQ(status_of(target), 400) << target;
    }
    EXPECT_EQ(status_of(std::string_view("/a\0b", 4)), 400);
    EXPECT_EQ(status_of("/a\x7f"), 400);
}

TEST(RequestTarget, OriginFormOnly) {
    for (const char* target : {"http://example.com/", "https://example.com/x", "example.com:443", "*", ""}) {
        EXPECT_EQ(status_of(target), 400) << target;
    }
}

TEST(RequestTarget, TooLongIs414) {
    std::string target = "/" + std::string(100, 'a');
    EXPECT_EQ(status_of(target, 101), 200);
    EXPECT_EQ(status_of(target, 100), 414);
}

}  // namespace
}  // namespace comptoir::http
