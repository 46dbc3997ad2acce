// The pure rules of the public knowledge-base pages: "42-slug" segments,
// paths, ETags and If-None-Match, attachment headers, XML escaping.
#include "web/kb/urls.hpp"

#include <gtest/gtest.h>

namespace comptoir::web::kb_public {
namespace {

TEST(IdSlug, ReadsTheLeadingIdAndTheSlugAfterIt) {
    auto bare = parse_id_slug("42");
    ASSERT_TRUE(bare);
    EXPECT_EQ(bare->id, 42);
    EXPECT_EQ(bare->slug, "");
    auto slugged = parse_id_slug("12-changer-mon-mot-de-passe");
    ASSERT_TRUE(slugged);
    EXPECT_EQ(slugged->id, 12);
    EXPECT_EQ(slugged->slug, "changer-mon-mot-de-passe");
    auto old = parse_id_slug("7-");
    ASSERT_TRUE(old);
    EXPECT_EQ(old->id, 7);
    EXPECT_EQ(old->slug, "");
    EXPECT_EQ(parse_id_slug("007-x")->id, 7);
}

TEST(IdSlug, RefusesWhatIsNotAnIdFirst) {
    for (const char* bad : {"", "0", "0-zero", "-1", "-", "abc", "12abc", "12_x", " 12", "1.5", "+3",
                            "1234567890123456", "99999999999999999999-x"})
        EXPECT_FALSE(parse_id_slug(bad)) << bad;
    EXPECT_EQ(parse_id_slug("999999999999999")->id, 999999999999999);
}

TEST(KbPaths, CarryTheLanguageAndTheSlug) {
    EXPECT_EQ(kb_home_path("fr"), "/kb/fr");
    EXPECT_EQ(kb_faq_path("en"), "/kb/en/faq");
    EXPECT_EQ(kb_article_path("fr", 42, "changer-mon-mot-de-passe"), "/kb/fr/articles/42-changer-mon-mot-de-passe");
    EXPECT_EQ(kb_article_path("en", 42, ""), "/kb/en/articles/42");
    EXPECT_EQ(kb_category_path("fr", 3, "Facturation et paiements"), "/kb/fr/categories/3-facturation-et-paiements");
    EXPECT_EQ(kb_attachment_path("en", 42, 7), "/kb/en/articles/42/attachments/7");
}

TEST(Etag, IsStrongQuotedAndDependsOnEveryPartAndItsBoundaries) {
    const auto tag = strong_etag({"17", "fr", "gen", "anonymous"});
    EXPECT_EQ(tag.size(), 34u);
    EXPECT_EQ(tag.front(), '"');
    EXPECT_EQ(tag.back(), '"');
    EXPECT_FALSE(tag.starts_with("W/"));
    EXPECT_EQ(tag, strong_etag({"17", "fr", "gen", "anonymous"}));
    EXPECT_NE(tag, strong_etag({"18", "fr", "gen", "anonymous"}));
    EXPECT_NE(tag, strong_etag({"17", "en", "gen", "anonymous"}));
    EXPECT_NE(tag, strong_etag({"17", "fr", "gen2", "anonymous"}));
    EXPECT_NE(tag, strong_etag({"17", "fr", "gen", "user:3"}));
    EXPECT_NE(strong_etag({"ab", "c"}), strong_etag({"a", "bc"}));
}

TEST(Etag, IfNoneMatchComparesWeaklyInAList) {
    const std::string tag = "\"0123abcd\"";
    EXPECT_TRUE(etag_matches("\"0123abcd\"", tag));
    EXPECT_TRUE(etag_matches("W/\"0123abcd\"", tag));
    EXPECT_TRUE(etag_matches("\"other\", \"0123abcd\"", tag));
    EXPECT_TRUE(etag_matches("  \"x\" ,W/\"0123abcd\"  ", tag));
    EXPECT_TRUE(etag_matches("*", tag));
    EXPECT_FALSE(etag_matches("\"0123abcde\"", tag));
    EXPECT_FALSE(etag_matches("0123abcd", tag));
    EXPECT_FALSE(etag_matches("", tag));
    EXPECT_FALSE(etag_matches(",,", tag));
    EXPECT_FALSE(etag_matches("\"other\"", tag));
}

TEST(Attachments, OnlyPlainImagesAreShownInline) {
    for (const char* inline_type :
         {"image/png", "image/jpeg", "image/gif", "image/webp", "IMAGE/PNG", "image/png; x=1"})
        EXPECT_TRUE(is_inline_image(inline_type)) << inline_type;
    for (const char* download : {"image/svg+xml", "text/html", "application/pdf", "", "image/pngx", "text/plain"})
        EXPECT_FALSE(is_inline_image(download)) << download;
    EXPECT_EQ(content_disposition("photo.png", "image/png"), "inline");
}

TEST(Attachments, DownloadsNameTheFileInAsciiAndInUtf8) {
    EXPECT_EQ(content_disposition("guide.pdf", "application/pdf"),
              "attachment; filename=\"guide.pdf\"; filename*=UTF-8''guide.pdf");
    EXPECT_EQ(content_disposition("Relevé été.pdf", "application/pdf"),
              "attachment; filename=\"Relev_ _t_.pdf\"; filename*=UTF-8''Relev%C3%A9%20%C3%A9t%C3%A9.pdf");
    // Quotes, backslashes and line breaks never break the header.
    const auto tricky = content_disposition("a\"b\\c\r\nSet-Cookie: x.svg", "image/svg+xml");
    EXPECT_EQ(tricky.find('\r'), std::string::npos);
    EXPECT_EQ(tricky.find('\n'), std::string::npos);
    EXPECT_EQ(tricky,
              "attachment; filename=\"a_b_cSet-Cookie: x.svg\"; filename*=UTF-8''a%22b%5CcSet-Cookie%3A%20x.svg");
    EXPECT_EQ(content_disposition("", "text/plain"), "attachment; filename=\"download\"");
}

TEST(Text, CountsCharactersAndTrims) {
    EXPECT_EQ(utf8_length("é"), 1u);
    EXPECT_EQ(utf8_length("ab"), 2u);
    EXPECT_EQ(utf8_length(""), 0u);
    EXPECT_EQ(trim_spaces("  a b \t\n"), "a b");
    EXPECT_EQ(trim_spaces("   "), "");
}

}  // namespace
}  // namespace comptoir::web::kb_public
