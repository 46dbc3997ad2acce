#pragma once
// The page actions of the foundation and of sign-in, one per file under
// src/web/<area>/. Areas with many pages declare theirs in
// src/web/<area>/actions.hpp. Routes bind them in src/web/routes.cpp and the
// per-area src/web/<area>/routes.cpp it calls.
#include <string_view>

#include "http/message.hpp"
#include "web/auth.hpp"
#include "web/deps.hpp"

namespace comptoir::web {

http::Response home_page(const Deps& deps, http::Request& request, const Visitor& visitor);    // home/home_page.cpp
http::Response search_page(const Deps& deps, http::Request& request, const Visitor& visitor);  // kb/search_page.cpp
/// A section of the portal that later issues fill (knowledge base, tickets…).
http::Response section_page(const Deps& deps, http::Request& request, const Visitor& visitor,
                            std::string_view section);                  // sections/section_page.cpp
http::Response healthz(const Deps& deps, http::Request& request);       // system/health.cpp
http::Response readyz(const Deps& deps, http::Request& request);        // system/health.cpp
http::Response metrics(const Deps& deps, http::Request& request);       // system/health.cpp
http::Response static_asset(const Deps& deps, http::Request& request);  // system/static_asset.cpp
http::Response test_sleep(const Deps& deps, http::Request& request);    // testing/test_sleep.cpp
http::Response test_fail(const Deps& deps, http::Request& request);     // testing/test_fail.cpp

}  // namespace comptoir::web
