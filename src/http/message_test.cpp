#include "http/message.hpp"

#include <gtest/gtest.h>

namespace comptoir::http {
namespace {

TEST(Headers, LookupIgnoresCase) {
    Headers headers;
    headers.add("Content-Type", "text/html");
    EXPECT_EQ(headers.get("content-type"), "text/html");
    EXPECT_EQ(headers.get("CONTENT-TYPE"), "text/html");
    EXPECT_FALSE(headers.get("Content-Length"));
    EXPECT_FALSE(headers.has("Content-Typ"));
}

TEST(Headers, SetReplacesEveryFieldOfThatName) {
    Headers headers;
    headers.add("Set-Cookie", "a=1");
    headers.add("X-Other", "x");
    headers.add("set-cookie", "b=2");
    headers.set("SET-COOKIE", "c=3");
    ASSERT_EQ(headers.fields().size(), 2u);
    EXPECT_EQ(headers.get("Set-Cookie"), "c=3");
    EXPECT_EQ(headers.get("X-Other"), "x");
}

TEST(Headers, AddKeepsRepeatedFieldsInOrder) {
    Headers headers;
    headers.add("Set-Cookie", "a=1");
    headers.add("Set-Cookie", "b=2");
    ASSERT_EQ(headers.fields().size(), 2u);
    EXPECT_EQ(headers.fields()[1].second, "b=2");
    EXPECT_EQ(headers.get("set-cookie"), "a=1");
}

TEST(RequestQuery, DecodesPercentAndPlus) {
    Request request;
    request.query = "q=caf%C3%A9+cr%C3%A8me&empty=&flag&lang=fr";
    EXPECT_EQ(request.query_param("q"), "café crème");
    EXPECT_EQ(request.query_param("empty"), "");
    EXPECT_EQ(request.query_param("flag"), "");
    EXPECT_EQ(request.query_param("lang"), "fr");
    EXPECT_FALSE(request.query_param("missing"));
}

TEST(RequestQuery, FirstValueWins) {
    Request request;
    request.query = "a=1&a=2";
    EXPECT_EQ(request.query_param("a"), "1");
}

TEST(RequestQuery, EncodedKeyMatchesDecodedName) {
    Request request;
    request.query = "na%6De=x";
    EXPECT_EQ(request.query_param("name"), "x");
}

TEST(RequestQuery, MalformedPercentEncodingIsAbsentNotAnException) {
    Request request;
    for (const char* query : {"q=%zz", "q=%", "q=%4", "q=ok&bad=%G1"}) {
        request.query = query;
        EXPECT_NO_THROW({ EXPECT_FALSE(request.query_param("q")) << query; });
    }
}

TEST(RequestForm, DecodesUrlEncodedBody) {
    Request request;
    request.body = "subject=Printer+broken&body=It+says+%22PC+LOAD+LETTER%22%0D%0A&csrf=abc";
    EXPECT_EQ(request.form_param("subject"), "Printer broken");
    EXPECT_EQ(request.form_param("body"), "It says \"PC LOAD LETTER\"\r\n");
    EXPECT_EQ(request.form_param("csrf"), "abc");
    EXPECT_FALSE(request.form_param("Subject"));
}

TEST(RequestForm, LiteralPlusIsEncodedAs2B) {
    Request request;
    request.body = "expr=1%2B1";
    EXPECT_EQ(request.form_param("expr"), "1+1");
}

TEST(RequestForm, MalformedBodyIsAbsent) {
    Request request;
    request.body = "a=%E";
    EXPECT_FALSE(request.form_param("a"));
}

TEST(RequestCookie, FindsNamedCookie) {
    Request request;
    request.headers.add("Cookie", "theme=dark; lang=fr;session=abc123 ; quoted=\"v\"");
    EXPECT_EQ(request.cookie("lang"), "fr");
    EXPECT_EQ(request.cookie("session"), "abc123");
    EXPECT_EQ(request.cookie("theme"), "dark");
    EXPECT_EQ(request.cookie("quoted"), "v");
    EXPECT_FALSE(request.cookie("the"));
    EXPECT_FALSE(request.cookie("missing"));
}

TEST(RequestCookie, NoHeaderOrGarbage) {
    Request request;
    EXPECT_FALSE(request.cookie("a"));
    request.headers.add("Cookie", ";;=;novalue; =x");
    EXPECT_FALSE(request.cookie("novalue"));
    EXPECT_FALSE(request.cookie(""));
}

TEST(ResponseFactories, SetContentTypeAndStatus) {
    auto html = Response::html(200, "<p>hi</p>");
    EXPECT_EQ(html.status, 200);
    EXPECT_EQ(html.headers.get("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(html.body, "<p>hi</p>");
    EXPECT_EQ(Response::json(201, "{}").headers.get("content-type"), "application/json");
    EXPECT_EQ(Response::text(404, "no").headers.get("Content-Type"), "text/plain; charset=utf-8");
    EXPECT_EQ(Response::text(404, "no").status, 404);
}

TEST(ResponseFactories, RedirectDefaultsToSeeOther) {
    auto redirect = Response::redirect("/tickets/42");
    EXPECT_EQ(redirect.status, 303);
    EXPECT_EQ(redirect.headers.get("Location"), "/tickets/42");
    EXPECT_EQ(Response::redirect("/", 302).status, 302);
}

TEST(Utf8, AcceptsWellFormed) {
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_TRUE(is_valid_utf8("plain ascii"));
    EXPECT_TRUE(is_valid_utf8("café"));
    EXPECT_TRUE(is_valid_utf8("\xE2\x82\xAC"));      // €
    EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));  // 😀
    EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
    EXPECT_TRUE(is_valid_utf8("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates
    EXPECT_TRUE(is_valid_utf8(std::string_view("a\0b", 3)));
}

TEST(Utf8, RejectsMalformed) {
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(is_valid_utf8("\xC1\xBF"));          // overlong
    EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong 3-byte
    EXPECT_FALSE(is_valid_utf8("\xF0\x80\x80\xAF"));  // overlong 4-byte
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // U+D800 surrogate
    EXPECT_FALSE(is_valid_utf8("\xED\xBF\xBF"));      // U+DFFF surrogate
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // U+110000
    EXPECT_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));
    EXPECT_FALSE(is_valid_utf8("\xFF"));
    EXPECT_FALSE(is_valid_utf8("\x80"));          // lone continuation
    EXPECT_FALSE(is_valid_utf8("caf\xC3"));       // truncated at the end
    EXPECT_FALSE(is_valid_utf8("\xE2\x82"));      // truncated
    EXPECT_FALSE(is_valid_utf8("\xF0\x9F\x98"));  // truncated
    EXPECT_FALSE(is_valid_utf8("\xE2\x28\xA1"));  // bad continuation
    EXPECT_FALSE(is_valid_utf8("\xC3\xA9\xC3"));  // valid then truncated
}

}  // namespace
}  // namespace comptoir::http
