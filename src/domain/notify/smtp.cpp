#include "domain/notify/smtp.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <ctime>
#include <memory>
#include <mutex>

#include "core/crypto.hpp"

namespace comptoir::notify {
namespace {

constexpr long kConnectTimeoutSeconds = 10;
constexpr long kTotalTimeoutSeconds = 30;

// libcurl and libsodium want their global set-up done once before any thread
// uses them; both calls are idempotent, the flag only saves the locks.
void init_libraries() {
    static std::once_flag once;
    std::call_once(once, [] {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        crypto::init();
    });
}

bool is_ascii_printable(std::string_view text) {
    for (unsigned char c : text)
        if (c < 0x20 || c > 0x7e) return false;
    return true;
}

// Control characters in a header value would let a value start a new header
// (or end the header block): refused, never stripped.
bool has_control(std::string_view text) {
    for (unsigned char c : text)
        if ((c < 0x20 && c != '\t') || c == 0x7f) return true;
    return false;
}

std::string trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t");
    return std::string(text.substr(first, last - first + 1));
}

bool plausible_address(std::string_view address) {
    const auto at = address.find('@');
    if (at == std::string_view::npos || at == 0 || at + 1 == address.size() ||
        address.find('@', at + 1) != std::string_view::npos)
        return false;
    for (unsigned char c : address) {
        if (c <= 0x20 || c == 0x7f) return false;
        if (std::string_view("<>()[],;:\\\"").find(static_cast<char>(c)) != std::string_view::npos) return false;
    }
    return true;
}

// RFC 2047 encoded-words ("=?UTF-8?B?…?="), each short enough for a 78-column
// line and cut between UTF-8 characters (a word must hold whole characters),
// folded onto continuation lines.
std::string encoded_words(std::string_view text) {
    constexpr std::size_t kMaxBytes = 39;  // 52 base64 characters + 12 of framing
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = std::min(text.size(), start + kMaxBytes);
        // Back up over continuation bytes (10xxxxxx) so the cut falls on a character start.
        while (end < text.size() && end > start + 1 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + crypto::to_base64(text.substr(start, end - start)) + "?=";
        start = end;
    }
    return out;
}

// A header value as it may appear on the wire: as is when it is plain ASCII
// that no reader would mistake for an encoded-word, else encoded.
std::string header_text(std::string_view text) {
    if (is_ascii_printable(text) && text.find("=?") == std::string_view::npos && text.size() <= 900)
        return std::string(text);
    return encoded_words(text);
}

// A display name: an atom run as is, quoted when it holds specials, encoded when not ASCII.
std::string display_name(std::string_view name) {
    if (!is_ascii_printable(name) || name.find("=?") != std::string_view::npos) return encoded_words(name);
    if (name.find_first_of("()<>[]:;@\\,.\"") == std::string_view::npos) return std::string(name);
    std::string quoted = "\"";
    for (char c : name) {
        if (c == '"' || c == '\\') quoted += '\\';
        quoted += c;
    }
    return quoted + "\"";
}

std::string rfc5322_date(std::int64_t now) {
    static constexpr std::array<const char*, 7> days{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::time_t t = static_cast<std::time_t>(now);
    std::tm tm{};
    gmtime_r(&t, &tm);
    // Names written out here: strftime's %a and %b follow the process locale.
    return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} +0000", days.at(tm.tm_wday), tm.tm_mday, months.at(tm.tm_mon),
                       tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

// Quoted-printable (RFC 2045 §6.7) with CRLF hard breaks and lines of at most
// 76 characters. A leading "." or "From " is encoded too, so that neither an
// SMTP end-of-data nor an mbox separator can appear in the body.
std::string quoted_printable(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size() * 11 / 10 + 16);
    std::size_t column = 0;
    auto emit = [&](std::string_view token) {
        if (column + token.size() > 75) {
            out += "=\r\n";
            column = 0;
        }
        out += token;
        column += token.size();
    };
    auto encoded = [&](unsigned char c) {
        const char token[3] = {'=', hex[c >> 4], hex[c & 15]};
        emit(std::string_view(token, 3));
    };
    std::size_t i = 0;
    while (i < text.size()) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
            out += "\r\n";
            column = 0;
            i += c == '\r' ? 2 : 1;
            continue;
        }
        const bool line_start = column == 0;  // after a hard or a soft break
        const bool at_line_end = i + 1 == text.size() || text[i + 1] == '\n' || text[i + 1] == '\r';
        if ((c == ' ' || c == '\t') && !at_line_end) {
            emit(std::string_view(reinterpret_cast<const char*>(&c), 1));
        } else if (c >= 33 && c <= 126 && c != '=' &&
                   !(line_start && (c == '.' || text.substr(i).starts_with("From ")))) {
            emit(std::string_view(reinterpret_cast<const char*>(&c), 1));
        } else {
            encoded(c);
        }
        ++i;
    }
    if (!out.ends_with("\r\n")) out += "\r\n";
    return out;
}

