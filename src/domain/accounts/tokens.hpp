#pragma once
// Single-use tokens sent in e-mailed links (verify an address, reset a
// password, accept an invitation, confirm a new address). Only the SHA-256 of
// a token is stored; a token works once, before it expires, for its purpose.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "storage/database.hpp"

namespace comptoir::accounts {

enum class TokenPurpose { verify_email, reset_password, invitation, change_email };
std::string_view to_string(TokenPurpose purpose);

struct TokenUse {
    std::int64_t user_id = 0;
    std::optional<std::string> new_email;
};

namespace tokens {

/// A fresh token for `user_id`; earlier unused tokens of the same purpose for
/// this user stop working (only the latest link is valid).
Result<std::string> issue(storage::Transaction& tx, TokenPurpose purpose, std::int64_t user_id, std::int64_t now,
                          std::int64_t ttl_seconds, std::optional<std::string> new_email = std::nullopt);

/// The token's owner, without using it (to show a form).
Result<TokenUse> peek(storage::Transaction& tx, TokenPurpose purpose, std::string_view token, std::int64_t now);

/// Marks the token used and returns its owner. Fails with not_found (message
/// "auth.error.link_invalid") when unknown, used, expired or for another purpose.
Result<TokenUse> consume(storage::Transaction& tx, TokenPurpose purpose, std::string_view token, std::int64_t now);

}  // namespace tokens
}  // namespace comptoir::accounts
