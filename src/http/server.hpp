#pragma once
// The HTTP/1.1 server: Boost.Beast + Asio with C++20 coroutines, hidden
// behind a pimpl so that only server.cpp compiles Beast.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "http/message.hpp"
#include "http/router.hpp"

namespace comptoir::http {

class Metrics;
class AccessLog;

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;                         // 0: pick a free port (tests)
    int io_threads = 2;                                // network threads
    int worker_threads = 4;                            // handlers that may block
    std::size_t max_header_bytes = 16 * 1024;          // beyond: 431
    std::size_t max_body_bytes = 1024 * 1024;          // beyond: 413
    std::size_t max_target_bytes = 8 * 1024;           // beyond: 414
    std::chrono::milliseconds read_timeout{10'000};    // whole request (header + body) must arrive within it
    std::chrono::milliseconds idle_timeout{60'000};    // keep-alive connection without a request
    std::chrono::milliseconds shutdown_grace{10'000};  // in-flight requests get this long to finish
    std::vector<std::string> trusted_proxies;          // peers whose X-Forwarded-For/-Proto are believed
};

/// Renders the page for an error status (400, 404, 405, 413, 431, 500, 503…)
/// in the request's language; the web layer provides it.
using ErrorRenderer = std::function<Response(int status, const Request&)>;

class Server {
  public:
    Server(ServerOptions options, const Router& router, ErrorRenderer errors, Metrics& metrics, AccessLog& access_log);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// Binds and listens; an error names the address when it is taken.
    Result<void> listen();
    /// The bound port (useful with port 0).
    std::uint16_t port() const;
    /// Serves until stop() or SIGTERM/SIGINT, then drains: stops accepting,
    /// lets in-flight requests finish (up to shutdown_grace), closes idle
    /// keep-alive connections, and returns.
    void run();
    /// Asks run() to drain and return; thread-safe.
    void stop();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace comptoir::http
