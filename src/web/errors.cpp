#include "web/errors.hpp"

#include <spdlog/spdlog.h>
#include "web/dictionary.hpp"

#include "web/api/api.hpp"
#include "web/page.hpp"

namespace comptoir::web {

int status_for(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid_input:
            return 400;
        case ErrorCode::unauthenticated:
            return 401;
        case ErrorCode::forbidden:
            return 403;
        case ErrorCode::not_found:
            return 404;
        case ErrorCode::conflict:
            return 409;
        case ErrorCode::too_large:
            return 413;
        case ErrorCode::rate_limited:
            return 429;
        case ErrorCode::unavailable:
            return 503;
        case ErrorCode::internal:
            return 500;
    }
    return 500;
}

// Statuses with their own title and message in the catalogues; others use 500's.
static int known_status(int status) {
    switch (status) {
        case 400:
        case 403:
        case 404:
        case 405:
        case 413:
        case 414:
        case 429:
        case 431:
        case 500:
        case 503:
            return status;
        default:
            return status >= 500 ? 500 : 400;
    }
}

http::Response error_page(const Deps& deps, int status, const http::Request& request) {
    // API clients read JSON, whatever failed: the router, a limit, an action.
    if (request.target.starts_with("/api/")) {
        auto response = api::json_status_error(status);
        response.status = status;
        return response;
    }
    const std::string prefix = "error." + std::to_string(known_status(status));
    Page page(deps, request, "pages/error", prefix + ".title");
    auto& dict = page.dict();
    dict.SetIntValue("STATUS", status);
    dict.SetValue("ERROR_TITLE", std::string(page.t(prefix + ".title")));
    dict.SetValue("ERROR_MESSAGE", std::string(page.t(prefix + ".message")));
    dict.SetValue("REQUEST_ID", request.request_id);
    auto response = page.finish(status);
    response.headers.set("Cache-Control", "no-store");
    return response;
}

http::Response error_page(const Deps& deps, const Error& error, const http::Request& request) {
    int status = status_for(error.code);
    if (!error.internal_detail.empty())
        spdlog::warn("request {}: {}: {}", request.request_id, to_string(error.code), error.internal_detail);
    return error_page(deps, status, request);
}

}  // namespace comptoir::web
