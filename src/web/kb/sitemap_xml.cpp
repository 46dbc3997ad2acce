// GET /sitemap.xml (and /sitemaps/<n>.xml beyond 50,000 URLs) — every public
// article in every language it exists in, with its hreflang siblings, and
// the knowledge-base home and FAQ of each language. Absolute URLs use the
// configured public URL, else the request's Host.
#include <charconv>

#include "domain/kb/article_service.hpp"
#include "web/errors.hpp"
#include "web/kb/actions.hpp"
#include "web/kb/sitemap.hpp"
#include "web/kb/views.hpp"

namespace comptoir::web {

namespace {

http::Response xml(std::string body) {
    http::Response response;
    response.headers.set("Content-Type", "application/xml; charset=utf-8");
    response.headers.set("Cache-Control", "public, max-age=300");
    response.body = std::move(body);
    return response;
}

Result<std::vector<kb_public::SitemapUrl>> all_urls(const Deps& deps, const http::Request& request) {
    auto entries = deps.services.kb_articles->sitemap();
    if (!entries) return std::unexpected(entries.error());
    return kb_public::sitemap_urls(site_origin(deps, request), *entries, deps.i18n.languages(),
                                   deps.i18n.default_language());
}

}  // namespace

http::Response kb_sitemap(const Deps& deps, http::Request& request, const Visitor&) {
    using namespace kb_public;
    if (!services_ready(deps)) return error_page(deps, 503, request);
    auto urls = all_urls(deps, request);
    if (!urls) return error_page(deps, urls.error(), request);
    if (urls->size() <= kSitemapMaxUrls) return xml(urlset_xml(*urls));
    return xml(sitemap_index_xml(site_origin(deps, request), (urls->size() + kSitemapMaxUrls - 1) / kSitemapMaxUrls));
}

http::Response kb_sitemap_part(const Deps& deps, http::Request& request, const Visitor&) {
    using namespace kb_public;
    std::string_view name = request.params["part"];
    std::size_t part = 0;
    if (!name.ends_with(".xml")) return error_page(deps, 404, request);
    name.remove_suffix(4);
    auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), part);
    if (ec != std::errc() || end != name.data() + name.size() || part == 0 || name.starts_with('0'))
        return error_page(deps, 404, request);
    if (!services_ready(deps)) return error_page(deps, 503, request);
    auto urls = all_urls(deps, request);
    if (!urls) return error_page(deps, urls.error(), request);
    // Only an index names parts: a small sitemap has none.
    if (urls->size() <= kSitemapMaxUrls || (part - 1) * kSitemapMaxUrls >= urls->size())
        return error_page(deps, 404, request);
    const std::size_t first = (part - 1) * kSitemapMaxUrls;
    const std::size_t count = std::min(kSitemapMaxUrls, urls->size() - first);
    return xml(urlset_xml(std::span(*urls).subspan(first, count)));
}

}  // namespace comptoir::web
