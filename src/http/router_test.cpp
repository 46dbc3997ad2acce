#include "http/router.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace comptoir::http {
namespace {

Handler named(std::string name) {
    return [name](Request&) { return Response::text(200, name); };
}

std::string run(const RouteMatch& match) {
    Request request;
    return match.route ? match.route->handler(request).body : "<none>";
}

std::string param(const RouteMatch& match, std::string_view name) {
    for (const auto& [key, value] : match.params) {
        if (key == name) return value;
    }
    return "<absent>";
}

class RouterTest : public ::testing::Test {
  protected:
    void SetUp() override {
        router.get("/", named("home"));
        router.get("/kb", named("kb"));
        router.get("/kb/{lang}/articles/{slug}", named("article"));
        router.get("/tickets/{id}", named("ticket"));
        router.post("/tickets/{id}", named("ticket-reply"));
        router.add("DELETE", "/tickets/{id}", named("ticket-delete"));
        router.get("/tickets/new", named("ticket-new"));
        router.post("/login", named("login"));
        router.get_prefix("/static/", named("static"), Execution::inline_);
    }
    Router router;
};

TEST_F(RouterTest, MatchesLiteralPaths) {
    EXPECT_EQ(run(router.match("GET", "/")), "home");
    EXPECT_EQ(run(router.match("GET", "/kb")), "kb");
    EXPECT_EQ(router.match("GET", "/kb").route->pattern, "/kb");
}

TEST_F(RouterTest, TrailingSlashIsAnotherPath) {
    EXPECT_EQ(router.match("GET", "/kb/").route, nullptr);
    EXPECT_TRUE(router.match("GET", "/kb/").allowed_methods.empty());
}

TEST_F(RouterTest, ExtractsParameters) {
    auto match = router.match("GET", "/kb/fr/articles/imprimante-en-panne");
    EXPECT_EQ(run(match), "article");
    EXPECT_EQ(param(match, "lang"), "fr");
    EXPECT_EQ(param(match, "slug"), "imprimante-en-panne");
    EXPECT_EQ(match.route->pattern, "/kb/{lang}/articles/{slug}");
}

TEST_F(RouterTest, ParameterNeedsANonEmptySegment) {
    EXPECT_EQ(router.match("GET", "/tickets/").route, nullptr);
    EXPECT_EQ(router.match("GET", "/kb/fr/articles/").route, nullptr);
    EXPECT_EQ(router.match("GET", "/tickets/1/extra").route, nullptr);
}

TEST_F(RouterTest, FirstRegisteredRouteWins) {
    // "/tickets/{id}" was registered before "/tickets/new".
    EXPECT_EQ(run(router.match("GET", "/tickets/new")), "ticket");
}

TEST_F(RouterTest, MethodSelectsRoute) {
    EXPECT_EQ(run(router.match("POST", "/tickets/7")), "ticket-reply");
    EXPECT_EQ(run(router.match("DELETE", "/tickets/7")), "ticket-delete");
}

TEST_F(RouterTest, HeadMatchesGet) {
    EXPECT_EQ(run(router.match("HEAD", "/kb")), "kb");
    EXPECT_EQ(router.match("HEAD", "/login").route, nullptr);
}

TEST_F(RouterTest, WrongMethodListsAllowedMethods) {
    auto match = router.match("PUT", "/tickets/7");
    EXPECT_EQ(match.route, nullptr);
    auto& allowed = match.allowed_methods;
    for (const char* method : {"GET", "HEAD", "POST", "DELETE"}) {
        EXPECT_NE(std::find(allowed.begin(), allowed.end(), method), allowed.end()) << method;
    }
    EXPECT_EQ(allowed.size(), 4u);

    auto login = router.match("GET", "/login");
    EXPECT_EQ(login.route, nullptr);
    EXPECT_EQ(login.allowed_methods, std::vector<std::string>{"POST"});
}

TEST_F(RouterTest, UnknownPathIsNotFound) {
    auto match = router.match("GET", "/nowhere");
    EXPECT_EQ(match.route, nullptr);
    EXPECT_TRUE(match.allowed_methods.empty());
}

TEST_F(RouterTest, PrefixRouteGivesRest) {
    auto match = router.match("GET", "/static/css/app.css");
    EXPECT_EQ(run(match), "static");
    EXPECT_EQ(param(match, "rest"), "css/app.css");
    EXPECT_EQ(match.route->execution, Execution::inline_);
    EXPECT_EQ(run(router.match("HEAD", "/static/x.js")), "static");
    EXPECT_EQ(router.match("GET", "/staticx").route, nullptr);
    EXPECT_EQ(router.match("POST", "/static/x.js").allowed_methods.size(), 2u);
}

TEST_F(RouterTest, DefaultExecutionIsWorker) {
    EXPECT_EQ(router.match("GET", "/").route->execution, Execution::worker);
}

}  // namespace
}  // namespace comptoir::http
