#pragma once
// Routes map a method and a path pattern to a handler. Patterns are literal
// segments and `{name}` parameters: "/kb/{lang}/articles/{slug}". Every route
// of the application is registered in one file, src/web/routes.cpp.
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace comptoir::http {

using Handler = std::function<Response(Request&)>;

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
    /// A route for every path under `prefix` ("/static/"); the rest of the
    /// path is the parameter "rest".
    void get_prefix(std::string prefix, Handler handler, Execution execution = Execution::worker);

    /// HEAD matches GET routes.
    RouteMatch match(std::string_view method, std::string_view path) const;

  private:
    struct Entry {
        Route route;
        std::vector<std::string> segments;  // "{x}" marks a parameter
        bool prefix = false;
    };
    std::vector<Entry> entries_;
};

}  // namespace comptoir::http
