#pragma once
// Expected outcomes travel as values: Result<T> = std::expected<T, Error>.
// Faults (bugs, broken invariants) are exceptions. One file in web/ maps
// ErrorCode to an HTTP status and a localised page or JSON body.
#include <expected>
#include <string>
#include <string_view>
#include <utility>

namespace comptoir {

/// Machine code of an expected failure; decides the HTTP status.
enum class ErrorCode {
    invalid_input,    // 400 / form re-shown with messages
    unauthenticated,  // 401
    forbidden,        // 403
    not_found,        // 404
    conflict,         // 409
    too_large,        // 413
    rate_limited,     // 429 (too many attempts: wait and retry)
    unavailable,      // 503 (database down, dependency unreachable)
    internal,         // 500
};

/// An expected failure: what the client may see (`public_message`, a message
/// key or text safe to show) and what only the log sees (`internal_detail`).
struct Error {
    ErrorCode code = ErrorCode::internal;
    std::string public_message;
    std::string internal_detail;
};

template <class T>
using Result = std::expected<T, Error>;

/// Builds the unexpected side of a Result in one expression: `return fail(...)`.
inline std::unexpected<Error> fail(ErrorCode code, std::string public_message, std::string internal_detail = {}) {
    return std::unexpected<Error>(Error{code, std::move(public_message), std::move(internal_detail)});
}

/// Name of a code for logs ("not_found").
std::string_view to_string(ErrorCode code);

}  // namespace comptoir
