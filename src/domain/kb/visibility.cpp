#include "domain/kb/visibility.hpp"

namespace comptoir::kb {

// Mirrors COMPTOIR_KB_VISIBLE_ARTICLE term by term; article_service_test checks
// that both give the same answer over the whole reader × article matrix.
bool visible_to(const Reader& reader, Status status, Visibility visibility, std::optional<std::int64_t> publish_at,
                bool organisation_listed, std::int64_t now) {
    if (reader.staff()) return true;
    if (status != Status::published) return false;
    if (publish_at && *publish_at > now) return false;
    switch (visibility) {
        case Visibility::public_:
            return true;
        case Visibility::customers:
            return reader.signed_in();
        case Visibility::organisations:
            return reader.signed_in() && organisation_listed;
        case Visibility::internal:
            return false;
    }
    return false;
}

}  // namespace comptoir::kb
