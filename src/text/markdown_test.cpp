#include "text/markdown.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cctype>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace comptoir::text {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

/// Tags and attributes a safe render may contain: anything else in the
/// output would be markup that came from the author.
const std::set<std::string> kSafeTags = {"p",  "a",  "img", "table", "thead", "tbody", "tr",         "th", "td",
                                         "ul", "ol", "li",  "input", "del",   "code",  "pre",        "em", "strong",
                                         "h1", "h2", "h3",  "h4",    "h5",    "h6",    "blockquote", "hr", "br"};
const std::set<std::string> kSafeAttributes = {"href",    "src",      "alt",   "title", "type",
                                               "checked", "disabled", "align", "class", "start"};

/// Checks every tag of `html` against the allow-lists and every href/src
/// value for a dangerous scheme. Returns what is wrong, empty when safe.
std::string unsafe_markup(const std::string& html) {
    for (std::size_t i = 0; (i = html.find('<', i)) != std::string::npos;) {
        std::size_t j = i + 1;
        if (j < html.size() && html[j] == '/') ++j;
        std::size_t name_end = j;
        while (name_end < html.size() && std::isalnum(static_cast<unsigned char>(html[name_end]))) ++name_end;
        const std::string name = html.substr(j, name_end - j);
        if (!kSafeTags.contains(name)) return "tag <" + name + "> in " + html;
        const std::size_t close = html.find('>', name_end);
        if (close == std::string::npos) return "unclosed tag in " + html;
        // Attributes: name="value" pairs (cmark always quotes with ").
        std::string rest = html.substr(name_end, close - name_end);
        for (std::size_t k = 0; k < rest.size();) {
            while (k < rest.size() && (rest[k] == ' ' || rest[k] == '/')) ++k;
            std::size_t eq = rest.find('=', k);
            if (eq == std::string::npos) break;
            const std::string attribute = rest.substr(k, eq - k);
            if (!kSafeAttributes.contains(attribute)) return "attribute " + attribute + " in " + html;
            if (eq + 1 >= rest.size() || rest[eq + 1] != '"') return "unquoted attribute in " + html;
            const std::size_t value_end = rest.find('"', eq + 2);
            if (value_end == std::string::npos) return "unterminated attribute in " + html;
            std::string value = rest.substr(eq + 2, value_end - eq - 2);
            for (auto& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if ((attribute == "href" || attribute == "src") &&
                (value.find("script:") != std::string::npos || value.starts_with("data:") ||
                 value.starts_with("file:") || value.find("&#") != std::string::npos))
                return "dangerous URL " + value + " in " + html;
            k = value_end + 1;
        }
        i = close;
    }
    return {};
}

TEST(Markdown, RendersTablesWithAlignment) {
    const std::string html = markdown_to_html("| Plan | Prix |\n|:-----|-----:|\n| Basic | 10 € |\n");
    EXPECT_THAT(html, HasSubstr("<table>"));
    EXPECT_THAT(html, HasSubstr("<th align=\"left\">Plan</th>"));
    EXPECT_THAT(html, HasSubstr("<td align=\"right\">10 €</td>"));
    EXPECT_EQ(unsafe_markup(html), "");
}

TEST(Markdown, RendersTaskListsAsDisabledCheckboxes) {
    const std::string html = markdown_to_html("- [ ] Ouvrir le compteur\n- [x] Couper le courant\n");
    EXPECT_THAT(html, HasSubstr("<input type=\"checkbox\" disabled=\"\" /> Ouvrir le compteur"));
    EXPECT_THAT(html, HasSubstr("<input type=\"checkbox\" checked=\"\" disabled=\"\" /> Couper le courant"));
}

TEST(Markdown, AutolinksBareUrlsAndAddresses) {
    const std::string html =
        markdown_to_html("Voir www.example.com, https://example.org/a?b=1&c=2 ou aide@example.com");
    EXPECT_THAT(html, HasSubstr("<a href=\"http://www.example.com\">www.example.com</a>"));
    EXPECT_THAT(html, HasSubstr("<a href=\"https://example.org/a?b=1&amp;c=2\">https://example.org/a?b=1&amp;c=2</a>"));
    EXPECT_THAT(html, HasSubstr("<a href=\"mailto:aide@example.com\">aide@example.com</a>"));
}

TEST(Markdown, RendersStrikethroughAndBasicSyntax) {
    EXPECT_EQ(markdown_to_html("~~ancien~~ nouveau"), "<p><del>ancien</del> nouveau</p>\n");
    EXPECT_EQ(markdown_to_html("# Titre\n\n*a* **b** `c`"),
              "<h1>Titre</h1>\n<p><em>a</em> <strong>b</strong> <code>c</code></p>\n");  // headings get no id
}

TEST(Markdown, ShowsRawHtmlBlocksAsText) {
    const std::string html = markdown_to_html("<script>alert(1)</script>\n\nsuite");
    EXPECT_EQ(html, "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n<p>suite</p>\n");

    const std::string block = markdown_to_html("<div onclick=\"steal()\">\n*x*\n</div>\n");
    EXPECT_EQ(block, "<p>&lt;div onclick=&quot;steal()&quot;&gt;\n*x*\n&lt;/div&gt;</p>\n");
}

TEST(Markdown, ShowsInlineHtmlAsText) {
    EXPECT_EQ(markdown_to_html("Appuyez sur <Entrée> puis <img src=x onerror=alert(1)>."),
              "<p>Appuyez sur &lt;Entrée&gt; puis &lt;img src=x onerror=alert(1)&gt;.</p>\n");
    EXPECT_EQ(markdown_to_html("a <!-- note --> b"), "<p>a &lt;!-- note --&gt; b</p>\n");
}

TEST(Markdown, NeverLetsAuthorMarkupThrough) {
    const std::vector<std::string> hostile = {
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg/onload=alert(1)>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<style>body{display:none}</style>",
        "<textarea><script>alert(1)</script></textarea>",
        "<!--><script>alert(1)</script>-->",
        "<details open ontoggle=alert(1)>",
        "x <b onmouseover=alert(1)>y</b> z",
        "> <script>alert(1)</script>",
        "- <script>alert(1)</script>",
        "| a |\n|---|\n| <script>alert(1)</script> |",
        "[x](javascript:alert(1))",
        "[x](<javascript:alert(1)>)",
        "[x](JAVASCRIPT:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](java&#x09;script:alert(1))",
        "[x](<java\tscript:alert(1)>)",
        "[x]( javascript:alert(1))",
        "<javascript:alert(1)>",
        "[x][r]\n\n[r]: javascript:alert(1)",
        "![x](javascript:alert(1))",
        "![x](data:image/svg+xml;base64,PHN2Zz4=)",
        "![x](data:image/png;base64,iVBORw0KGgo=)",
        "[x](data:text/html,<script>alert(1)</script>)",
        "[x](vbscript:msgbox(1))",
        "[x](file:///etc/passwd)",
        "[x](\"onmouseover=alert(1))",
        "[x](http://a \"t\\\" onmouseover=alert(1)\")",
        "`<script>` and ```\n<script>\n```",
    };
    for (const auto& md : hostile) {
        const std::string html = markdown_to_html(md, [](std::int64_t) { return "/kb/1"; });
        EXPECT_EQ(unsafe_markup(html), "") << md;
    }
}

TEST(Markdown, TurnsLinksWithForbiddenSchemesIntoText) {
    EXPECT_EQ(markdown_to_html("[cliquez](javascript:alert(1))"), "<p>cliquez</p>\n");
    EXPECT_EQ(markdown_to_html("[cliquez](JaVaScRiPt:alert(1))"), "<p>cliquez</p>\n");
    EXPECT_EQ(markdown_to_html("[cliquez](&#106;avascript:alert(1))"), "<p>cliquez</p>\n");
    EXPECT_EQ(markdown_to_html("[cliquez](<java\tscript:alert(1)>)"), "<p>cliquez</p>\n");
    EXPECT_EQ(markdown_to_html("[cliquez](vbscript:x)"), "<p>cliquez</p>\n");
    EXPECT_EQ(markdown_to_html("[cliquez](data:text/html;base64,PHNjcmlwdD4=)"), "<p>cliquez</p>\n");
    EXPECT_EQ(markdown_to_html("[*gras*](file:///etc/passwd)"), "<p><em>gras</em></p>\n");
    EXPECT_EQ(markdown_to_html("<javascript:alert(1)>"), "<p>javascript:alert(1)</p>\n");
}

TEST(Markdown, TurnsImagesWithForbiddenSchemesIntoAltText) {
    EXPECT_EQ(markdown_to_html("![logo](data:image/png;base64,iVBORw0KGgo=)"), "<p>logo</p>\n");
    EXPECT_EQ(markdown_to_html("![logo](javascript:alert(1))"), "<p>logo</p>\n");
}

TEST(Markdown, KeepsOrdinaryLinksAndImages) {
    EXPECT_EQ(markdown_to_html("[a](https://example.com/x) [b](/kb/3) [c](#haut) [d](page?x=1) [e](mailto:a@b.c) "
                               "[f](tel:+33123456789) ![g](https://example.com/g.png \"G\")"),
              "<p><a href=\"https://example.com/x\">a</a> <a href=\"/kb/3\">b</a> <a href=\"#haut\">c</a> "
              "<a href=\"page?x=1\">d</a> <a href=\"mailto:a@b.c\">e</a> <a href=\"tel:+33123456789\">f</a> "
              "<img src=\"https://example.com/g.png\" alt=\"g\" title=\"G\" /></p>\n");
}

TEST(Markdown, RewritesInternalArticleLinks) {
    std::vector<std::int64_t> asked;
    const LinkRewriter article_url = [&](std::int64_t id) -> std::optional<std::string> {
        asked.push_back(id);
        if (id == 12) return "/kb/12-changer-mon-mot-de-passe";
        return std::nullopt;
    };
    EXPECT_EQ(markdown_to_html("Voir [le guide](kb:12), [l'autre](kb:13) et [encore](kb:12).", article_url),
              "<p>Voir <a href=\"/kb/12-changer-mon-mot-de-passe\">le guide</a>, l'autre et "
              "<a href=\"/kb/12-changer-mon-mot-de-passe\">encore</a>.</p>\n");
    EXPECT_EQ(asked, (std::vector<std::int64_t>{12, 13}));  // once per id

    EXPECT_EQ(markdown_to_html("[ref][r]\n\n[r]: kb:12", article_url),
              "<p><a href=\"/kb/12-changer-mon-mot-de-passe\">ref</a></p>\n");
    EXPECT_EQ(markdown_to_html("<kb:12>", article_url),
              "<p><a href=\"/kb/12-changer-mon-mot-de-passe\">kb:12</a></p>\n");
}

TEST(Markdown, RendersUnresolvedOrMalformedArticleLinksAsText) {
    const LinkRewriter article_url = [](std::int64_t id) { return "/kb/" + std::to_string(id); };
    EXPECT_EQ(markdown_to_html("[guide](kb:12)"), "<p>guide</p>\n");  // no rewriter
    for (const char* bad : {"kb:", "kb:abc", "kb:0", "kb:-1", "kb:12a", "kb:99999999999999999999", "kb:1.5"}) {
        EXPECT_EQ(markdown_to_html(std::string("[guide](") + bad + ")", article_url), "<p>guide</p>\n") << bad;
    }
    EXPECT_EQ(markdown_to_html("[guide](KB:7)", article_url), "<p><a href=\"/kb/7\">guide</a></p>\n");
    EXPECT_EQ(markdown_to_html("![schéma](kb:7)", article_url), "<p>schéma</p>\n");  // images never show articles
}

TEST(Markdown, EscapesTheRewrittenUrlForTheAttribute) {
    const LinkRewriter article_url = [](std::int64_t) { return "/kb/1?q=\"><script>"; };
    const std::string html = markdown_to_html("[x](kb:1)", article_url);
    EXPECT_THAT(html, Not(HasSubstr("<script>")));
    EXPECT_THAT(html, Not(HasSubstr("\"><")));
}

TEST(Markdown, RewritesAttachmentImagesAndLinks) {
    const LinkRewriter attachment_url = [](std::int64_t id) -> std::optional<std::string> {
        if (id == 5) return "/kb/attachments/5/schema.png";
        if (id == 6) return "/kb/attachments/6/notice.pdf";
        return std::nullopt;
    };
    EXPECT_EQ(markdown_to_html("![Schéma du compteur](attachment:5)", {}, attachment_url),
              "<p><img src=\"/kb/attachments/5/schema.png\" alt=\"Schéma du compteur\" /></p>\n");
    EXPECT_EQ(markdown_to_html("[La notice](attachment:6)", {}, attachment_url),
              "<p><a href=\"/kb/attachments/6/notice.pdf\">La notice</a></p>\n");
    EXPECT_EQ(markdown_to_html("![Disparu](attachment:7)", {}, attachment_url), "<p>Disparu</p>\n");
    EXPECT_EQ(markdown_to_html("![Sans réécriture](attachment:5)"), "<p>Sans réécriture</p>\n");
    // The article rewriter does not resolve attachments, nor the reverse.
    EXPECT_EQ(markdown_to_html("[a](kb:5)", {}, attachment_url), "<p>a</p>\n");
}

TEST(Markdown, ReplacesInvalidUtf8) {
    EXPECT_EQ(markdown_to_html("caf\xC3"), "<p>caf\xEF\xBF\xBD</p>\n");
    EXPECT_EQ(markdown_to_text("a\xFF"
                               "b"),
              "a\xEF\xBF\xBD"
              "b");
}

TEST(Markdown, HandlesEmptyAndBlankInput) {
    EXPECT_EQ(markdown_to_html(""), "");
    EXPECT_EQ(markdown_to_html("  \n\n "), "");
    EXPECT_EQ(markdown_to_text(""), "");
    EXPECT_TRUE(internal_links("").empty());
}

TEST(MarkdownText, KeepsWhatAReaderReads) {
    EXPECT_EQ(markdown_to_text("# Télécharger une facture\n\nOuvrez *Mes factures*, puis `PDF`.\n\n"
                               "- [ ] un\n- [x] deux\n\n| Plan | Prix |\n|---|---|\n| Basic | 10 € |\n\n"
                               "[le guide](kb:3) ![schéma](attachment:4) ~~ancien~~\n\n```\nligne 1\nligne 2\n```\n"
                               "> cité\nsur deux lignes"),
              "Télécharger une facture Ouvrez Mes factures, puis PDF. un deux Plan Prix Basic 10 € le guide schéma "
              "ancien ligne 1 ligne 2 cité sur deux lignes");
}

TEST(MarkdownText, DecodesEntitiesAndKeepsRawHtmlAsTyped) {
    EXPECT_EQ(markdown_to_text("Tom &amp; Jerry &lt;3"), "Tom & Jerry <3");
    EXPECT_EQ(markdown_to_text("Appuyez sur <Entrée>\n\n<div>bloc</div>"), "Appuyez sur <Entrée> <div>bloc</div>");
}

TEST(MarkdownInternalLinks, ListsArticleIdsOnceInOrder) {
    EXPECT_EQ(internal_links("[a](kb:3) [b](kb:1) [c](kb:3) ![i](kb:9) [d](https://x) `[e](kb:5)` [f](kb:x)\n\n"
                             "[g][r]\n\n[r]: kb:8"),
              (std::vector<std::int64_t>{3, 1, 8}));
}

/// True when `s` is well-formed UTF-8 (enough for the summaries below).
bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (length == 0 || i + length > s.size()) return false;
        for (std::size_t k = 1; k < length; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += length;
    }
    return true;
}

