// Routes of the public knowledge base: its pages per language (/kb/<lang>/…),
// the FAQ, search and suggestions, and what search engines read.
#include "web/routes.hpp"
#include "web/actions.hpp"
#include "web/guards.hpp"
#include "web/kb/actions.hpp"

namespace comptoir::web {

void register_kb_routes(http::Router& router, const Deps& deps) {
    router.get("/kb", public_page(deps, kb_root));
    // Before /kb/{lang}: the first matching route wins.
    router.get("/kb/suggest", public_page(deps, kb_suggest));
    router.get("/kb/{lang}", public_page(deps, kb_home_page));
    router.get("/kb/{lang}/faq", public_page(deps, kb_faq_page));
    router.get("/kb/{lang}/categories/{id}", public_page(deps, kb_category_page));
    // Anonymous cache hits are answered on the network thread (no worker hop).
    router.get_cached(
        "/kb/{lang}/articles/{id}", [d = &deps](http::Request& request) { return kb_article_from_cache(*d, request); },
        public_page(deps, kb_article_page));
    // The vote checks its own origin: with the session's token when signed in,
    // by Origin alone for anonymous visitors, whose (cacheable) page has no token.
    router.post("/kb/{lang}/articles/{id}/vote", public_page(deps, kb_vote));
    router.get("/kb/{lang}/articles/{id}/attachments/{attachment_id}", public_page(deps, kb_attachment));
    router.get("/faq", public_page(deps, kb_faq_page));
    router.get("/search", public_page(deps, search_page));
    router.get("/sitemap.xml", public_page(deps, kb_sitemap));
    router.get("/sitemaps/{part}", public_page(deps, kb_sitemap_part));
    router.get("/robots.txt", public_page(deps, kb_robots));
}

}  // namespace comptoir::web
