#pragma once
// Routes map a method and a path pattern to a handler. Patterns are literal
// segments and `{name}` parameters: "/kb/{lang}/articles/{slug}". Every route
// of the application is registered in one file, src/web/routes.cpp.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace comptoir::http {

using Handler = std::function<Response(Request&)>;
/// Tried on the network thread before a worker route's handler: answers from
/// memory when it can (a cache hit), else nullopt. Must never block.
using CacheHandler = std::function<std::optional<Response>(Request&)>;

/// How the server runs a handler.
enum class Execution {
    worker,   // on the worker pool: may block (database, rendering). The default.
    inline_,  // on the network thread: only for handlers that never block (static files, /healthz)
};

struct Route {
    std::string method;
    std::string pattern;
    Handler handler;
    Execution execution = Execution::worker;
    std::size_t max_body_bytes = 0;  // 0: the server's max_body_bytes
    CacheHandler cached;             // optional; see get_cached()
};

struct RouteMatch {
    const Route* route = nullptr;              // null: no route for this method and path
    std::vector<std::string> allowed_methods;  // non-empty with a null route: 405
    std::vector<std::pair<std::string, std::string>> params;
};

class Router {
  public:
    void add(std::string method, std::string pattern, Handler handler, Execution execution = Execution::worker);
    void get(std::string pattern, Handler handler, Execution execution = Execution::worker) {
        add("GET", std::move(pattern), std::move(handler), execution);
    }
    void post(std::string pattern, Handler handler) { add("POST", std::move(pattern), std::move(handler)); }
    /// A GET route whose `cached` handler answers on the network thread when
    /// it can, sparing the hop to a worker; `handler` runs on a worker otherwise.
    void get_cached(std::string pattern, CacheHandler cached, Handler handler);
    /// A POST route taking bodies up to `max_body_bytes` (file uploads), which
    /// may be more than the server's limit for every other route.
    void post_upload(std::string pattern, Handler handler, std::size_t max_body_bytes);
    /// A route for every path under `prefix` ("/static/"); the rest of the
    /// path is the parameter "rest".
    void get_prefix(std::string prefix, Handler handler, Execution execution = Execution::worker);

    /// HEAD matches GET routes.
    RouteMatch match(std::string_view method, std::string_view path) const;
    /// The largest max_body_bytes of any route (0 when none sets one).
    std::size_t largest_body_limit() const;

  private:
    struct Entry {
        Route route;
        std::vector<std::string> segments;  // "{x}" marks a parameter
        bool prefix = false;
    };
    std::vector<Entry> entries_;
};

}  // namespace comptoir::http
