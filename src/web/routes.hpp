#pragma once
#include "http/router.hpp"
#include "web/deps.hpp"

namespace comptoir::web {

/// Registers every route of the application (the whole HTTP surface in one place).
void register_routes(http::Router& router, const Deps& deps);

}  // namespace comptoir::web
