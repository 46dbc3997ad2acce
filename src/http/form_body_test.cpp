#include "http/form_body.hpp"

#include <gtest/gtest.h>

namespace comptoir::http {
namespace {

TEST(RequestForm, FieldsMustDecodeToUtf8) {
    Request request;
    request.headers.set("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
    request.body = "email=z%C3%A9lie%40example.com&password=caf%C3%A9";
    EXPECT_TRUE(form_fields_are_utf8(request));
    // A bad byte in any value or name, encoded or raw, whichever its position.
    for (const char* body : {"email=%FF&password=x", "email=a&password=%C3", "%FF=1", "a=%C0%AF", "a=\xff",
                             "csrf_token=t&email=x%ED%A0%80"}) {
        request.body = body;
        EXPECT_FALSE(form_fields_are_utf8(request)) << body;
    }
    // form_param reads a body without Content-Type as a form too.
    request.headers = Headers{};
    request.body = "email=%FF";
    EXPECT_FALSE(form_fields_are_utf8(request));
}

TEST(RequestForm, OtherBodiesAreLeftToTheirOwnParsers) {
    Request request;
    request.body = "email=%FF";
    for (const char* type : {"multipart/form-data; boundary=x", "application/json", "text/markdown"}) {
        request.headers.set("Content-Type", type);
        EXPECT_TRUE(form_fields_are_utf8(request)) << type;
    }
    request.headers.set("Content-Type", "Application/X-WWW-Form-Urlencoded");
    EXPECT_FALSE(form_fields_are_utf8(request));
    request.body.clear();
    EXPECT_TRUE(form_fields_are_utf8(request));
}

}  // namespace
}  // namespace comptoir::http
