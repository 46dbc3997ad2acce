// The SMTP message format (no network): headers, RFC 2047 subjects,
// quoted-printable parts that decode back to the exact UTF-8, and the
// refusals that keep a value from injecting headers.
#include "domain/notify/smtp.hpp"

#include <gtest/gtest.h>

#include "domain/notify/mime_test_support.hpp"

namespace comptoir::notify {
namespace {

using testing::decode_header;
using testing::parse_message;

constexpr std::int64_t kNow = 1715680800;  // Tue, 14 May 2024 10:00:00 UTC

SmtpSettings settings() {
    SmtpSettings s;
    s.host = "127.0.0.1";
    s.from = "Comptoir <no-reply@example.com>";
    return s;
}

RenderedEmail email() {
    return {"zoe@example.com", "Hello", "Hello Zoé,\nhttps://example.com/verify?token=abc\n", "<p>Hello Zoé</p>"};
}

std::string format_or_throw(const SmtpSettings& s, const RenderedEmail& e) {
    auto message = format_message(s, e, kNow);
    if (!message) throw std::runtime_error(message.error().internal_detail);
    return *message;
}

TEST(SmtpMessage, HasTheHeadersAndBothPartsInUtf8) {
    const auto raw = format_or_throw(settings(), email());
    const auto message = parse_message(raw);
    EXPECT_EQ(message.header("from"), "Comptoir <no-reply@example.com>");
    EXPECT_EQ(message.header("to"), "zoe@example.com");
    EXPECT_EQ(message.header("subject"), "Hello");
    EXPECT_EQ(message.header("date"), "Tue, 14 May 2024 10:00:00 +0000");
    EXPECT_EQ(message.header("mime-version"), "1.0");
    EXPECT_TRUE(message.header("message-id").starts_with("<"));
    EXPECT_TRUE(message.header("message-id").ends_with("@example.com>"));
    EXPECT_TRUE(message.header("content-type").starts_with("multipart/alternative; boundary="));
    ASSERT_EQ(message.parts.size(), 2u);
    EXPECT_EQ(message.parts[0].headers.at("content-type"), "text/plain; charset=UTF-8");
    EXPECT_EQ(message.parts[0].body, "Hello Zoé,\nhttps://example.com/verify?token=abc");
    EXPECT_EQ(message.parts[1].headers.at("content-type"), "text/html; charset=UTF-8");
    EXPECT_EQ(message.parts[1].body, "<p>Hello Zoé</p>");
    // Every line of the message ends with CRLF: no bare LF.
    for (std::size_t i = 0; i < raw.size(); ++i)
        if (raw[i] == '\n') {
            ASSERT_TRUE(i > 0 && raw[i - 1] == '\r') << "bare LF at " << i;
        }
}

TEST(SmtpMessage, MessageIdsDiffer) {
    auto a = parse_message(format_or_throw(settings(), email()));
    auto b = parse_message(format_or_throw(settings(), email()));
    EXPECT_NE(a.header("message-id"), b.header("message-id"));
}

TEST(SmtpMessage, EncodesANonAsciiSubjectAndFoldsItIntoShortLines) {
    auto e = email();
    e.subject = "Réinitialisez votre mot de passe — équipe Comptoir, « très » longue ligne d’objet en français 🎉";
    const auto message = parse_message(format_or_throw(settings(), e));
    EXPECT_TRUE(message.header("subject").starts_with("=?UTF-8?B?"));
    EXPECT_EQ(decode_header(message.header("subject")), e.subject);
    for (const auto& line : message.raw_header_lines) EXPECT_LE(line.size(), 78u) << line;
}

TEST(SmtpMessage, EncodesAnAsciiSubjectThatLooksLikeAnEncodedWord) {
    auto e = email();
    e.subject = "=?UTF-8?B?SGk=?= is not decoded";
    const auto message = parse_message(format_or_throw(settings(), e));
    EXPECT_NE(message.header("subject"), e.subject);
    EXPECT_EQ(decode_header(message.header("subject")), e.subject);
}

TEST(SmtpMessage, QuotesOrEncodesTheSenderName) {
    auto s = settings();
    s.from = "Service client Zoé <support@example.com>";
    auto message = parse_message(format_or_throw(s, email()));
    EXPECT_EQ(decode_header(message.header("from")), "Service client Zoé <support@example.com>");
    EXPECT_TRUE(message.header("from").starts_with("=?UTF-8?B?"));

    s.from = "\"Acme, Inc.\" <support@example.com>";
    message = parse_message(format_or_throw(s, email()));
    EXPECT_EQ(message.header("from"), "\"Acme, Inc.\" <support@example.com>");

    s.from = "support@example.com";
    message = parse_message(format_or_throw(s, email()));
    EXPECT_EQ(message.header("from"), "support@example.com");
}

TEST(SmtpMessage, QuotedPrintableKeepsEveryByteAndShortLines) {
    auto e = email();
    std::string long_line(200, 'x');
    e.text = "a = b\n" + long_line + "\ntrailing spaces   \n.starts with a dot\nFrom the start\n" +
             "é€🎉 mixed\r\nwindows line\n\ttab\n\n";
    e.html = "<p style=\"a=b\">" + std::string(300, 'y') + "</p>";
    const auto raw = format_or_throw(settings(), e);
    const auto message = parse_message(raw);  // throws on a line above 76 or trailing white space
    // Line ends become LF after decoding; the final line break belongs to the boundary.
    EXPECT_EQ(message.parts[0].body, "a = b\n" + long_line +
                                         "\ntrailing spaces   \n.starts with a dot\nFrom the start\n" +
                                         "é€🎉 mixed\nwindows line\n\ttab\n");
    EXPECT_EQ(message.parts[1].body, e.html);
    EXPECT_EQ(raw.find("\r\n.starts"), std::string::npos) << "a line must not start with a dot";
    EXPECT_EQ(raw.find("\r\nFrom the"), std::string::npos) << "a body line must not start with \"From \"";
}

TEST(SmtpMessage, WithoutHtmlIsASingleTextPart) {
    auto e = email();
    e.html.clear();
    const auto message = parse_message(format_or_throw(settings(), e));
    ASSERT_EQ(message.parts.size(), 1u);
    EXPECT_EQ(message.header("content-type"), "text/plain; charset=UTF-8");
    EXPECT_EQ(message.parts[0].body, "Hello Zoé,\nhttps://example.com/verify?token=abc\n");
}

TEST(SmtpMessage, RefusesLineBreaksInHeaderValues) {
    auto e = email();
    e.subject = "Hello\r\nBcc: victim@example.com";
    auto r = format_message(settings(), e, kNow);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::invalid_input);

