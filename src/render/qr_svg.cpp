#include "render/qr_svg.hpp"

#include <qrcodegen.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "render/xml.hpp"

namespace comptoir::render {
namespace {

constexpr int kQuietZone = 4;  // modules of white around the code (ISO/IEC 18004)

}  // namespace

Result<std::string> qr_svg(std::string_view text, std::string_view label) {
    // Byte mode keeps any text (including NUL bytes) exact; the otpauth URIs
    // this is for are mixed-case, so numeric/alphanumeric modes would not apply.
    std::vector<std::uint8_t> data(text.begin(), text.end());
    std::optional<qrcodegen::QrCode> qr;
    try {
        qr.emplace(qrcodegen::QrCode::encodeBinary(data, qrcodegen::QrCode::Ecc::MEDIUM));
    } catch (const qrcodegen::data_too_long& e) {
        return fail(ErrorCode::invalid_input, "text too long for a QR code",
                    "qr_svg: " + std::to_string(text.size()) + " bytes: " + e.what());
    }

    const int size = qr->getSize();
    const int total = size + 2 * kQuietZone;
    // One path; each horizontal run of dark modules is one rectangle.
    std::string path;
    for (int y = 0; y < size; ++y) {
        for (int x = 0; x < size;) {
            if (!qr->getModule(x, y)) {
                ++x;
                continue;
            }
            int run = 1;
            while (x + run < size && qr->getModule(x + run, y)) ++run;
            path += 'M' + std::to_string(x + kQuietZone) + ',' + std::to_string(y + kQuietZone) + 'h' +
                    std::to_string(run) + "v1h-" + std::to_string(run) + 'z';
            x += run;
        }
    }

    // No width/height: the page's CSS sizes it. Fixed black on white rather
    // than currentColor, so a dark theme cannot produce an unscannable
    // light-on-white code.
    const std::string n = std::to_string(total);
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + n + " " + n +
                      "\" role=\"img\" aria-label=\"" + xml_escape(label) + "\" shape-rendering=\"crispEdges\">";
    svg += "<rect width=\"" + n + "\" height=\"" + n + "\" fill=\"#fff\"/>";
    svg += "<path fill=\"#000\" d=\"" + path + "\"/>";
    svg += "</svg>";
    return svg;
}

}  // namespace comptoir::render
