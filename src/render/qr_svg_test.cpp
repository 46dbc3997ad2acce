#include "render/qr_svg.hpp"

#include <gtest/gtest.h>
#include <qrcodegen/qrcodegen.hpp>

#include <set>
#include <utility>

namespace comptoir::render {
namespace {

const std::string kUri =
    "otpauth://totp/Comptoir:jean%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Comptoir"
    "&algorithm=SHA1&digits=6&period=30";

// Reads a non-negative integer at `pos`, advancing it; -1 when there is none.
int read_int(const std::string& s, std::size_t& pos) {
    std::size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    return pos == start ? -1 : std::stoi(s.substr(start, pos - start));
}

bool read_literal(const std::string& s, std::size_t& pos, std::string_view lit) {
    if (s.compare(pos, lit.size(), lit) != 0) return false;
    pos += lit.size();
    return true;
}

// The dark modules the SVG path draws, as (x, y) in viewBox units. The path
// must consist only of "Mx,yhWv1h-Wz" runs.
std::set<std::pair<int, int>> drawn_modules(const std::string& svg) {
    std::set<std::pair<int, int>> cells;
    const std::string marker = "<path fill=\"#000\" d=\"";
    auto begin = svg.find(marker);
    if (begin == std::string::npos) {
        ADD_FAILURE() << "no dark path";
        return cells;
    }
    begin += marker.size();
    const std::string path = svg.substr(begin, svg.find('"', begin) - begin);
    for (std::size_t pos = 0; pos < path.size();) {
        int x = -1, y = -1, w = -1, back = -1;
        bool ok = read_literal(path, pos, "M") && (x = read_int(path, pos)) >= 0 && read_literal(path, pos, ",") &&
                  (y = read_int(path, pos)) >= 0 && read_literal(path, pos, "h") && (w = read_int(path, pos)) > 0 &&
                  read_literal(path, pos, "v1h-") && (back = read_int(path, pos)) == w && read_literal(path, pos, "z");
        if (!ok) {
            ADD_FAILURE() << "unexpected path command at " << pos << " in " << path.substr(0, 80);
            break;
        }
        for (int i = 0; i < w; ++i) cells.emplace(x + i, y);
    }
    return cells;
}

TEST(QrSvg, IsAnAccessibleScalableImage) {
    auto svg = qr_svg(kUri, "QR code");
    ASSERT_TRUE(svg.has_value());
    EXPECT_TRUE(svg->starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    EXPECT_TRUE(svg->ends_with("</svg>"));
    EXPECT_NE(svg->find("role=\"img\""), std::string::npos);
    EXPECT_NE(svg->find("aria-label=\"QR code\""), std::string::npos);
    EXPECT_NE(svg->find("viewBox=\"0 0 "), std::string::npos);
    // Sized by CSS: no width/height on the <svg> element itself.
    auto open_tag = svg->substr(0, svg->find('>'));
    EXPECT_EQ(open_tag.find("width="), std::string::npos);
    EXPECT_EQ(open_tag.find("height="), std::string::npos);
    EXPECT_EQ(svg->find("<script"), std::string::npos);
    EXPECT_EQ(svg->find("<?xml"), std::string::npos);
    std::size_t paths = 0;
    for (auto pos = svg->find("<path"); pos != std::string::npos; pos = svg->find("<path", pos + 1)) ++paths;
    EXPECT_EQ(paths, 1u);
}

TEST(QrSvg, DrawsExactlyTheDarkModulesInsideAFourModuleQuietZone) {
    auto svg = qr_svg(kUri, "QR code");
    ASSERT_TRUE(svg.has_value());
    std::vector<std::uint8_t> bytes(kUri.begin(), kUri.end());
    auto qr = qrcodegen::QrCode::encodeBinary(bytes, qrcodegen::QrCode::Ecc::MEDIUM);
    const int size = qr.getSize();
    const std::string n = std::to_string(size + 8);
    EXPECT_NE(svg->find("viewBox=\"0 0 " + n + " " + n + "\""), std::string::npos);

    std::set<std::pair<int, int>> expected;
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x)
            if (qr.getModule(x, y)) expected.emplace(x + 4, y + 4);
    EXPECT_EQ(drawn_modules(*svg), expected);
    // The top-left finder pattern's first row: 7 dark modules right after the quiet zone.
    EXPECT_NE(svg->find("M4,4h7v1h-7z"), std::string::npos);
}

TEST(QrSvg, EscapesTheLabel) {
    auto svg = qr_svg("x", R"(Code <b>&"x"'s)");
    ASSERT_TRUE(svg.has_value());
    EXPECT_NE(svg->find(R"(aria-label="Code &lt;b&gt;&amp;&quot;x&quot;&#39;s")"), std::string::npos) << *svg;
    EXPECT_EQ(svg->find("<b>"), std::string::npos);
    auto ctl = qr_svg("x", "a\nb\x01");
    ASSERT_TRUE(ctl.has_value());
    EXPECT_NE(ctl->find("aria-label=\"a b \""), std::string::npos);
    auto utf8 = qr_svg("x", "Code QR à scanner");
    ASSERT_TRUE(utf8.has_value());
    EXPECT_NE(utf8->find("aria-label=\"Code QR à scanner\""), std::string::npos);
}

TEST(QrSvg, SameInputGivesIdenticalOutputAndOtherInputDiffers) {
    auto a = qr_svg(kUri, "QR"), b = qr_svg(kUri, "QR"), c = qr_svg(kUri + "x", "QR");
    ASSERT_TRUE(a && b && c);
    EXPECT_EQ(*a, *b);
    EXPECT_NE(*a, *c);
}

TEST(QrSvg, TooLongTextFails) {
    auto svg = qr_svg(std::string(4000, 'a'), "QR");
    ASSERT_FALSE(svg.has_value());
    EXPECT_EQ(svg.error().code, ErrorCode::invalid_input);
    // Version 40-M holds 2331 bytes.
    EXPECT_TRUE(qr_svg(std::string(2331, 'a'), "QR").has_value());
    EXPECT_FALSE(qr_svg(std::string(2332, 'a'), "QR").has_value());
}

TEST(QrSvg, EmptyTextStillEncodes) {
    auto svg = qr_svg("", "QR");
    ASSERT_TRUE(svg.has_value());
    EXPECT_NE(svg->find("viewBox=\"0 0 29 29\""), std::string::npos);  // version 1: 21 + 8
}

}  // namespace
}  // namespace comptoir::render
