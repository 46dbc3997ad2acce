#pragma once
// Every page action of the web UI, one per file under src/web/<area>/.
// Routes bind them in src/web/routes.cpp.
#include <string_view>

#include "http/message.hpp"
#include "web/deps.hpp"

namespace comptoir::web {

http::Response home_page(const Deps& deps, http::Request& request);    // home/home_page.cpp
http::Response search_page(const Deps& deps, http::Request& request);  // search/search_page.cpp
/// A section of the portal that later issues fill (knowledge base, tickets…).
http::Response section_page(const Deps& deps, http::Request& request, std::string_view section);  // sections/
http::Response healthz(const Deps& deps, http::Request& request);                                 // system/health.cpp
http::Response readyz(const Deps& deps, http::Request& request);                                  // system/health.cpp
http::Response metrics(const Deps& deps, http::Request& request);                                 // system/health.cpp
http::Response static_asset(const Deps& deps, http::Request& request);  // system/static_asset.cpp
http::Response test_sleep(const Deps& deps, http::Request& request);    // testing/test_sleep.cpp

}  // namespace comptoir::web
