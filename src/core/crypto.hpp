#pragma once
// Thin wrappers over libsodium, so no other file includes sodium.h.
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace comptoir::crypto {

/// Initialises libsodium; call once before any other function (idempotent).
void init();

/// Argon2id hash (libsodium interactive limits) in libsodium's encoded form.
Result<std::string> hash_password(std::string_view password);
/// True when `password` matches `encoded`; constant-time comparison.
bool verify_password(std::string_view encoded, std::string_view password);

/// `bytes` random bytes as lowercase hex.
std::string random_hex(std::size_t bytes);

/// SHA-256 of `data` as lowercase hex.
std::string sha256_hex(std::string_view data);

/// Standard base64 with padding (RFC 4648 §4).
std::string to_base64(std::string_view bytes);
/// The bytes of standard base64 text; nullopt when `text` is not that.
std::optional<std::string> from_base64(std::string_view text);

}  // namespace comptoir::crypto
