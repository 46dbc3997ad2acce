#pragma once
// "Was this article helpful?": one vote per visitor and article (changeable),
// an optional comment that lands in the authors' feedback inbox, and the
// inbox itself (staff mark items handled).
//
// A voter is `u:<user id>` when signed in, else `v:<hash of the anonymous
// visitor cookie>`; votes only count on articles the reader may see
// (not_found otherwise). kb_articles.helpful_count/unhelpful_count change in
// the vote's transaction. Error public messages are catalogue keys.
#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/audit/audit_log.hpp"
#include "domain/kb/model.hpp"
#include "storage/database.hpp"

namespace comptoir::kb {

inline constexpr std::size_t kMaxCommentBytes = 2000;

struct Vote {
    std::int64_t article_id = 0;
    std::string language;
    bool helpful = false;
    std::string comment;  // optional; ≤ kMaxCommentBytes, valid UTF-8
    /// The anonymous voter's client address: votes per address are limited
    /// (kVotesPerAddress an hour, then rate_limited). Empty for a signed-in
    /// voter, whom one vote per article already bounds.
    std::string client_address;
};

inline constexpr int kVotesPerAddress = 100;

struct InboxQuery {
    bool handled = false;  // false: open items; true: handled ones
    std::optional<std::int64_t> article_id;
    int page = 1;
    int per_page = 20;
};

class FeedbackService {
  public:
    FeedbackService(storage::Database& db, const audit::AuditLog& audit, Clock clock = system_clock());

    /// Records or changes the voter's vote; a non-empty comment is added to the
    /// inbox. Beyond kVotesPerAddress votes an hour from one client address:
    /// rate_limited "kb.error.too_many_votes".
    Result<void> vote(const Reader& reader, std::string_view voter, const Vote& vote);
    /// The voter's current vote on an article, if any.
    Result<std::optional<bool>> vote_of(std::string_view voter, std::int64_t article_id) const;

    // Staff only.
    Result<Paged<FeedbackItem>> inbox(const accounts::Principal& actor, const InboxQuery& query) const;
    Result<void> mark_handled(const accounts::Principal& actor, std::int64_t feedback_id, bool handled,
                              const accounts::RequestMeta& meta);

  private:
    storage::Database& db_;
    const audit::AuditLog& audit_;
    Clock clock_;
};

}  // namespace comptoir::kb
