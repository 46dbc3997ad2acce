#pragma once
// TOTP second factor (RFC 6238, HMAC-SHA1, 6 digits, 30 s steps) on liboath.
// Replay protection is the caller's: verify() returns the time step a code
// matched so the caller can store it and refuse any code at or before it.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace comptoir::totp {

inline constexpr int kDigits = 6;
inline constexpr std::int64_t kStepSeconds = 30;

/// A new random 20-byte secret (raw bytes).
std::string generate_secret();

/// RFC 4648 base32 without padding, upper case, for display and otpauth URIs.
std::string to_base32(std::string_view secret);
/// Inverse of to_base32 (case-insensitive, spaces and padding ignored).
/// ErrorCode::invalid_input for characters outside the alphabet or empty text.
Result<std::string> from_base32(std::string_view text);

/// The code for `secret` at `when` (for tests and tools).
std::string code_at(std::string_view secret, std::chrono::system_clock::time_point when);

/// The time step (unix seconds / 30) whose code equals `code`, looking at the
/// current step and one step either side (clock skew). nullopt if none.
/// `code` must be exactly 6 ASCII digits (spaces are stripped by the caller).
std::optional<std::int64_t> verify(std::string_view secret, std::string_view code,
                                   std::chrono::system_clock::time_point now);

/// otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30
/// with ISSUER and ACCOUNT percent-encoded (everything but RFC 3986 unreserved
/// characters, so ':' '@' '+' and UTF-8 bytes too). `secret` is the raw bytes;
/// the URI carries its base32. An empty issuer drops the prefix and parameter.
std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret);

}  // namespace comptoir::totp
