#pragma once
// Browser sessions. The cookie carries a 256-bit random token; the database
// keeps only its SHA-256, so a leaked table yields no usable cookie. A session
// ends when idle too long, at its absolute lifetime, when revoked, or as soon
// as its user (or the user's organisation) is deactivated.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/accounts/model.hpp"
#include "domain/accounts/users.hpp"
#include "storage/database.hpp"

namespace comptoir::accounts {

struct SessionSettings {
    std::int64_t idle_seconds = 30 * 60;
    std::int64_t absolute_seconds = 12 * 3600;
};

/// 'mfa': password checked, second factor still due. 'full': signed in.
enum class SessionStage { mfa, full };

struct NewSession {
    std::int64_t id = 0;
    std::string token;  // for the cookie only: never logged, never stored
    std::string csrf_token;
};

struct SessionRecord {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    SessionStage stage = SessionStage::full;
    std::string csrf_token;
    std::string user_agent;
    std::string client_addr;
    std::int64_t created_at = 0, last_seen_at = 0, expires_at = 0;
};

struct Authenticated {
    SessionRecord session;
    UserRecord user;
};

class Sessions {
  public:
    Sessions(storage::Database& db, SessionSettings settings, Clock clock)
        : db_(db), settings_(settings), clock_(std::move(clock)) {}

    const SessionSettings& settings() const { return settings_; }
    std::int64_t now() const { return clock_(); }

    /// Starts a session for `user_id` in `tx`.
    Result<NewSession> create(storage::Transaction& tx, std::int64_t user_id, SessionStage stage,
                              const RequestMeta& meta) const;

    /// The session behind a cookie token, or nullopt when the token is unknown,
    /// expired (idle or absolute), or its user can no longer sign in. Records
    /// activity: the time at most once a minute per session, and the client
    /// address as soon as it changes (empty `client_addr`: not known, kept).
    Result<std::optional<Authenticated>> authenticate(std::string_view token, std::string_view client_addr = {}) const;

    /// Replaces the session's token and CSRF token (privilege change: second
    /// factor done), optionally moving it to `stage`.
    Result<NewSession> rotate(storage::Transaction& tx, std::int64_t session_id, SessionStage stage) const;

    /// The user's sessions, most recently used first.
    Result<std::vector<SessionRecord>> list(storage::Transaction& tx, std::int64_t user_id) const;
    /// Ends one of the user's sessions; false if the user has no such session.
    Result<bool> revoke(storage::Transaction& tx, std::int64_t user_id, std::int64_t session_id) const;
    /// Ends all of the user's sessions but `keep` (if given); returns how many ended.
    Result<std::int64_t> revoke_all(storage::Transaction& tx, std::int64_t user_id,
                                    std::optional<std::int64_t> keep = std::nullopt) const;

  private:
    storage::Database& db_;
    SessionSettings settings_;
    Clock clock_;
};

std::string_view to_string(SessionStage stage);

}  // namespace comptoir::accounts
