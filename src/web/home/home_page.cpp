// GET / — the public home page: brand, search, the portal's sections.
#include "web/actions.hpp"

#include "web/page.hpp"

namespace comptoir::web {

http::Response home_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    Page page(deps, request, visitor, "pages/home", "home.title");
    return page.finish();
}

}  // namespace comptoir::web