TEST(Summarize, ReturnsShortTextsUnchanged) {
    EXPECT_EQ(summarize("Bonjour le monde", 16), "Bonjour le monde");
    EXPECT_EQ(summarize("  Bonjour  \n", 7), "Bonjour");
    EXPECT_EQ(summarize("", 10), "");
}

TEST(Summarize, CutsAtAWordBoundary) {
    EXPECT_EQ(summarize("Changer son mot de passe depuis le profil", 20), "Changer son mot…");
    EXPECT_EQ(summarize("Bonjour, voici comment faire", 12), "Bonjour…");  // no ", …"
    EXPECT_EQ(summarize("Un deux trois", 10), "Un deux…");                 // cut just before a space
}

TEST(Summarize, CutsInsideAVeryLongWordOnACharacterBoundary) {
    EXPECT_EQ(summarize("Anticonstitutionnellement dit", 12), "Anticonst…");
    EXPECT_EQ(summarize("ééééééé", 8), "éé…");  // 2×2 bytes + 3; a third é would split
    EXPECT_EQ(summarize("ééééééé", 9), "ééé…");
}

TEST(Summarize, NeverExceedsTheLimitNorSplitsACharacter) {
    const std::string text = "Été : la facture n°42 coûte 12 € — 日本語のテキスト 🔑 fin.";
    for (std::size_t max = 0; max <= text.size() + 2; ++max) {
        const std::string summary = summarize(text, max);
        EXPECT_LE(summary.size(), max) << max;
        EXPECT_TRUE(valid_utf8(summary)) << max << ": " << summary;
        if (max >= text.size()) {
            EXPECT_EQ(summary, text);
        }
    }
    EXPECT_EQ(summarize("abcdef", 2), "");  // no room for "…"
}

TEST(Markdown, IsSafeToUseFromManyThreads) {
    // Strikethrough and autolinks depend on the parser state that cmark-gfm
    // shares between parses (see parse_mutex in markdown.cpp).
    std::string md;
    for (int i = 0; i < 30; ++i) md += "~~x~~ www.example.com a:b **c** | d |\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n";
    const std::string expected = markdown_to_html(md);
    ASSERT_THAT(expected, HasSubstr("<del>x</del>"));
    ASSERT_THAT(expected, HasSubstr("<a href=\"http://www.example.com\">"));
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 40; ++i)
                if (markdown_to_html(md) != expected) ++wrong;
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace comptoir::text
