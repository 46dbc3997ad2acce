#include "web/kb/sitemap.hpp"

#include <algorithm>
#include <chrono>
#include <map>

#include <fmt/format.h>

#include "render/xml.hpp"
#include "web/kb/urls.hpp"

namespace comptoir::web::kb_public {

std::string w3c_date(std::int64_t unix_seconds) {
    const std::chrono::sys_days day =
        std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds(std::chrono::seconds(unix_seconds)));
    const std::chrono::year_month_day ymd(day);
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()));
}

std::vector<SitemapUrl> sitemap_urls(std::string_view origin, const std::vector<kb::SitemapEntry>& entries,
                                     const std::vector<std::string>& languages, std::string_view default_language) {
    const std::string base(origin);
    std::vector<SitemapUrl> urls;
    std::optional<std::int64_t> newest;
    for (const auto& entry : entries) newest = std::max(newest.value_or(entry.updated_at), entry.updated_at);

    // The home and the FAQ of each language, each naming the others.
    for (const auto& make : {&kb_home_path, &kb_faq_path}) {
        std::vector<std::pair<std::string, std::string>> alternates;
        for (const auto& lang : languages) alternates.emplace_back(lang, base + make(lang));
        alternates.emplace_back("x-default", base + make(default_language));
        for (const auto& lang : languages) urls.push_back({base + make(lang), newest, alternates});
    }

    std::map<std::int64_t, std::vector<const kb::SitemapEntry*>> by_article;
    for (const auto& entry : entries) by_article[entry.article_id].push_back(&entry);
    for (auto& [id, translations] : by_article) {
        std::sort(translations.begin(), translations.end(),
                  [](const auto* a, const auto* b) { return a->language < b->language; });
        std::vector<std::pair<std::string, std::string>> alternates;
        if (translations.size() > 1) {
            const kb::SitemapEntry* fallback = translations.front();
            for (const auto* t : translations) {
                alternates.emplace_back(t->language, base + kb_article_path(t->language, id, t->slug));
                if (t->language == default_language) fallback = t;
            }
            alternates.emplace_back("x-default", base + kb_article_path(fallback->language, id, fallback->slug));
        }
        for (const auto* t : translations)
            urls.push_back({base + kb_article_path(t->language, id, t->slug), t->updated_at, alternates});
    }
    return urls;
}

std::string urlset_xml(std::span<const SitemapUrl> urls) {
    std::string out =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
        "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
    for (const auto& url : urls) {
        out += "<url><loc>";
        out += render::xml_escape(url.loc);
        out += "</loc>";
        if (url.lastmod) {
            out += "<lastmod>";
            out += w3c_date(*url.lastmod);
            out += "</lastmod>";
        }
        for (const auto& [hreflang, href] : url.alternates) {
            out += "<xhtml:link rel=\"alternate\" hreflang=\"";
            out += render::xml_escape(hreflang);
            out += "\" href=\"";
            out += render::xml_escape(href);
            out += "\"/>";
        }
        out += "</url>\n";
    }
    out += "</urlset>\n";
    return out;
}

std::string sitemap_index_xml(std::string_view origin, std::size_t parts) {
    std::string out =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    for (std::size_t i = 1; i <= parts; ++i)
        out += "<sitemap><loc>" + render::xml_escape(std::string(origin) + "/sitemaps/" + std::to_string(i) + ".xml") +
               "</loc></sitemap>\n";
    out += "</sitemapindex>\n";
    return out;
}

}  // namespace comptoir::web::kb_public
