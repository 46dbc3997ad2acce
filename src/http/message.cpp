#include "http/message.hpp"

#include "core/utf8.hpp"
#include "http/text.hpp"

#include <boost/url/encoding_opts.hpp>
#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>

namespace comptoir::http {

namespace {

// Form and query strings come from clients: a malformed one reads as "no
// such parameter" rather than an exception the handler would turn into a 500.
std::optional<std::string> find_param(std::string_view encoded, std::string_view name) {
    if (!boost::urls::parse_query(encoded)) return std::nullopt;
    boost::urls::params_view params(encoded, boost::urls::encoding_opts(true));
    for (auto it = params.begin(); it != params.end(); ++it) {
        auto param = *it;
        if (param.key == name) return std::move(param.value);
    }
    return std::nullopt;
}

Response with_type(int status, std::string body, std::string content_type) {
    Response response;
    response.status = status;
    response.body = std::move(body);
    response.headers.set("Content-Type", std::move(content_type));
    return response;
}

}  // namespace

std::optional<std::string_view> Headers::get(std::string_view name) const {
    for (const auto& [key, value] : fields_) {
        if (iequals(key, name)) return std::string_view(value);
    }
    return std::nullopt;
}

void Headers::set(std::string_view name, std::string value) {
    bool replaced = false;
    for (auto it = fields_.begin(); it != fields_.end();) {
        if (!iequals(it->first, name)) {
            ++it;
        } else if (!replaced) {
            it->second = std::move(value);
            replaced = true;
            ++it;
        } else {
            it = fields_.erase(it);
        }
    }
    if (!replaced) fields_.emplace_back(std::string(name), std::move(value));
}

void Headers::add(std::string_view name, std::string value) {
    fields_.emplace_back(std::string(name), std::move(value));
}

std::optional<std::string> Request::query_param(std::string_view name) const { return find_param(query, name); }

std::optional<std::string> Request::form_param(std::string_view name) const { return find_param(body, name); }

std::optional<std::string> Request::cookie(std::string_view name) const {
    auto header = headers.get("Cookie");
    if (!header) return std::nullopt;
    std::string_view rest = *header;
    while (!rest.empty()) {
        auto end = rest.find(';');
        std::string_view pair = trim(rest.substr(0, end));
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        auto eq = pair.find('=');
        if (eq == std::string_view::npos || eq == 0 || trim(pair.substr(0, eq)) != name) continue;
        std::string_view value = trim(pair.substr(eq + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
        return std::string(value);
    }
    return std::nullopt;
}

Response Response::html(int status, std::string body) {
    return with_type(status, std::move(body), "text/html; charset=utf-8");
}

Response Response::text(int status, std::string body) {
    return with_type(status, std::move(body), "text/plain; charset=utf-8");
}

Response Response::json(int status, std::string body) { return with_type(status, std::move(body), "application/json"); }

Response Response::redirect(std::string location, int status) {
    Response response;
    response.status = status;
    response.headers.set("Location", std::move(location));
    return response;
}

bool is_valid_utf8(std::string_view s) { return comptoir::is_valid_utf8(s); }

}  // namespace comptoir::http
