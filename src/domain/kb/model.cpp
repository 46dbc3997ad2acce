#include "domain/kb/model.hpp"

namespace comptoir::kb {

std::string_view to_string(Status status) {
    switch (status) {
        case Status::draft:
            return "draft";
        case Status::review:
            return "review";
        case Status::published:
            return "published";
        case Status::archived:
            return "archived";
    }
    return "draft";
}

std::string_view to_string(Visibility visibility) {
    switch (visibility) {
        case Visibility::public_:
            return "public";
        case Visibility::customers:
            return "customers";
        case Visibility::organisations:
            return "organisations";
        case Visibility::internal:
            return "internal";
    }
    return "internal";
}

std::string_view to_string(CategoryKind kind) { return kind == CategoryKind::faq ? "faq" : "kb"; }

std::optional<Status> parse_status(std::string_view text) {
    for (auto status : {Status::draft, Status::review, Status::published, Status::archived})
        if (to_string(status) == text) return status;
    return std::nullopt;
}

std::optional<Visibility> parse_visibility(std::string_view text) {
    for (auto visibility :
         {Visibility::public_, Visibility::customers, Visibility::organisations, Visibility::internal})
        if (to_string(visibility) == text) return visibility;
    return std::nullopt;
}

std::optional<CategoryKind> parse_category_kind(std::string_view text) {
    if (text == "kb") return CategoryKind::kb;
    if (text == "faq") return CategoryKind::faq;
    return std::nullopt;
}

}  // namespace comptoir::kb