    e = email();
    e.subject = "Hello\nBcc: victim@example.com";
    EXPECT_FALSE(format_message(settings(), e, kNow));

    e = email();
    e.to = "zoe@example.com\r\nBcc: victim@example.com";
    EXPECT_FALSE(format_message(settings(), e, kNow));

    auto s = settings();
    s.from = "Comptoir\r\nBcc: victim@example.com <no-reply@example.com>";
    EXPECT_FALSE(format_message(s, email(), kNow));
}

TEST(SmtpMessage, RefusesImplausibleAddresses) {
    for (const char* to : {"", "zoe", "@example.com", "zoe@", "zoe@@example.com", "zo e@example.com",
                           "<zoe@example.com>", "zoe@example.com, eve@example.com"}) {
        auto e = email();
        e.to = to;
        auto r = format_message(settings(), e, kNow);
        ASSERT_FALSE(r) << to;
        EXPECT_EQ(r.error().code, ErrorCode::invalid_input) << to;
    }
    auto s = settings();
    s.from = "Comptoir <not-an-address>";
    EXPECT_FALSE(format_message(s, email(), kNow));
}

TEST(SmtpAddress, BareAddressOfAFromValue) {
    EXPECT_EQ(bare_address("Comptoir <no-reply@example.com>"), "no-reply@example.com");
    EXPECT_EQ(bare_address("  no-reply@example.com "), "no-reply@example.com");
    EXPECT_EQ(bare_address("\"Zoé <x>\" <zoe@example.com>"), "zoe@example.com");
    EXPECT_EQ(bare_address("Comptoir <no-reply@example.com"), "");
    EXPECT_EQ(bare_address("Comptoir <no-reply@example.com> trailing"), "");
    EXPECT_EQ(bare_address("Comptoir"), "");
}

TEST(SmtpSecurityTest, ParsesTheThreeModesOnly) {
    EXPECT_EQ(parse_smtp_security("none").value(), SmtpSecurity::none);
    EXPECT_EQ(parse_smtp_security("starttls").value(), SmtpSecurity::starttls);
    EXPECT_EQ(parse_smtp_security("tls").value(), SmtpSecurity::tls);
    EXPECT_FALSE(parse_smtp_security("ssl"));
    EXPECT_FALSE(parse_smtp_security(""));
}

TEST(SmtpSend, WithoutAHostIsUnavailable) {
    auto s = settings();
    s.host.clear();
    auto r = send_email(s, email());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::unavailable);
}

}  // namespace
}  // namespace comptoir::notify
