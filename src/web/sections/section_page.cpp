// GET /kb, /faq, /tickets… — the portal's sections. Each later issue replaces
// its section with the real pages; until then the page says what will be
// there and points to search.
#include "web/dictionary.hpp"

#include "web/actions.hpp"
#include "web/page.hpp"

namespace comptoir::web {

http::Response section_page(const Deps& deps, http::Request& request, const Visitor& visitor,
                            std::string_view section) {
    const std::string prefix = "section." + std::string(section);
    Page page(deps, request, visitor, "pages/section", prefix + ".title");
    page.dict().SetValue("SECTION_TITLE", std::string(page.t(prefix + ".title")));
    page.dict().SetValue("SECTION_TEXT", std::string(page.t(prefix + ".text")));
    page.dict().SetValueAndShowSection("SECTION_SOON", std::string(page.t(prefix + ".soon")), "SOON");
    return page.finish();
}

}  // namespace comptoir::web
