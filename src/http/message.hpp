#pragma once
// Request and response as the rest of the program sees them: plain types,
// no Beast. src/http/server.cpp converts from and to Beast messages.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace comptoir::http {

/// Header fields in arrival order; names compare case-insensitively.
class Headers {
  public:
    std::optional<std::string_view> get(std::string_view name) const;
    /// Replaces every field called `name` with one.
    void set(std::string_view name, std::string value);
    /// Appends a field (Set-Cookie may repeat).
    void add(std::string_view name, std::string value);
    bool has(std::string_view name) const { return get(name).has_value(); }
    const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }

  private:
    std::vector<std::pair<std::string, std::string>> fields_;
};

/// A validated request. `path` is percent-decoded, valid UTF-8, starts with
/// '/', and has no "." or ".." segment (the server answers 400 otherwise).
struct Request {
    std::string method;  // "GET"
    int version = 11;    // HTTP version: 10 or 11
    std::string target;  // raw request-target: "/kb?q=caf%C3%A9"
    std::string path;    // decoded path: "/kb"
    std::string query;   // raw query without '?': "q=caf%C3%A9"
    Headers headers;
    std::string body;
    std::string peer_addr;    // TCP peer
    std::string client_addr;  // peer, or X-Forwarded-For's client when the peer is a trusted proxy
    bool secure = false;      // TLS here or at a trusted proxy (X-Forwarded-Proto: https)
    std::string request_id;
    std::string route;  // the matched route pattern ("/kb/{id}"), for logs and metrics
    std::map<std::string, std::string, std::less<>> params;  // path parameters of the route

    /// First value of a query parameter, decoded (`+` is a space); nullopt when absent.
    std::optional<std::string> query_param(std::string_view name) const;
    /// A cookie's value from the Cookie header.
    std::optional<std::string> cookie(std::string_view name) const;
    /// First value of an application/x-www-form-urlencoded body field.
    std::optional<std::string> form_param(std::string_view name) const;
};

/// A response under construction. Security headers, the request id and
/// Content-Length are added by the server.
struct Response {
    int status = 200;
    Headers headers;
    std::string body;

    static Response html(int status, std::string body);
    static Response text(int status, std::string body);
    static Response json(int status, std::string body);
    /// 303 See Other by default (after a form post).
    static Response redirect(std::string location, int status = 303);
};

/// True when `s` is well-formed UTF-8 (no overlongs, no surrogates).
bool is_valid_utf8(std::string_view s);

}  // namespace comptoir::http
