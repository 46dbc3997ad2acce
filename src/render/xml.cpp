#include "render/xml.hpp"

#include "render/template_source.hpp"

namespace comptoir::render {

std::string xml_escape(std::string_view text) {
    // html_escape's entities are XML's too (&amp; … &#39; &#123;). Control
    // characters, which XML 1.0 cannot carry even as references, go first.
    std::string clean(text);
    for (char& c : clean) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
    }
    return html_escape(clean);
}

}  // namespace comptoir::render
