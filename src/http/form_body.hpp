#pragma once
// Checks of a request body read as a form, applied once by the server before
// routing to an action, so that no action has to repeat them.
#include "http/message.hpp"

namespace comptoir::http {

/// False when the body is read as a form (Content-Type
/// application/x-www-form-urlencoded, or none: Request::form_param reads it all
/// the same) and it holds a raw byte, or a field name or value that decodes to
/// something, that is not UTF-8. The server answers such a request 400.
bool form_fields_are_utf8(const Request& request);

}  // namespace comptoir::http
