// sitemap.xml: every public translation once, with its siblings as hreflang
// alternates, the home and FAQ per language, escaped absolute URLs, and the
// index beyond the protocol's limit.
#include "web/kb/sitemap.hpp"

#include <gtest/gtest.h>

namespace comptoir::web::kb_public {
namespace {

const std::vector<std::string> kLanguages{"en", "fr"};

std::size_t count(const std::string& haystack, std::string_view needle) {
    std::size_t n = 0;
    for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + needle.size())) ++n;
    return n;
}

TEST(SitemapDate, IsTheUtcDay) {
    EXPECT_EQ(w3c_date(0), "1970-01-01");
    EXPECT_EQ(w3c_date(1772323199), "2026-02-28");
    EXPECT_EQ(w3c_date(1772323200), "2026-03-01");
}

TEST(SitemapUrls, ArticlesInEveryLanguageWithTheirSiblings) {
    const std::vector<kb::SitemapEntry> entries{
        {42, "fr", "changer-mon-mot-de-passe", 1772323200},
        {42, "en", "change-my-password", 1772409600},
        {7, "fr", "seulement-en-francais", 1700000000},
    };
    const auto urls = sitemap_urls("https://help.example", entries, kLanguages, "en");
    // home ×2, FAQ ×2, then articles by id, languages in order.
    ASSERT_EQ(urls.size(), 7u);
    EXPECT_EQ(urls[0].loc, "https://help.example/kb/en");
    EXPECT_EQ(urls[1].loc, "https://help.example/kb/fr");
    EXPECT_EQ(urls[2].loc, "https://help.example/kb/en/faq");
    EXPECT_EQ(urls[3].loc, "https://help.example/kb/fr/faq");
    EXPECT_EQ(urls[0].lastmod, 1772409600);  // the newest article
    ASSERT_EQ(urls[0].alternates.size(), 3u);
    EXPECT_EQ(urls[0].alternates[2].first, "x-default");
    EXPECT_EQ(urls[0].alternates[2].second, "https://help.example/kb/en");

    EXPECT_EQ(urls[4].loc, "https://help.example/kb/fr/articles/7-seulement-en-francais");
    EXPECT_TRUE(urls[4].alternates.empty()) << "one language: no alternates";
    EXPECT_EQ(urls[4].lastmod, 1700000000);

    EXPECT_EQ(urls[5].loc, "https://help.example/kb/en/articles/42-change-my-password");
    EXPECT_EQ(urls[6].loc, "https://help.example/kb/fr/articles/42-changer-mon-mot-de-passe");
    EXPECT_EQ(urls[6].lastmod, 1772323200);
    const std::vector<std::pair<std::string, std::string>> siblings{
        {"en", "https://help.example/kb/en/articles/42-change-my-password"},
        {"fr", "https://help.example/kb/fr/articles/42-changer-mon-mot-de-passe"},
        {"x-default", "https://help.example/kb/en/articles/42-change-my-password"}};
    EXPECT_EQ(urls[5].alternates, siblings);
    EXPECT_EQ(urls[6].alternates, siblings);
}

TEST(SitemapUrls, XDefaultIsTheFirstLanguageWhenTheDefaultIsMissing) {
    const std::vector<kb::SitemapEntry> entries{{5, "fr", "a", 1}, {5, "de", "b", 1}};
    const auto urls = sitemap_urls("https://h", entries, {"de", "fr"}, "en");
    ASSERT_EQ(urls.size(), 6u);
    EXPECT_EQ(urls[4].alternates.back(),
              (std::pair<std::string, std::string>{"x-default", "https://h/kb/de/articles/5-b"}));
}

TEST(SitemapXml, IsAnEscapedUrlsetWithXhtmlLinks) {
    std::vector<SitemapUrl> urls{
        {"https://h/kb/fr/articles/1-a?x=1&y=<2>",
         1772323200,
         {{"fr", "https://h/kb/fr/articles/1-a?x=1&y=<2>"}, {"x-default", "https://h/kb/en/articles/1-a"}}},
        {"https://h/kb/en", std::nullopt, {}}};
    const auto xml = urlset_xml(urls);
    EXPECT_TRUE(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset "));
    EXPECT_NE(xml.find("xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""), std::string::npos);
    EXPECT_NE(xml.find("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""), std::string::npos);
    EXPECT_NE(xml.find("<loc>https://h/kb/fr/articles/1-a?x=1&amp;y=&lt;2&gt;</loc>"), std::string::npos);
    EXPECT_NE(xml.find("<lastmod>2026-03-01</lastmod>"), std::string::npos);
    EXPECT_NE(xml.find("<xhtml:link rel=\"alternate\" hreflang=\"fr\" "
                       "href=\"https://h/kb/fr/articles/1-a?x=1&amp;y=&lt;2&gt;\"/>"),
              std::string::npos);
    EXPECT_NE(xml.find("<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://h/kb/en/articles/1-a\"/>"),
              std::string::npos);
    EXPECT_EQ(count(xml, "<url>"), 2u);
    EXPECT_EQ(count(xml, "</url>"), 2u);
    EXPECT_EQ(count(xml, "<lastmod>"), 1u);
    EXPECT_EQ(xml.find("&y=<"), std::string::npos);
    EXPECT_TRUE(xml.ends_with("</urlset>\n"));
}

TEST(SitemapXml, AnEmptyKnowledgeBaseStillListsItsHomes) {
    const auto urls = sitemap_urls("https://h", {}, kLanguages, "en");
    ASSERT_EQ(urls.size(), 4u);
    EXPECT_FALSE(urls[0].lastmod);
    const auto xml = urlset_xml(urls);
    EXPECT_EQ(count(xml, "<url>"), 4u);
    EXPECT_EQ(count(xml, "<lastmod>"), 0u);
}

TEST(SitemapXml, IndexNamesEachPart) {
    const auto xml = sitemap_index_xml("https://h", 3);
    EXPECT_NE(xml.find("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"), std::string::npos);
    EXPECT_EQ(count(xml, "<sitemap>"), 3u);
    EXPECT_NE(xml.find("<loc>https://h/sitemaps/1.xml</loc>"), std::string::npos);
    EXPECT_NE(xml.find("<loc>https://h/sitemaps/3.xml</loc>"), std::string::npos);
    EXPECT_EQ(xml.find("4.xml"), std::string::npos);
}

}  // namespace
}  // namespace comptoir::web::kb_public
