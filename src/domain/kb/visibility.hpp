#pragma once
// The one rule deciding which articles a reader sees, as SQL shared by every
// knowledge-base query (pages, search, suggestions, related lists, sitemap,
// API) so that no route can forget it.
//
// Queries embed kVisibleArticle (article alias `a`) and bind its four
// parameters first, in this order, with visibility_params():
//   $1 now (unix seconds)   $2 1 when the reader is staff
//   $3 1 when signed in     $4 the reader's organisation id, or -1
// Their own parameters start at $5.
#include <array>
#include <cstdint>

#include "domain/kb/model.hpp"
#include "storage/database.hpp"

namespace comptoir::kb {

// Staff see every article; others see published ones whose publication time
// has come and whose visibility admits them. Archived, draft, review,
// scheduled and internal articles never pass for a customer.
#define COMPTOIR_KB_VISIBLE_ARTICLE                                                                     \
    "($2 = 1 OR (a.status = 'published' AND (a.publish_at IS NULL OR a.publish_at <= $1) AND "          \
    "(a.visibility = 'public' OR (a.visibility = 'customers' AND $3 = 1) OR "                           \
    "(a.visibility = 'organisations' AND $3 = 1 AND EXISTS (SELECT 1 FROM kb_article_organisations ao " \
    "WHERE ao.article_id = a.id AND ao.organisation_id = $4)))))"

/// The four leading parameters of a query embedding COMPTOIR_KB_VISIBLE_ARTICLE.
inline std::array<storage::Value, 4> visibility_params(const Reader& reader, std::int64_t now) {
    std::int64_t organisation = -1;
    if (reader.principal && reader.principal->organisation_id) organisation = *reader.principal->organisation_id;
    return {storage::Value(now), storage::Value(std::int64_t{reader.staff() ? 1 : 0}),
            storage::Value(std::int64_t{reader.signed_in() ? 1 : 0}), storage::Value(organisation)};
}

/// Whether one article row passes the same rule (for single-object checks in C++).
bool visible_to(const Reader& reader, Status status, Visibility visibility, std::optional<std::int64_t> publish_at,
                bool organisation_listed, std::int64_t now);

}  // namespace comptoir::kb
