#include "domain/accounts/sessions.hpp"

#include "core/crypto.hpp"

namespace comptoir::accounts {
namespace {

constexpr std::size_t kTokenBytes = 32;  // 256 bits
constexpr std::int64_t kTouchEverySeconds = 60;
constexpr std::size_t kMaxUserAgent = 300;

constexpr std::string_view kSessionColumns =
    "s.id, s.user_id, s.stage, s.csrf_token, s.user_agent, s.client_addr, s.created_at, s.last_seen_at, "
    "s.expires_at";

SessionRecord read_session(const storage::Row& row, std::size_t first = 0) {
    SessionRecord s;
    s.id = row.get<std::int64_t>(first + 0);
    s.user_id = row.get<std::int64_t>(first + 1);
    s.stage = row.get<std::string>(first + 2) == "mfa" ? SessionStage::mfa : SessionStage::full;
    s.csrf_token = row.get<std::string>(first + 3);
    s.user_agent = row.get<std::string>(first + 4);
    s.client_addr = row.get<std::string>(first + 5);
    s.created_at = row.get<std::int64_t>(first + 6);
    s.last_seen_at = row.get<std::int64_t>(first + 7);
    s.expires_at = row.get<std::int64_t>(first + 8);
    return s;
}

// The user-agent is kept for the "your devices" page; cut at a character boundary.
std::string clip_user_agent(std::string_view ua) {
    if (ua.size() <= kMaxUserAgent) return std::string(ua);
    std::size_t cut = kMaxUserAgent;
    while (cut > 0 && (static_cast<unsigned char>(ua[cut]) & 0xC0) == 0x80) --cut;
    return std::string(ua.substr(0, cut));
}

}  // namespace

std::string_view to_string(SessionStage stage) { return stage == SessionStage::mfa ? "mfa" : "full"; }

Result<NewSession> Sessions::create(storage::Transaction& tx, std::int64_t user_id, SessionStage stage,
                                    const RequestMeta& meta) const {
    NewSession session;
    session.token = crypto::random_hex(kTokenBytes);
    session.csrf_token = crypto::random_hex(kTokenBytes);
    const auto now = clock_();
    auto rows = tx.query_with(
        "INSERT INTO sessions (token_hash, user_id, stage, csrf_token, user_agent, client_addr, created_at, "
        "last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8) RETURNING id",
        crypto::sha256_hex(session.token), user_id, to_string(stage), session.csrf_token,
        clip_user_agent(meta.user_agent), meta.client_addr, now, now + settings_.absolute_seconds);
    if (!rows) return std::unexpected(rows.error());
    session.id = rows->one().get<std::int64_t>(0);
    return session;
}

Result<std::optional<Authenticated>> Sessions::authenticate(std::string_view token,
                                                            std::string_view client_addr) const {
    if (token.size() != kTokenBytes * 2) return std::optional<Authenticated>{};
    const auto now = clock_();
    const std::string hash = crypto::sha256_hex(token);
    Authenticated found;
    {
        auto tx = db_.read();
        if (!tx) return std::unexpected(tx.error());
        auto rows =
            tx->query_with("SELECT " + std::string(kSessionColumns) + " FROM sessions s WHERE s.token_hash = $1", hash);
        if (!rows) return std::unexpected(rows.error());
        if (rows->empty()) return std::optional<Authenticated>{};
        found.session = read_session(rows->one());
        auto user = find_user(*tx, found.session.user_id);
        if (!user) return std::unexpected(user.error());
        if (!*user) return std::optional<Authenticated>{};
        found.user = std::move(**user);
    }
    const auto& s = found.session;
    const bool expired = now >= s.expires_at || now - s.last_seen_at >= settings_.idle_seconds;
    const bool allowed = found.user.active && found.user.organisation_active;
    if (expired || !allowed) {
        // An ended session is removed at once: its cookie can never come back.
        auto tx = db_.write();
        if (!tx) return std::unexpected(tx.error());
        if (auto gone = tx->query_with("DELETE FROM sessions WHERE id = $1", s.id); !gone)
            return std::unexpected(gone.error());
        if (auto done = tx->commit(); !done) return std::unexpected(done.error());
        return std::optional<Authenticated>{};
    }
    // "Your devices" shows where each session was last used: a new address is
    // written at once, the time at most once a minute (a write per request
    // would be the cost otherwise).
    const bool moved = !client_addr.empty() && client_addr != s.client_addr;
    if (moved || now - s.last_seen_at >= kTouchEverySeconds) {
        const std::string addr = moved ? std::string(client_addr) : s.client_addr;
        auto tx = db_.write();
        if (!tx) return std::unexpected(tx.error());
        if (auto touched = tx->query_with("UPDATE sessions SET last_seen_at = $1, client_addr = $2 WHERE id = $3", now,
                                          addr, s.id);
            !touched)
            return std::unexpected(touched.error());
        if (auto done = tx->commit(); !done) return std::unexpected(done.error());
        found.session.last_seen_at = now;
        found.session.client_addr = addr;
    }
    return std::optional<Authenticated>{std::move(found)};
}

Result<NewSession> Sessions::rotate(storage::Transaction& tx, std::int64_t session_id, SessionStage stage) const {
    NewSession session;
    session.id = session_id;
    session.token = crypto::random_hex(kTokenBytes);
    session.csrf_token = crypto::random_hex(kTokenBytes);
    auto rows = tx.query_with(
        "UPDATE sessions SET token_hash = $1, csrf_token = $2, stage = $3, last_seen_at = $4 WHERE id = $5",
        crypto::sha256_hex(session.token), session.csrf_token, to_string(stage), clock_(), session_id);
    if (!rows) return std::unexpected(rows.error());
    if (rows->affected == 0) return fail(ErrorCode::unauthenticated, "auth.error.session_ended");
    return session;
}

Result<std::vector<SessionRecord>> Sessions::list(storage::Transaction& tx, std::int64_t user_id) const {
    const auto now = clock_();
    auto rows = tx.query_with("SELECT " + std::string(kSessionColumns) +
                                  " FROM sessions s WHERE s.user_id = $1 AND s.stage = 'full' AND s.expires_at > $2 "
                                  "AND s.last_seen_at > $3 ORDER BY s.last_seen_at DESC, s.id DESC",
                              user_id, now, now - settings_.idle_seconds);
    if (!rows) return std::unexpected(rows.error());
    std::vector<SessionRecord> out;
    for (const auto& row : rows->rows) out.push_back(read_session(row));
    return out;
}

Result<bool> Sessions::revoke(storage::Transaction& tx, std::int64_t user_id, std::int64_t session_id) const {
    auto rows = tx.query_with("DELETE FROM sessions WHERE id = $1 AND user_id = $2", session_id, user_id);
    if (!rows) return std::unexpected(rows.error());
    return rows->affected > 0;
}

Result<std::int64_t> Sessions::revoke_all(storage::Transaction& tx, std::int64_t user_id,
                                          std::optional<std::int64_t> keep) const {
    auto rows = tx.query_with("DELETE FROM sessions WHERE user_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR id <> $2)",
                              user_id, keep);
    if (!rows) return std::unexpected(rows.error());
    return rows->affected;
}

}  // namespace comptoir::accounts
