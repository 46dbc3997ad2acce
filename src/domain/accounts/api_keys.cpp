#include "domain/accounts/api_keys.hpp"

#include <algorithm>

#include "core/crypto.hpp"
#include "domain/accounts/notices.hpp"
#include "text/words.hpp"

namespace comptoir::accounts {
namespace {

constexpr std::string_view kKeyTag = "ck_";
constexpr std::size_t kPrefixHexBytes = 6;  // 12 hex characters
constexpr std::size_t kSecretBytes = 32;    // 256 bits, 64 hex characters
constexpr std::size_t kPrefixLength = 3 + 2 * kPrefixHexBytes;
constexpr std::size_t kMinSecretLength = 43;  // what a key must carry at least to be considered
constexpr std::size_t kMaxSecretLength = 128;
constexpr std::int64_t kTouchEverySeconds = 60;
constexpr int kMaxPage = 100000;  // keeps OFFSET far from overflow

bool is_lower_hex(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// The stored hash is compared without an early exit, so the time taken says
// nothing about how much of a guessed key was right.
bool same_digest(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

std::vector<std::string> split_scopes(std::string_view text) {
    std::vector<std::string> scopes;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string_view::npos) end = text.size();
        if (end > start) scopes.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return scopes;
}

std::string join_scopes(const std::vector<std::string>& scopes) {
    std::string out;
    for (const auto& scope : scopes) {
        if (!out.empty()) out += ' ';
        out += scope;
    }
    return out;
}

bool known_scope(std::string_view scope) {
    return std::find(kApiScopes.begin(), kApiScopes.end(), scope) != kApiScopes.end();
}

std::string trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

bool has_control_character(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
    });
}

// Lengths of a key's name are counted in code points, not bytes.
std::size_t utf8_length(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

constexpr std::string_view kKeyColumns =
    "SELECT k.id, k.name, k.prefix, k.scopes, k.created_by, COALESCE(u.email, ''), k.created_at, k.last_used_at, "
    "k.revoked_at FROM api_keys k LEFT JOIN users u ON u.id = k.created_by ";

ApiKeyInfo read_key(const storage::Row& row) {
    ApiKeyInfo key;
    key.id = row.get<std::int64_t>(0);
    key.name = row.get<std::string>(1);
    key.prefix = row.get<std::string>(2);
    key.scopes = split_scopes(row.get<std::string>(3));
    key.created_by = row.get_opt<std::int64_t>(4);
    key.created_by_email = row.get<std::string>(5);
    key.created_at = row.get<std::int64_t>(6);
    key.last_used_at = row.get_opt<std::int64_t>(7);
    key.revoked_at = row.get_opt<std::int64_t>(8);
    return key;
}

// The key pages are for admins only; anyone else is told nothing exists.
Result<void> require_admin(const Principal& who) {
    if (!who.admin()) return fail(ErrorCode::not_found, "error.not_found", "api keys: not an admin");
    return {};
}

Result<void> require_scope(const ApiPrincipal& caller, std::string_view scope) {
    if (!caller.has_scope(scope))
        return fail(ErrorCode::forbidden, "admin_api.error.insufficient_scope",
                    "api key " + std::to_string(caller.key_id) + " lacks " + std::string(scope));
    return {};
}

}  // namespace

bool ApiPrincipal::has_scope(std::string_view scope) const {
    return std::find(scopes.begin(), scopes.end(), scope) != scopes.end();
}

bool looks_like_api_key(std::string_view key_text) {
    if (!key_text.starts_with(kKeyTag)) return false;
    if (key_text.size() < kPrefixLength + 1 + kMinSecretLength) return false;
    if (key_text.size() > kPrefixLength + 1 + kMaxSecretLength) return false;
    if (key_text[kPrefixLength] != '_') return false;
    return is_lower_hex(key_text.substr(kKeyTag.size(), kPrefixLength - kKeyTag.size())) &&
           is_lower_hex(key_text.substr(kPrefixLength + 1));
}

Result<NewApiKey> ApiKeyService::create(const Principal& who, std::string_view name,
                                        const std::vector<std::string>& scopes, const RequestMeta& meta) const {
    if (auto allowed = require_admin(who); !allowed) return std::unexpected(allowed.error());
    const std::string clean_name = trim(name);
    if (clean_name.empty()) return fail(ErrorCode::invalid_input, "admin_api.error.name_required");
    if (utf8_length(clean_name) > kMaxNameLength || has_control_character(clean_name))
        return fail(ErrorCode::invalid_input, "admin_api.error.name_invalid");
    std::vector<std::string> chosen;
    for (const auto& scope : scopes) {
        if (!known_scope(scope)) return fail(ErrorCode::invalid_input, "admin_api.error.scope_invalid");
        if (std::find(chosen.begin(), chosen.end(), scope) == chosen.end()) chosen.push_back(scope);
    }
    if (chosen.empty()) return fail(ErrorCode::invalid_input, "admin_api.error.scope_required");
    // Listed in the fixed order of kApiScopes, whatever order the form sent.
    std::sort(chosen.begin(), chosen.end(), [](const std::string& a, const std::string& b) {
        return std::find(kApiScopes.begin(), kApiScopes.end(), a) < std::find(kApiScopes.begin(), kApiScopes.end(), b);
    });

    const auto now = clock_();
    // A 48-bit prefix may collide with an existing one: draw again (UNIQUE refuses it).
    for (int attempt = 0; attempt < 3; ++attempt) {
        NewApiKey created;
        created.info.prefix = std::string(kKeyTag) + crypto::random_hex(kPrefixHexBytes);
        created.key = created.info.prefix + "_" + crypto::random_hex(kSecretBytes);
        created.info.name = clean_name;
        created.info.scopes = chosen;
        created.info.created_by = who.user_id;
        created.info.created_by_email = who.email;
        created.info.created_at = now;

        auto tx = db_.write();
        if (!tx) return std::unexpected(tx.error());
        auto taken = tx->query_with("SELECT 1 FROM api_keys WHERE prefix = $1", created.info.prefix);
        if (!taken) return std::unexpected(taken.error());
        if (!taken->empty()) continue;
        auto rows = tx->query_with(
            "INSERT INTO api_keys (prefix, key_hash, name, scopes, created_by, created_at) "
            "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            created.info.prefix, crypto::sha256_hex(created.key), clean_name, join_scopes(chosen), who.user_id, now);
        if (!rows) return std::unexpected(rows.error());
        created.info.id = rows->one().get<std::int64_t>(0);
        auto audited = audit_.append(
            *tx,
            audit_event(meta, "api_key.created", &who, "api_key:" + std::to_string(created.info.id),
                        {{"name", clean_name}, {"prefix", created.info.prefix}, {"scopes", join_scopes(chosen)}}),
            now);
        if (!audited) return std::unexpected(audited.error());
        if (auto committed = tx->commit(); !committed) return std::unexpected(committed.error());
        return created;
    }
    return fail(ErrorCode::internal, "error.internal", "api key prefix collided three times");
}

Result<std::vector<ApiKeyInfo>> ApiKeyService::list(const Principal& who) const {
    if (auto allowed = require_admin(who); !allowed) return std::unexpected(allowed.error());
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    auto rows = tx->query(std::string(kKeyColumns) + "ORDER BY k.id DESC");
    if (!rows) return std::unexpected(rows.error());
    std::vector<ApiKeyInfo> keys;
    keys.reserve(rows->rows.size());
    for (const auto& row : rows->rows) keys.push_back(read_key(row));
    return keys;
}

Result<void> ApiKeyService::revoke(const Principal& who, std::int64_t id, const RequestMeta& meta) const {
    if (auto allowed = require_admin(who); !allowed) return std::unexpected(allowed.error());
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    auto rows = tx->query_with(std::string(kKeyColumns) + "WHERE k.id = $1", id);
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return fail(ErrorCode::not_found, "error.not_found", "api key " + std::to_string(id));
    const ApiKeyInfo key = read_key(rows->one());
    if (key.revoked()) return {};
    auto updated = tx->query_with("UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL", now, id);
    if (!updated) return std::unexpected(updated.error());
    auto audited = audit_.append(*tx,
                                 audit_event(meta, "api_key.revoked", &who, "api_key:" + std::to_string(id),
                                             {{"name", key.name}, {"prefix", key.prefix}}),
                                 now);
    if (!audited) return std::unexpected(audited.error());
    if (auto committed = tx->commit(); !committed) return std::unexpected(committed.error());
    return {};
}

Result<std::optional<ApiPrincipal>> ApiKeyService::authenticate(std::string_view key_text) const {
    if (!looks_like_api_key(key_text)) return std::optional<ApiPrincipal>{};
    const std::string prefix(key_text.substr(0, kPrefixLength));
    const std::string hash = crypto::sha256_hex(key_text);
    const auto now = clock_();
    ApiPrincipal principal;
    std::optional<std::int64_t> last_used;
    {
        auto tx = db_.read();
        if (!tx) return std::unexpected(tx.error());
        auto rows = tx->query_with(
            "SELECT id, key_hash, name, scopes, created_by, last_used_at, revoked_at FROM api_keys WHERE prefix = $1",
            prefix);
        if (!rows) return std::unexpected(rows.error());
        if (rows->empty()) return std::optional<ApiPrincipal>{};
        const auto& row = rows->one();
        const bool matches = same_digest(row.get<std::string>(1), hash);
        if (!matches || !row.is_null(6)) return std::optional<ApiPrincipal>{};
        principal.key_id = row.get<std::int64_t>(0);
        principal.name = row.get<std::string>(2);
        principal.scopes = split_scopes(row.get<std::string>(3));
        principal.created_by = row.get_opt<std::int64_t>(4);
        last_used = row.get_opt<std::int64_t>(5);
    }
    // Recording every call would turn each API read into a write; a minute's precision is enough.
    if (!last_used || now - *last_used >= kTouchEverySeconds) {
        auto tx = db_.write();
        if (!tx) return std::unexpected(tx.error());
        auto touched = tx->query_with(
            "UPDATE api_keys SET last_used_at = $1 WHERE id = $2 AND (last_used_at IS NULL OR last_used_at <= $3)", now,
            principal.key_id, now - kTouchEverySeconds);
        if (!touched) return std::unexpected(touched.error());
        if (auto committed = tx->commit(); !committed) return std::unexpected(committed.error());
    }
    return std::optional<ApiPrincipal>{std::move(principal)};
}

Result<ApiOrganisationPage> ApiKeyService::organisations(const ApiPrincipal& caller, std::string_view query,
                                                         int page) const {
    if (auto allowed = require_scope(caller, "organisations:read"); !allowed) return std::unexpected(allowed.error());
    ApiOrganisationPage result;
    result.page = std::clamp(page, 1, kMaxPage);
    const std::string needle(trim(query));
    const std::string pattern = text::like_contains(needle);
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    // One row more than a page tells whether another page follows.
    auto rows = tx->query_with(
        "SELECT o.id, o.slug, o.name, (SELECT COUNT(*) FROM users u WHERE u.organisation_id = o.id) "
        "FROM organisations o WHERE ($1 = '' OR LOWER(o.name) LIKE $2 ESCAPE '\\' OR LOWER(o.slug) LIKE $2 ESCAPE "
        "'\\') ORDER BY o.name, o.id LIMIT $3 OFFSET $4",
        needle, pattern, static_cast<std::int64_t>(kPageSize + 1),
        static_cast<std::int64_t>(result.page - 1) * kPageSize);
    if (!rows) return std::unexpected(rows.error());
    for (const auto& row : rows->rows) {
        if (result.items.size() == static_cast<std::size_t>(kPageSize)) {
            result.has_more = true;
            break;
        }
        result.items.push_back(
            {row.get<std::int64_t>(0), row.get<std::string>(1), row.get<std::string>(2), row.get<std::int64_t>(3)});
    }
    return result;
}

Result<std::vector<ApiUser>> ApiKeyService::organisation_users(const ApiPrincipal& caller, std::int64_t id) const {
    if (auto allowed = require_scope(caller, "users:read"); !allowed) return std::unexpected(allowed.error());
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    auto exists = tx->query_with("SELECT 1 FROM organisations WHERE id = $1", id);
    if (!exists) return std::unexpected(exists.error());
    if (exists->empty()) return fail(ErrorCode::not_found, "error.not_found", "organisation " + std::to_string(id));
    auto rows = tx->query_with(
        "SELECT id, email, display_name, role, active, created_at FROM users WHERE organisation_id = $1 ORDER BY id",
        id);
    if (!rows) return std::unexpected(rows.error());
    std::vector<ApiUser> users;
    users.reserve(rows->rows.size());
    for (const auto& row : rows->rows) {
        ApiUser user;
        user.id = row.get<std::int64_t>(0);
        user.email = row.get<std::string>(1);
        user.display_name = row.get<std::string>(2);
        user.role = parse_role(row.get<std::string>(3)).value_or(Role::customer);
        user.active = row.get<bool>(4);
        user.created_at = row.get<std::int64_t>(5);
        users.push_back(std::move(user));
    }
    return users;
}

}  // namespace comptoir::accounts