std::string domain_of(std::string_view address) {
    const auto at = address.rfind('@');
    return at == std::string_view::npos ? std::string("localhost") : std::string(address.substr(at + 1));
}

struct CurlDeleter {
    void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

struct Upload {
    std::string_view data;
    std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* upload = static_cast<Upload*>(user);
    const std::size_t n = std::min(size * count, upload->data.size() - upload->offset);
    std::memcpy(buffer, upload->data.data() + upload->offset, n);
    upload->offset += n;
    return n;
}

}  // namespace

Result<SmtpSecurity> parse_smtp_security(std::string_view text) {
    if (text == "none") return SmtpSecurity::none;
    if (text == "starttls") return SmtpSecurity::starttls;
    if (text == "tls") return SmtpSecurity::tls;
    return fail(ErrorCode::invalid_input, fmt::format("mail.security must be none, starttls or tls, not \"{}\"", text));
}

std::string bare_address(std::string_view from) {
    std::string address = trim(from);
    if (const auto open = address.rfind('<'); open != std::string::npos) {
        const auto close = address.find('>', open);
        if (close == std::string::npos || close + 1 != address.size()) return {};
        address = address.substr(open + 1, close - open - 1);
    }
    return plausible_address(address) ? address : std::string();
}

Result<std::string> format_message(const SmtpSettings& settings, const RenderedEmail& email, std::int64_t now) {
    init_libraries();
    const std::string from = bare_address(settings.from);
    if (from.empty() || has_control(settings.from))
        return fail(ErrorCode::invalid_input, "mail.invalid_sender", "the From address is not a plausible address");
    if (has_control(email.to) || !plausible_address(email.to))
        return fail(ErrorCode::invalid_input, "mail.invalid_recipient", "the recipient is not a plausible address");
    if (has_control(email.subject))
        return fail(ErrorCode::invalid_input, "mail.invalid", "control character in the subject");

    std::string from_header = from;
    if (const auto open = settings.from.rfind('<'); open != std::string::npos) {
        std::string name = trim(std::string_view(settings.from).substr(0, open));
        if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
        if (!name.empty()) from_header = display_name(name) + " <" + from + ">";
    }

    // "=_" never occurs in quoted-printable text, so the boundary cannot collide with a body.
    const std::string boundary = "=_comptoir_" + crypto::random_hex(8);
    std::string message;
    message.reserve(email.text.size() + email.html.size() + 1024);
    message += "From: " + from_header + "\r\n";
    message += "To: " + email.to + "\r\n";
    message += "Subject: " + header_text(email.subject) + "\r\n";
    message += "Date: " + rfc5322_date(now) + "\r\n";
    message += "Message-ID: <" + crypto::random_hex(16) + "@" + domain_of(from) + ">\r\n";
    message += "MIME-Version: 1.0\r\n";
    // RFC 3834: tells vacation responders not to answer.
    message += "Auto-Submitted: auto-generated\r\n";
    const auto part = [](std::string_view type, std::string_view body) {
        return fmt::format("Content-Type: {}; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{}",
                           type, quoted_printable(body));
    };
    if (email.html.empty()) {
        message += part("text/plain", email.text);
        return message;
    }
    message += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
    // Clients show the last part they understand: plain text first, HTML last.
    message += "--" + boundary + "\r\n" + part("text/plain", email.text);
    message += "--" + boundary + "\r\n" + part("text/html", email.html);
    message += "--" + boundary + "--\r\n";
    return message;
}

