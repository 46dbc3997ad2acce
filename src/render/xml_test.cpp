#include "render/xml.hpp"

#include <gtest/gtest.h>

namespace comptoir::render {
namespace {

TEST(Xml, EscapesMarkupAndQuotes) {
    EXPECT_EQ(xml_escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
    EXPECT_EQ(xml_escape("/kb/fr/articles/1-café"), "/kb/fr/articles/1-café");
}

TEST(Xml, TurnsControlCharactersIntoSpaces) {
    // XML 1.0 has no way to write U+0001, even as an entity.
    EXPECT_EQ(xml_escape(std::string("a\x01"
                                     "b\tc",
                                     5)),
              "a b c");
}

}  // namespace
}  // namespace comptoir::render
