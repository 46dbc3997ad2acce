// The API gate's parsing: only "Bearer <token>" counts, and anything in the
// query string that may be a key is spotted (so the request is refused).
#include <gtest/gtest.h>

#include "web/api/api.hpp"

namespace comptoir::web::api {
namespace {

http::Request with_query(std::string query) {
    http::Request request;
    request.method = "GET";
    request.path = "/api/v1/whoami";
    request.query = std::move(query);
    request.target = request.path + (request.query.empty() ? "" : "?" + request.query);
    return request;
}

TEST(BearerToken, AcceptsOnlyTheBearerScheme) {
    EXPECT_EQ(bearer_token("Bearer ck_abc_def"), "ck_abc_def");
    EXPECT_EQ(bearer_token("bearer ck_abc_def"), "ck_abc_def");
    EXPECT_EQ(bearer_token("BEARER   ck_abc_def  "), "ck_abc_def");
    EXPECT_EQ(bearer_token("Basic dXNlcjpwYXNz"), "");
    EXPECT_EQ(bearer_token("Bearer"), "");
    EXPECT_EQ(bearer_token("Bearer "), "");
    EXPECT_EQ(bearer_token("Bearer a b"), "");
    EXPECT_EQ(bearer_token("Bearer a,b"), "");
    EXPECT_EQ(bearer_token("Bearerx ck_abc"), "");
    EXPECT_EQ(bearer_token("ck_abc_def"), "");
    EXPECT_EQ(bearer_token(""), "");
}

TEST(QueryCarriesKey, SpotsKeysInTheUrl) {
    EXPECT_FALSE(query_carries_key(with_query("")));
    EXPECT_FALSE(query_carries_key(with_query("q=boulangerie&page=2")));
    EXPECT_FALSE(query_carries_key(with_query("q=monkey")));
    for (const char* query : {"key=abc", "KEY=abc", "api_key=x", "apikey=x", "access_token=x", "token=", "q=a&key=ck_1",
                              "q=ck_0123456789ab_secret", "Authorization=Bearer%20x", "q=%63k_0123"}) {
        EXPECT_TRUE(query_carries_key(with_query(query))) << query;
    }
}

TEST(JsonError, IsJsonAndNeverCached) {
    auto response = json_error(401, "invalid_token", "The API key is missing, unknown or revoked.");
    EXPECT_EQ(response.status, 401);
    EXPECT_EQ(response.headers.get("Cache-Control"), "no-store");
    EXPECT_NE(response.headers.get("Content-Type")->find("application/json"), std::string_view::npos);
    EXPECT_EQ(response.body,
              R"({"error":{"code":"invalid_token","message":"The API key is missing, unknown or revoked."}})");
}

TEST(JsonError, MapsServiceErrorsWithoutTheirDetail) {
    http::Request request = with_query("");
    auto response =
        json_error(request, Error{ErrorCode::not_found, "error.not_found", "organisation 12 secret-detail"});
    EXPECT_EQ(response.status, 404);
    EXPECT_EQ(response.body.find("secret-detail"), std::string::npos);
    EXPECT_EQ(json_error(request, Error{ErrorCode::forbidden, "x", "y"}).status, 403);
    EXPECT_EQ(json_error(request, Error{ErrorCode::unavailable, "x", "y"}).status, 503);
}

}  // namespace
}  // namespace comptoir::web::api
