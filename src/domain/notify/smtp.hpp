#pragma once
// Sending one e-mail through an SMTP relay with libcurl, and building the
// MIME message it carries (multipart/alternative: plain text and HTML).
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace comptoir::notify {

/// How the connection to the relay is protected.
enum class SmtpSecurity {
    none,      // plain SMTP (a local relay or a test sink)
    starttls,  // plain connection upgraded with STARTTLS, which is required
    tls,       // implicit TLS from the first byte (smtps, usually port 465)
};

/// "none", "starttls" or "tls"; anything else is invalid_input.
Result<SmtpSecurity> parse_smtp_security(std::string_view text);

/// Where and how to send; a plain value the composition root fills from config.
struct SmtpSettings {
    std::string host;  // empty: mail stays queued
    std::uint16_t port = 25;
    SmtpSecurity security = SmtpSecurity::starttls;
    std::string username;  // empty: no authentication
    std::string password;
    std::string from = "Comptoir <no-reply@localhost>";  // "Name <address>" or a bare address
};

/// A message ready to send: one recipient, UTF-8 subject and bodies.
struct RenderedEmail {
    std::string to;
    std::string subject;
    std::string text;
    std::string html;
};

/// The bare address of a "Name <address>" or "address" value; empty when it
/// is not a plausible single address.
std::string bare_address(std::string_view from);

/// The complete RFC 5322 message (CRLF line ends): From, To, Subject (an RFC
/// 2047 encoded-word when not ASCII), Date, Message-ID, MIME-Version, and a
/// multipart/alternative body with quoted-printable UTF-8 text and HTML parts.
/// A CR or LF in a header value, or an implausible address, is invalid_input.
Result<std::string> format_message(const SmtpSettings& settings, const RenderedEmail& email, std::int64_t now);

/// Sends `email` (blocking; at most ~30 s). Failures are `unavailable`, with
/// curl's explanation in internal_detail only.
Result<void> send_email(const SmtpSettings& settings, const RenderedEmail& email);

/// send_email()'s public message when the server refused the recipient for
/// good (a 5xx reply to RCPT TO): sending again cannot help. Any other
/// failure is worth another attempt.
inline constexpr std::string_view kRecipientRejected = "mail.recipient_rejected";

}  // namespace comptoir::notify