Result<void> send_email(const SmtpSettings& settings, const RenderedEmail& email) {
    if (settings.host.empty()) return fail(ErrorCode::unavailable, "mail.unavailable", "no SMTP host configured");
    const auto now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    auto message = format_message(settings, email, now);
    if (!message) return std::unexpected(message.error());

    std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
    if (!curl) return fail(ErrorCode::unavailable, "mail.unavailable", "curl_easy_init failed");
    const std::string from = bare_address(settings.from);
    const bool ipv6 = settings.host.find(':') != std::string::npos && settings.host.front() != '[';
    // The URL path is the name curl presents in EHLO: the sender's domain when it is a plain host name.
    std::string ehlo = domain_of(from);
    if (ehlo.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") != std::string::npos)
        ehlo = "localhost";
    const std::string url = fmt::format("{}://{}{}{}:{}/{}", settings.security == SmtpSecurity::tls ? "smtps" : "smtp",
                                        ipv6 ? "[" : "", settings.host, ipv6 ? "]" : "", settings.port, ehlo);
    const std::string mail_from = "<" + from + ">";
    std::unique_ptr<curl_slist, CurlDeleter> recipients(curl_slist_append(nullptr, ("<" + email.to + ">").c_str()));
    if (!recipients) return fail(ErrorCode::unavailable, "mail.unavailable", "curl_slist_append failed");
    Upload upload{*message};
    char error_buffer[CURL_ERROR_SIZE] = {};

    CURL* handle = curl.get();
    curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
    curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);  // signals and worker threads do not mix
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, kConnectTimeoutSeconds);
    curl_easy_setopt(handle, CURLOPT_TIMEOUT, kTotalTimeoutSeconds);
    curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer);
    if (settings.security != SmtpSecurity::none) curl_easy_setopt(handle, CURLOPT_USE_SSL, long{CURLUSESSL_ALL});
    if (!settings.username.empty()) {
        curl_easy_setopt(handle, CURLOPT_USERNAME, settings.username.c_str());
        curl_easy_setopt(handle, CURLOPT_PASSWORD, settings.password.c_str());
    }
    curl_easy_setopt(handle, CURLOPT_MAIL_FROM, mail_from.c_str());
    curl_easy_setopt(handle, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(handle, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(handle, CURLOPT_READDATA, &upload);
    curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(handle, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message->size()));

    const CURLcode code = curl_easy_perform(handle);
    if (code != CURLE_OK) {
        // curl's text names the step that failed (connect, STARTTLS, AUTH, RCPT…); never the password.
        std::string detail = fmt::format("smtp {}:{}: {}{}{}", settings.host, settings.port, curl_easy_strerror(code),
                                         error_buffer[0] ? ": " : "", error_buffer);
        long reply = 0;
        curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &reply);
        // "RCPT failed: 550": this address will not take the message. A 5xx
        // elsewhere (AUTH, MAIL FROM) is the relay's settings: retried.
        if (reply >= 500 && reply < 600 && std::string_view(error_buffer).starts_with("RCPT failed"))
            return fail(ErrorCode::invalid_input, std::string(kRecipientRejected), std::move(detail));
        return fail(ErrorCode::unavailable, "mail.unavailable", std::move(detail));
    }
    return {};
}

}  // namespace comptoir::notify
