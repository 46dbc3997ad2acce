#include "http/proxy_trust.hpp"

#include <gtest/gtest.h>

#include "http/request_id.hpp"
#include "http/security_headers.hpp"

namespace comptoir::http {
namespace {

ProxyTrust trust(std::vector<std::string> entries) {
    auto parsed = ProxyTrust::parse(entries);
    EXPECT_TRUE(parsed) << (parsed ? "" : parsed.error().public_message);
    return parsed ? *parsed : ProxyTrust{};
}

Headers xff(std::initializer_list<std::string> values) {
    Headers headers;
    for (const auto& value : values) headers.add("X-Forwarded-For", value);
    return headers;
}

TEST(ProxyTrust, AddressesAndNetworks) {
    auto proxies = trust({"127.0.0.1", "10.0.0.0/8", "fd00::/8", "::1"});
    EXPECT_TRUE(proxies.trusts("127.0.0.1"));
    EXPECT_TRUE(proxies.trusts("10.200.3.4"));
    EXPECT_TRUE(proxies.trusts("::ffff:10.1.1.1"));
    EXPECT_TRUE(proxies.trusts("fd12::1"));
    EXPECT_TRUE(proxies.trusts("::1"));
    EXPECT_FALSE(proxies.trusts("127.0.0.2"));
    EXPECT_FALSE(proxies.trusts("11.0.0.1"));
    EXPECT_FALSE(proxies.trusts("fe80::1"));
    EXPECT_FALSE(proxies.trusts("not an address"));
    EXPECT_FALSE(trust({}).trusts("127.0.0.1"));
}

TEST(ProxyTrust, OddPrefixLengths) {
    auto proxies = trust({"192.168.1.128/25"});
    EXPECT_TRUE(proxies.trusts("192.168.1.200"));
    EXPECT_FALSE(proxies.trusts("192.168.1.100"));
}

TEST(ProxyTrust, RejectsBadEntries) {
    for (const char* entry : {"proxy.example.com", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/x", "::1/129", ""}) {
        EXPECT_FALSE(ProxyTrust::parse({entry})) << entry;
    }
}

TEST(ProxyTrust, ForwardedForIgnoredFromUntrustedPeer) {
    auto proxies = trust({"10.0.0.1"});
    EXPECT_EQ(proxies.client_addr("203.0.113.5", xff({"198.51.100.7"})), "203.0.113.5");
}

TEST(ProxyTrust, RightMostUntrustedHopIsTheClient) {
    auto proxies = trust({"10.0.0.0/8"});
    // A client can prepend anything; only what our proxies appended counts.
    EXPECT_EQ(proxies.client_addr("10.0.0.1", xff({"1.1.1.1, 198.51.100.7, 10.0.0.2"})), "198.51.100.7");
    EXPECT_EQ(proxies.client_addr("10.0.0.1", xff({"1.1.1.1", "198.51.100.7"})), "198.51.100.7");
    EXPECT_EQ(proxies.client_addr("10.0.0.1", xff({"10.0.0.3, 10.0.0.2"})), "10.0.0.3");
    EXPECT_EQ(proxies.client_addr("10.0.0.1", xff({})), "10.0.0.1");
    EXPECT_EQ(proxies.client_addr("10.0.0.1", xff({"garbage"})), "10.0.0.1");
    EXPECT_EQ(proxies.client_addr("10.0.0.1", xff({"2001:db8::1"})), "2001:db8::1");
}

TEST(ProxyTrust, ForwardedProtoOnlyFromTrustedPeer) {
    auto proxies = trust({"10.0.0.1"});
    Headers headers;
    headers.add("X-Forwarded-Proto", "HTTPS");
    EXPECT_TRUE(proxies.forwarded_secure("10.0.0.1", headers));
    EXPECT_FALSE(proxies.forwarded_secure("10.0.0.9", headers));
    Headers plain;
    plain.add("X-Forwarded-Proto", "http");
    EXPECT_FALSE(proxies.forwarded_secure("10.0.0.1", plain));
    EXPECT_FALSE(proxies.forwarded_secure("10.0.0.1", Headers{}));
}

TEST(RequestId, GeneratedIdsAreHexAndDistinct) {
    std::string a = new_request_id(), b = new_request_id();
    EXPECT_EQ(a.size(), 32u);
    EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_NE(a, b);
    EXPECT_TRUE(is_acceptable_request_id(a));
}

TEST(RequestId, AcceptableIncomingIds) {
    EXPECT_TRUE(is_acceptable_request_id("abc-DEF_1.2"));
    EXPECT_TRUE(is_acceptable_request_id(std::string(64, 'a')));
    EXPECT_FALSE(is_acceptable_request_id(std::string(65, 'a')));
    EXPECT_FALSE(is_acceptable_request_id(""));
    EXPECT_FALSE(is_acceptable_request_id("a b"));
    EXPECT_FALSE(is_acceptable_request_id("a\r\nSet-Cookie: x"));
    EXPECT_FALSE(is_acceptable_request_id("<script>"));
}

TEST(SecurityHeaders, AddedUnlessAlreadySet) {
    Response response;
    response.headers.set("X-Frame-Options", "SAMEORIGIN");
    add_security_headers(response, false);
    EXPECT_EQ(response.headers.get("X-Frame-Options"), "SAMEORIGIN");
    EXPECT_EQ(response.headers.get("X-Content-Type-Options"), "nosniff");
    auto csp = response.headers.get("Content-Security-Policy");
    ASSERT_TRUE(csp);
    EXPECT_NE(csp->find("frame-ancestors 'none'"), std::string_view::npos);
    EXPECT_EQ(csp->find("unsafe-inline"), std::string_view::npos);
    EXPECT_FALSE(response.headers.has("Strict-Transport-Security"));
    Response secure;
    add_security_headers(secure, true);
    EXPECT_EQ(secure.headers.get("Strict-Transport-Security"), "max-age=31536000; includeSubDomains");
}

}  // namespace
}  // namespace comptoir::http
