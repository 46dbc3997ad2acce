// The check behind the anonymous vote, whose form carries no token:
// browsers name where a request comes from (Sec-Fetch-Site, Origin,
// Referer), and only our own pages may post it.
#include <gtest/gtest.h>

#include "web/auth.hpp"

namespace comptoir::web {
namespace {

http::Request vote(std::initializer_list<std::pair<const char*, const char*>> headers) {
    http::Request request;
    request.method = "POST";
    request.path = "/kb/en/articles/1/vote";
    request.headers.set("Host", "help.test:8080");
    for (const auto& [name, value] : headers) request.headers.set(name, value);
    return request;
}

bool passes(const http::Request& request, std::string public_url = "") {
    Site site;
    site.public_url = std::move(public_url);
    return same_origin_request(site, request);
}

TEST(SameOriginRequest, FetchMetadataDecidesWhenPresent) {
    EXPECT_TRUE(passes(vote({{"Sec-Fetch-Site", "same-origin"}})));
    EXPECT_TRUE(passes(vote({{"Sec-Fetch-Site", "none"}})));  // typed or bookmarked by the user
    EXPECT_FALSE(passes(vote({{"Sec-Fetch-Site", "cross-site"}})));
    EXPECT_FALSE(passes(vote({{"Sec-Fetch-Site", "same-site"}})));  // a sibling subdomain is not us
    // Fetch metadata wins over an Origin that looks right.
    EXPECT_FALSE(passes(vote({{"Sec-Fetch-Site", "cross-site"}, {"Origin", "http://help.test:8080"}})));
}

TEST(SameOriginRequest, OriginMustBeOurs) {
    EXPECT_TRUE(passes(vote({{"Origin", "http://help.test:8080"}})));
    EXPECT_FALSE(passes(vote({{"Origin", "http://evil.test"}})));
    EXPECT_FALSE(passes(vote({{"Origin", "null"}})));
    EXPECT_FALSE(passes(vote({{"Origin", "http://help.test:8081"}})));
    EXPECT_TRUE(passes(vote({{"Origin", "https://help.example"}}), "https://help.example"));
    EXPECT_FALSE(passes(vote({{"Origin", "http://help.test:8080"}}), "https://help.example"));
}

TEST(SameOriginRequest, RefererCountsWithoutOrigin) {
    EXPECT_TRUE(passes(vote({{"Referer", "http://help.test:8080/kb/en/articles/1-x"}})));
    EXPECT_FALSE(passes(vote({{"Referer", "http://evil.test/page"}})));
    EXPECT_FALSE(passes(vote({{"Referer", "http://help.test:8080.evil.test/"}})));
}

TEST(SameOriginRequest, ARequestNamingNoOriginIsNotFromABrowser) { EXPECT_TRUE(passes(vote({}))); }

}  // namespace
}  // namespace comptoir::web
