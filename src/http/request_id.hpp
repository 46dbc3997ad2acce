#pragma once
// Request ids tie a response, its access-log line and any error log together.
#include <string>
#include <string_view>

namespace comptoir::http {

/// A proxy's id is kept only when it is short and harmless in logs and headers:
/// 1 to 64 characters of [A-Za-z0-9._-].
bool is_acceptable_request_id(std::string_view id);

/// 32 lowercase hex digits (128 random bits).
std::string new_request_id();

}  // namespace comptoir::http
