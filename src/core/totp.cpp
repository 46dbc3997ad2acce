#include "core/totp.hpp"

#include <liboath/oath.h>
#include <sodium.h>

#include <cstdlib>
#include <stdexcept>

namespace comptoir::totp {
namespace {

// liboath wants oath_init() before use; a function-local static runs it once,
// thread-safely, the first time any function here needs the library.
void ensure_oath() {
    static const int rc = oath_init();
    if (rc != OATH_OK) throw std::runtime_error(std::string("liboath failed to initialise: ") + oath_strerror(rc));
}

// Buffers liboath allocates with malloc; may hold secret material, so they are
// wiped before being released.
struct OathBuffer {
    char* data = nullptr;
    std::size_t size = 0;
    ~OathBuffer() {
        if (data != nullptr) sodium_memzero(data, size);
        std::free(data);
    }
};

std::int64_t unix_seconds(std::chrono::system_clock::time_point t) {
    return std::chrono::floor<std::chrono::seconds>(t.time_since_epoch()).count();
}

bool is_six_digits(std::string_view code) {
    if (code.size() != static_cast<std::size_t>(kDigits)) return false;
    for (char c : code)
        if (c < '0' || c > '9') return false;
    return true;
}

// liboath compares candidate codes with this callback: 0 means "match".
// sodium_memcmp keeps the comparison constant-time.
int compare_code(void* expected, const char* candidate) {
    const auto* code = static_cast<const std::string*>(expected);
    if (std::char_traits<char>::length(candidate) != code->size()) return 1;
    return sodium_memcmp(candidate, code->data(), code->size()) == 0 ? 0 : 1;
}

bool is_unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

// RFC 3986 percent-encoding of everything but unreserved characters, so ':'
// (the issuer/account separator), '@', '+', '&' and non-ASCII bytes are safe.
std::string percent_encode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size() * 3);
    for (char ch : text) {
        auto c = static_cast<unsigned char>(ch);
        if (is_unreserved(c)) {
            out += ch;
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 0x0f];
        }
    }
    return out;
}

}  // namespace

std::string generate_secret() {
    std::string secret(20, '\0');
    randombytes_buf(secret.data(), secret.size());
    return secret;
}

std::string to_base32(std::string_view secret) {
    ensure_oath();
    OathBuffer out;
    int rc = oath_base32_encode(secret.data(), secret.size(), &out.data, &out.size);
    if (rc != OATH_OK) throw std::runtime_error(std::string("oath_base32_encode: ") + oath_strerror(rc));
    std::string text(out.data, out.size);
    while (!text.empty() && text.back() == '=') text.pop_back();
    return text;
}

Result<std::string> from_base32(std::string_view text) {
    ensure_oath();
    // liboath ignores spaces and case and tolerates missing padding, but not
    // padding in the middle; strip '=' so "MZXW6===" and "MZXW6" both decode.
    std::string cleaned;
    cleaned.reserve(text.size());
    for (char c : text)
        if (c != '=') cleaned += c;
    OathBuffer out;
    int rc = oath_base32_decode(cleaned.data(), cleaned.size(), &out.data, &out.size);
    sodium_memzero(cleaned.data(), cleaned.size());
    if (rc != OATH_OK)
        return fail(ErrorCode::invalid_input, "not a valid base32 secret",
                    std::string("oath_base32_decode: ") + oath_strerror(rc));
    if (out.size == 0) return fail(ErrorCode::invalid_input, "not a valid base32 secret", "empty secret");
    return std::string(out.data, out.size);
}

std::string code_at(std::string_view secret, std::chrono::system_clock::time_point when) {
    ensure_oath();
    char code[kDigits + 1] = {};
    int rc = oath_totp_generate(secret.data(), secret.size(), static_cast<time_t>(unix_seconds(when)),
                                static_cast<unsigned>(kStepSeconds), 0, kDigits, code);
    if (rc != OATH_OK) throw std::runtime_error(std::string("oath_totp_generate: ") + oath_strerror(rc));
    return std::string(code, kDigits);
}

std::optional<std::int64_t> verify(std::string_view secret, std::string_view code,
                                   std::chrono::system_clock::time_point now) {
    if (secret.empty() || !is_six_digits(code)) return std::nullopt;
    ensure_oath();
    const std::int64_t seconds = unix_seconds(now);
    if (seconds < kStepSeconds) return std::nullopt;  // step - 1 must not go below zero
    std::string expected(code);
    int position = 0;
    // Window 1: the current step and one either side (clock skew).
    int rc = oath_totp_validate2_callback(secret.data(), secret.size(), static_cast<time_t>(seconds),
                                          static_cast<unsigned>(kStepSeconds), 0, kDigits, 1, &position, compare_code,
                                          &expected);
    if (rc < 0) return std::nullopt;
    return seconds / kStepSeconds + position;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret) {
    std::string uri = "otpauth://totp/";
    if (!issuer.empty()) uri += percent_encode(issuer) + ":";
    uri += percent_encode(account);
    uri += "?secret=" + to_base32(secret);
    if (!issuer.empty()) uri += "&issuer=" + percent_encode(issuer);
    uri += "&algorithm=SHA1&digits=6&period=30";
    return uri;
}

}  // namespace comptoir::totp
