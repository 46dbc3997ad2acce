#pragma once
// The one place where failures become HTTP responses: ErrorCode -> status,
// and the localised error page (with the request id, never internals).
#include "core/error.hpp"
#include "http/message.hpp"
#include "web/deps.hpp"

namespace comptoir::web {

/// HTTP status for an expected failure.
int status_for(ErrorCode code);

/// The localised error page for `status` (400, 404, 405, 413, 414, 431, 500, 503…).
http::Response error_page(const Deps& deps, int status, const http::Request& request);

/// An expected failure as a page: status from its code; logs internal detail.
http::Response error_page(const Deps& deps, const Error& error, const http::Request& request);

}  // namespace comptoir::web
