#pragma once
// The article page as the GET shows it and as the vote re-shows it after a
// refusal (with the visitor's comment and the problem), and the parts of
// its ETag.
#include <optional>
#include <string>
#include <string_view>

#include "domain/kb/model.hpp"
#include "http/message.hpp"
#include "web/auth.hpp"
#include "web/deps.hpp"

namespace comptoir::web::kb_public {

/// The feedback form as the visitor sent it, after a refusal.
struct FeedbackForm {
    std::string comment;
    std::string error_key;  // catalogue key of the problem; empty: none
};

/// What the page shows besides the article.
struct ArticleState {
    std::optional<bool> vote;  // this visitor's current vote
    bool thanks = false;       // just voted (?voted=1)
    FeedbackForm form;
};

/// The whole article page (no caching headers: the caller decides).
http::Response render_article(const Deps& deps, const http::Request& request, const Visitor& visitor,
                              std::string_view lang, const kb::Article& article, const ArticleState& state,
                              int status = 200);

/// What the page differs by for one visitor besides the article: "anonymous",
/// or the signed-in user and session (the header shows them), and the vote.
std::string visitor_kind(const Visitor& visitor, const ArticleState& state);

}  // namespace comptoir::web::kb_public
