// GET /kb — the knowledge base lives under its language: 302 to /kb/<lang>,
// the language chosen as for any page (?lang=, cookie, the user's, browser).
#include "web/kb/actions.hpp"
#include "web/kb/urls.hpp"
#include "web/page.hpp"

namespace comptoir::web {

http::Response kb_root(const Deps& deps, http::Request& request, const Visitor& visitor) {
    const auto choice = choose_language(request, deps.i18n, visitor.principal ? visitor.principal->language : "");
    auto response = http::Response::redirect(kb_public::kb_home_path(choice.lang), 302);
    // Where it leads depends on who asks.
    response.headers.set("Cache-Control", "private, no-cache");
    response.headers.set("Vary", "Accept-Language, Cookie");
    return response;
}

}  // namespace comptoir::web
