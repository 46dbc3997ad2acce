// GET /robots.txt — crawlers may read the public pages, not the personal or
// staff ones nor search results, and learn where the sitemap is.
#include "web/kb/actions.hpp"

namespace comptoir::web {

http::Response kb_robots(const Deps& deps, http::Request& request, const Visitor&) {
    auto response = http::Response::text(200,
                                         "User-agent: *\n"
                                         "Disallow: /account\n"
                                         "Disallow: /admin\n"
                                         "Disallow: /api/\n"
                                         "Disallow: /organisation\n"
                                         "Disallow: /search\n"
                                         "Disallow: /kb/suggest\n"
                                         "Disallow: /sign-in\n"
                                         "Disallow: /sign-up\n"
                                         "\n"
                                         "Sitemap: " +
                                             site_origin(deps, request) + "/sitemap.xml\n");
    response.headers.set("Cache-Control", "public, max-age=3600");
    return response;
}

}  // namespace comptoir::web
