// The checks every form and redirect relies on: return_to stays on this site,
// and a form passes only with the visitor's token and no foreign origin.
#include "web/auth.hpp"

#include <gtest/gtest.h>

namespace comptoir::web {
namespace {

TEST(SafeReturnTo, KeepsRelativePathsOfThisSite) {
    EXPECT_EQ(safe_return_to("/account"), "/account");
    EXPECT_EQ(safe_return_to("/search?q=facture&lang=fr"), "/search?q=facture&lang=fr");
}

TEST(SafeReturnTo, RefusesEverythingThatCouldLeaveTheSite) {
    for (const char* bad : {"", "account", "//evil.example", "/\\evil.example", "https://evil.example/",
                            "javascript:alert(1)", "/ok\r\nSet-Cookie: x=1", "/a\\b", "\\\\evil"})
        EXPECT_EQ(safe_return_to(bad), "/") << bad;
    EXPECT_EQ(safe_return_to("/" + std::string(3000, 'a')), "/");
}

http::Request form_post(std::string body) {
    http::Request r;
    r.method = "POST";
    r.path = "/sign-in";
    r.headers.set("Host", "portal.test:8080");
    r.headers.set("Content-Type", "application/x-www-form-urlencoded");
    r.body = std::move(body);
    return r;
}

bool check(const http::Request& request, const std::string& token, std::string public_url = "") {
    Visitor visitor;
    visitor.csrf_token = token;
    Site site;
    site.public_url = std::move(public_url);
    return csrf_ok_for_site(site, request, visitor);
}

const std::string kToken(64, 'a');

TEST(Csrf, AcceptsTheVisitorsTokenFromOurOrigin) {
    auto r = form_post("csrf_token=" + kToken + "&email=x");
    EXPECT_TRUE(check(r, kToken));  // no Origin: older browsers and tools; the token decides
    r.headers.set("Origin", "http://portal.test:8080");
    EXPECT_TRUE(check(r, kToken));
}

TEST(Csrf, RefusesAMissingOrWrongToken) {
    EXPECT_FALSE(check(form_post("email=x"), kToken));
    EXPECT_FALSE(check(form_post("csrf_token=" + std::string(64, 'b')), kToken));
    EXPECT_FALSE(check(form_post("csrf_token="), ""));  // an empty token never matches
}

TEST(Csrf, RefusesAForeignOriginEvenWithAValidToken) {
    auto r = form_post("csrf_token=" + kToken);
    r.headers.set("Origin", "https://evil.example");
    EXPECT_FALSE(check(r, kToken));
    r.headers.set("Origin", "null");
    EXPECT_FALSE(check(r, kToken));
    auto referred = form_post("csrf_token=" + kToken);
    referred.headers.set("Referer", "https://evil.example/page");
    EXPECT_FALSE(check(referred, kToken));
}

TEST(Csrf, UsesThePublicUrlAsOurOriginWhenSet) {
    auto r = form_post("csrf_token=" + kToken);
    r.headers.set("Origin", "https://support.example.com");
    EXPECT_TRUE(check(r, kToken, "https://support.example.com"));
    EXPECT_FALSE(check(r, kToken, "https://other.example.com"));
}

}  // namespace
}  // namespace comptoir::web
