#pragma once
// sitemap.xml of the public knowledge base (sitemaps.org protocol with
// xhtml:link hreflang alternates): every public article in every language it
// exists in, and the knowledge-base home and FAQ of each language. Pure, so
// the XML is unit-tested (sitemap_test.cpp).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/kb/model.hpp"

namespace comptoir::web::kb_public {

/// The protocol's limit of URLs in one file; beyond it /sitemap.xml is an
/// index of /sitemaps/<n>.xml files.
inline constexpr std::size_t kSitemapMaxUrls = 50000;

struct SitemapUrl {
    std::string loc;                                              // absolute
    std::optional<std::int64_t> lastmod;                          // unix seconds
    std::vector<std::pair<std::string, std::string>> alternates;  // (hreflang, absolute URL), x-default included
};

/// The URLs, articles by id then language, after the home and FAQ pages.
/// `origin` is "https://help.example" (no trailing slash).
std::vector<SitemapUrl> sitemap_urls(std::string_view origin, const std::vector<kb::SitemapEntry>& entries,
                                     const std::vector<std::string>& languages, std::string_view default_language);

/// A <urlset> document.
std::string urlset_xml(std::span<const SitemapUrl> urls);
/// A <sitemapindex> of `parts` files: <origin>/sitemaps/1.xml … <origin>/sitemaps/<parts>.xml.
std::string sitemap_index_xml(std::string_view origin, std::size_t parts);

/// "2026-03-01": the UTC date of a unix time (W3C datetime, date only).
std::string w3c_date(std::int64_t unix_seconds);

}  // namespace comptoir::web::kb_public
