// POST /kb/{lang}/articles/{id}/vote — "Was this article helpful?" (helpful=
// yes|no, optional comment). One vote per visitor and article, changed by
// voting again: signed-in users vote as themselves (their form carries the
// session's CSRF token), anonymous visitors through the `comptoir_visitor`
// cookie, set here when absent; their form has no token (the page is shared
// by every anonymous visitor), so a foreign Origin is what is refused. Done:
// 303 back to the article's feedback; refused: the article again with the
// problem and the comment as typed.
#include "core/crypto.hpp"
#include "domain/kb/article_service.hpp"
#include "domain/kb/feedback_service.hpp"
#include "web/errors.hpp"
#include "web/kb/actions.hpp"
#include "web/kb/article_view.hpp"
#include "web/kb/urls.hpp"
#include "web/kb/views.hpp"

namespace comptoir::web {

namespace {

// The service's refusals as this form's messages.
std::string feedback_error_key(const Error& error) {
    if (error.public_message == "kb.error.comment_too_long") return "kb.feedback.error.comment_too_long";
    if (error.public_message == "kb.error.text_invalid") return "kb.feedback.error.comment_invalid";
    if (error.public_message == "kb.error.too_many_votes") return "kb.feedback.error.too_many";
    return "kb.feedback.error.generic";
}

}  // namespace

http::Response kb_vote(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_public;
    const auto lang = url_language(deps, request);
    if (!lang) return error_page(deps, 404, request);
    const bool allowed = visitor.session ? csrf_ok(deps, request, visitor) : same_origin_request(deps.site, request);
    if (!allowed) return error_in(deps, request, visitor, *lang, 403);
    const auto id = parse_id_slug(request.params["id"]);
    if (!id) return error_in(deps, request, visitor, *lang, 404);
    if (!services_ready(deps)) return error_in(deps, request, visitor, *lang, 503);
    const auto reader = reader_of(visitor);

    ArticleState state;
    int status = 400;  // the form shown again with its problem
    state.form.comment = request.form_param("comment").value_or("");
    const auto choice = request.form_param("helpful");
    std::string new_cookie;
    if (choice != "yes" && choice != "no") {
        state.form.error_key = "kb.feedback.error.choice";
    } else {
        std::string voter;
        if (visitor.principal) {
            voter = "u:" + std::to_string(visitor.principal->user_id);
        } else {
            auto cookie = visitor_cookie(request);
            if (!cookie) cookie = new_cookie = crypto::random_hex(16);
            voter = anonymous_voter(*cookie);
        }
        kb::Vote vote;
        vote.article_id = id->id;
        vote.language = *lang;
        vote.helpful = choice == "yes";
        vote.comment = state.form.comment;
        if (!visitor.principal) vote.client_address = request.client_addr;
        auto done = deps.services.kb_feedback->vote(reader, voter, vote);
        if (done) {
            const std::int64_t ids[] = {id->id};
            auto titles = deps.services.kb_articles->titles(reader, ids, *lang);
            const std::string slug = titles && !titles->empty() ? titles->front().slug : "";
            auto response = http::Response::redirect(kb_article_path(*lang, id->id, slug) + "?voted=1#feedback");
            if (!new_cookie.empty()) set_visitor_cookie(response, request, new_cookie);
            return response;
        }
        const auto code = done.error().code;
        if (code != ErrorCode::invalid_input && code != ErrorCode::rate_limited)
            return error_in(deps, request, visitor, *lang, done.error());
        state.form.error_key = feedback_error_key(done.error());
        if (code == ErrorCode::rate_limited) status = 429;
        if (auto voter_vote = deps.services.kb_feedback->vote_of(voter, id->id); voter_vote) state.vote = *voter_vote;
    }

    auto article = deps.services.kb_articles->get(reader, id->id, *lang);
    if (!article) return error_in(deps, request, visitor, *lang, article.error());
    auto response = render_article(deps, request, visitor, *lang, *article, state, status);
    response.headers.set("Cache-Control", "no-store");
    return response;
}

}  // namespace comptoir::web
