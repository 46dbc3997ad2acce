#pragma once
// A QR code as an inline-safe SVG document (qrcodegen, error correction M,
// a 4-module quiet zone). Used for TOTP enrolment.
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace comptoir::render {

/// SVG markup (no XML declaration, no script) with role="img" and `label` as
/// its accessible name (aria-label, XML-escaped). Fails when text is too long.
Result<std::string> qr_svg(std::string_view text, std::string_view label);

}  // namespace comptoir::render
