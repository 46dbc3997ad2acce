// GET /__test/fail — registered only when testing.routes is on: an action that
// throws, so the integration tests see the real 500 page (localised, with the
// request id, and none of the exception's text).
#include <stdexcept>

#include "web/actions.hpp"

namespace comptoir::web {

http::Response test_fail(const Deps&, http::Request&) {
    // Looks like what a real fault carries (a file, a query), so a leak would show.
    throw std::runtime_error("test_fail.cpp: deliberate failure in SELECT secret_column FROM internals");
}

}  // namespace comptoir::web
