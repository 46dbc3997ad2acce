#pragma once
// Encryption at rest for small secrets (TOTP seeds): XChaCha20-Poly1305 from
// libsodium with a 32-byte key that lives outside the database (config or a
// key file). Ciphertext is "v1:" + hex(nonce || ciphertext+tag).
#include <filesystem>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace comptoir::crypto {

class SecretBox {
  public:
    /// From 64 hex digits.
    static Result<SecretBox> from_hex(std::string_view hex);
    /// Reads 64 hex digits (surrounding whitespace ignored) from `file`. When the
    /// file does not exist and `create_if_missing`, writes a new random key there
    /// with mode 0600 (creating parent directories) and uses it. Errors name the
    /// file in public_message (meant for the operator at start-up); a file with
    /// bad content is never overwritten.
    static Result<SecretBox> from_file(const std::filesystem::path& file, bool create_if_missing);

    /// `associated` binds the ciphertext to its row (e.g. "totp:user:42"), so a
    /// sealed value copied to another row does not open.
    std::string seal(std::string_view plaintext, std::string_view associated) const;
    /// Fails (ErrorCode::internal) on a tampered, truncated or foreign ciphertext
    /// or a different `associated`.
    Result<std::string> open(std::string_view sealed, std::string_view associated) const;

    SecretBox(const SecretBox&) = default;
    SecretBox& operator=(const SecretBox&) = default;
    ~SecretBox();

  private:
    SecretBox() = default;
    unsigned char key_[32] = {};
};

}  // namespace comptoir::crypto
