#pragma once
// The whole HTTP surface: register_routes (routes.cpp) lists the foundation's
// routes and calls one function per area, each in src/web/<area>/routes.cpp,
// so every URL of an area reads in one table beside its actions.
#include "http/router.hpp"
#include "web/deps.hpp"

namespace comptoir::web {

/// Registers every route of the application.
void register_routes(http::Router& router, const Deps& deps);

void register_signin_routes(http::Router& router, const Deps& deps);        // signin/routes.cpp
void register_account_routes(http::Router& router, const Deps& deps);       // account/routes.cpp
void register_mfa_routes(http::Router& router, const Deps& deps);           // mfa/routes.cpp
void register_organisation_routes(http::Router& router, const Deps& deps);  // organisation/routes.cpp
void register_admin_routes(http::Router& router, const Deps& deps);         // admin/routes.cpp
void register_api_routes(http::Router& router, const Deps& deps);           // api/routes.cpp
void register_kb_routes(http::Router& router, const Deps& deps);        // kb/routes.cpp (knowledge base, FAQ, search)
void register_kb_admin_routes(http::Router& router, const Deps& deps);  // kb_admin/routes.cpp (authoring)

}  // namespace comptoir::web
