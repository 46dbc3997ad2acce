#include "domain/accounts/tokens.hpp"

#include "core/crypto.hpp"

namespace comptoir::accounts {

std::string_view to_string(TokenPurpose purpose) {
    switch (purpose) {
        case TokenPurpose::verify_email:
            return "verify_email";
        case TokenPurpose::reset_password:
            return "reset_password";
        case TokenPurpose::invitation:
            return "invitation";
        case TokenPurpose::change_email:
            return "change_email";
    }
    return "verify_email";
}

namespace tokens {

Result<std::string> issue(storage::Transaction& tx, TokenPurpose purpose, std::int64_t user_id, std::int64_t now,
                          std::int64_t ttl_seconds, std::optional<std::string> new_email) {
    if (auto old = tx.query_with(
            "UPDATE one_time_tokens SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL", now,
            user_id, to_string(purpose));
        !old)
        return std::unexpected(old.error());
    std::string token = crypto::random_hex(32);
    auto inserted = tx.query_with(
        "INSERT INTO one_time_tokens (token_hash, purpose, user_id, new_email, created_at, expires_at) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        crypto::sha256_hex(token), to_string(purpose), user_id, new_email, now, now + ttl_seconds);
    if (!inserted) return std::unexpected(inserted.error());
    return token;
}

namespace {
Result<std::pair<std::int64_t, TokenUse>> find(storage::Transaction& tx, TokenPurpose purpose, std::string_view token,
                                               std::int64_t now) {
    auto invalid = [] { return fail(ErrorCode::not_found, "auth.error.link_invalid"); };
    if (token.size() != 64) return invalid();
    auto rows = tx.query_with(
        "SELECT id, user_id, new_email FROM one_time_tokens WHERE token_hash = $1 AND purpose = $2 "
        "AND used_at IS NULL AND expires_at > $3",
        crypto::sha256_hex(token), to_string(purpose), now);
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return invalid();
    const auto& row = rows->one();
    return std::pair{row.get<std::int64_t>(0), TokenUse{row.get<std::int64_t>(1), row.get_opt<std::string>(2)}};
}
}  // namespace

Result<TokenUse> peek(storage::Transaction& tx, TokenPurpose purpose, std::string_view token, std::int64_t now) {
    auto found = find(tx, purpose, token, now);
    if (!found) return std::unexpected(found.error());
    return found->second;
}

Result<TokenUse> consume(storage::Transaction& tx, TokenPurpose purpose, std::string_view token, std::int64_t now) {
    auto found = find(tx, purpose, token, now);
    if (!found) return std::unexpected(found.error());
    // The used_at condition makes a concurrent second use of the same token affect no row.
    auto used =
        tx.query_with("UPDATE one_time_tokens SET used_at = $1 WHERE id = $2 AND used_at IS NULL", now, found->first);
    if (!used) return std::unexpected(used.error());
    if (used->affected == 0) return fail(ErrorCode::not_found, "auth.error.link_invalid");
    return found->second;
}

}  // namespace tokens
}  // namespace comptoir::accounts
