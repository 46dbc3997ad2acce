#pragma once
// Text for XML documents the server writes itself (sitemaps, SVG).
#include <string>
#include <string_view>

namespace comptoir::render {

/// Safe in XML text and quoted attribute values: & < > " ' { } become entities;
/// control characters, which XML 1.0 does not allow, become spaces.
std::string xml_escape(std::string_view text);

}  // namespace comptoir::render
