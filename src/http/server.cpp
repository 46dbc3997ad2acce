// The only file that compiles Beast: sessions, limits, timeouts, dispatch to
// the router, and graceful shutdown.
#include "http/server.hpp"
#include "http/text.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <csignal>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>

#include "http/access_log.hpp"
#include "http/form_body.hpp"
#include "http/metrics.hpp"
#include "http/proxy_trust.hpp"
#include "http/request_id.hpp"
#include "http/request_target.hpp"
#include "http/security_headers.hpp"

namespace comptoir::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
// Large enough for a big page to a slow phone, small enough that a client
// that stops reading does not hold the connection for ever.
constexpr std::chrono::seconds kWriteTimeout{30};
// After an error answer, how long unread request bytes are drained so that
// closing does not reset the connection before the client reads the answer.
constexpr std::chrono::milliseconds kLingerTime{500};
constexpr std::size_t kLingerBytes = 256 * 1024;

struct Connection {
    explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
    beast::tcp_stream stream;
    bool idle = false;  // waiting for the next request; only touched on the connection's strand
};

// Metrics labels must stay a small set whatever clients send.
std::string_view method_label(std::string_view method) {
    for (std::string_view known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
        if (method == known) return known;
    }
    return "OTHER";
}

std::string format_peer(const tcp::socket& socket) {
    beast::error_code ec;
    auto endpoint = socket.remote_endpoint(ec);
    if (ec) return "unknown";
    auto address = endpoint.address();
    if (address.is_v6() && address.to_v6().is_v4_mapped()) {
        return asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6()).to_string();
    }
    return address.to_string();
}

bool has_line_break(std::string_view text) { return text.find_first_of("\r\n") != std::string_view::npos; }

bool has_no_body(int status) { return (status >= 100 && status < 200) || status == 204 || status == 304; }

// Fields the server owns: a handler cannot set them to contradict the framing.
bool is_framing_field(std::string_view name) {
    return iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding") || iequals(name, "Connection") ||
           iequals(name, "X-Request-Id") || iequals(name, "Server");
}

}  // namespace

struct Server::Impl {
    Impl(ServerOptions opts, const Router& r, ErrorRenderer e, Metrics& m, AccessLog& log)
        : options(std::move(opts)),
          router(r),
          // Read once: the routes are all registered before the server is made.
          largest_body_limit(std::max(options.max_body_bytes, r.largest_body_limit())),
          errors(std::move(e)),
          metrics(m),
          access_log(log),
          contexts(make_contexts(options.io_threads)),
          ioc(*contexts.front()),
          workers(static_cast<std::size_t>(std::max(1, options.worker_threads))) {
        for (auto& context : contexts) keep_running.emplace_back(context->get_executor());
    }

    // One single-threaded io_context per network thread, as nginx has one
    // event loop per worker: a connection lives on one thread, so no locks
    // or cross-thread wake-ups on its path.
    static std::vector<std::unique_ptr<asio::io_context>> make_contexts(int threads) {
        std::vector<std::unique_ptr<asio::io_context>> out;
        for (int i = 0; i < std::max(1, threads); ++i) out.push_back(std::make_unique<asio::io_context>(1));
        return out;
    }

    ~Impl() {
        workers.stop();
        workers.join();
    }

    ServerOptions options;
    const Router& router;
    std::size_t largest_body_limit;  // the server's or the largest of an upload route
    ErrorRenderer errors;
    Metrics& metrics;
    AccessLog& access_log;
    ProxyTrust proxies;

    // Declared before the io_context: coroutine frames still queued there
    // unregister themselves when it is destroyed.
    std::mutex connections_mutex;
    std::unordered_set<std::shared_ptr<Connection>> connections;

    std::vector<std::unique_ptr<asio::io_context>> contexts;
    std::vector<asio::executor_work_guard<asio::io_context::executor_type>> keep_running;
    std::size_t next_context = 0;  // round-robin for accepted connections; used on the control strand only
    asio::io_context& ioc;         // the first context: acceptor, signals, shutdown
    // Acceptor, signals and shutdown all run on one strand.
    asio::strand<asio::io_context::executor_type> control{asio::make_strand(ioc)};
    tcp::acceptor acceptor{control};
    asio::signal_set signals{control};
    asio::steady_timer drain_timer{control};
    asio::steady_timer accept_backoff{control};
    std::atomic<bool> stopping{false};
    std::atomic<std::uint16_t> bound_port{0};
    bool listening = false;
    // Declared after the io_context so that it is destroyed first: requests
    // abandoned after shutdown_grace leave frames queued here that still
    // refer to the connection strands of the io_context.
    asio::thread_pool workers;

    Result<void> listen();
    void run();
    void begin_shutdown();
    asio::awaitable<void> drain(Clock::time_point deadline);
    asio::awaitable<void> accept_loop();
    asio::awaitable<void> session(std::shared_ptr<Connection> connection);
    asio::awaitable<bool> serve_one(Connection& connection, beast::flat_buffer& buffer, const std::string& peer);
    asio::awaitable<void> answer_and_close(Connection& connection, Request& request, int status,
                                           Clock::time_point started);
    asio::awaitable<Response> dispatch(Request& request, std::string_view& route_label);
    std::size_t body_limit_of(const Request& request) const;
    Response call_handler(const Route& route, Request& request);
    std::optional<Response> call_cached(const Route& route, Request& request);
    Response error_response(int status, const Request& request);
    asio::awaitable<bool> write(Connection& connection, const Request& request, Response response, bool keep_alive,
                                std::string_view route_label, Clock::time_point started);
    void fill_request_meta(Request& request, const std::string& peer);
};

Result<void> Server::Impl::listen() {
    auto trust = ProxyTrust::parse(options.trusted_proxies);
    if (!trust) return std::unexpected(trust.error());
    proxies = std::move(*trust);

    beast::error_code ec;
    tcp::endpoint endpoint;
    auto address = asio::ip::make_address(options.host, ec);
    if (!ec) {
        endpoint = tcp::endpoint(address, options.port);
    } else {
        tcp::resolver resolver(ioc);
        auto results = resolver.resolve(options.host, std::to_string(options.port), ec);
        if (ec || results.empty()) {
            return fail(ErrorCode::invalid_input, "cannot resolve listen host " + options.host,
                        ec ? ec.message() : "no address");
        }
        endpoint = results.begin()->endpoint();
    }
    std::string where = options.host + ":" + std::to_string(options.port);
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        beast::error_code ignored;
        acceptor.close(ignored);
        return fail(ErrorCode::unavailable, "cannot listen on " + where + ": " + ec.message(), ec.message());
    }
    bound_port = acceptor.local_endpoint().port();
    listening = true;
    return {};
}

void Server::Impl::run() {
    if (!listening) {
        if (auto listened = listen(); !listened) {
            spdlog::error("{}", listened.error().public_message);
            return;
        }
    }
    signals.add(SIGINT);
    signals.add(SIGTERM);
    signals.async_wait([this](beast::error_code ec, int signal) {
        if (ec) return;
        spdlog::info("signal {} received, shutting down", signal);
        begin_shutdown();
    });
    asio::co_spawn(control, accept_loop(), asio::detached);

    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < contexts.size(); ++i) threads.emplace_back([this, i] { contexts[i]->run(); });
    ioc.run();
    for (auto& thread : threads) thread.join();
    // Handlers still running past the grace period are waited for here: a
    // thread cannot be interrupted safely in the middle of a transaction.
    workers.stop();
    workers.join();
}

// Runs on the control strand.
void Server::Impl::begin_shutdown() {
    if (stopping.exchange(true)) return;
    beast::error_code ignored;
    acceptor.close(ignored);
    signals.cancel(ignored);
    accept_backoff.cancel();
    {
        std::lock_guard lock(connections_mutex);
        for (const auto& connection : connections) {
            // Idle keep-alive connections close at once; busy ones see
            // `stopping` after their response and close then.
            asio::post(connection->stream.get_executor(), [connection] {
                if (!connection->idle) return;
                beast::error_code ec;
                connection->stream.socket().shutdown(tcp::socket::shutdown_both, ec);
                connection->stream.socket().close(ec);
            });
        }
    }
    asio::co_spawn(control, drain(Clock::now() + options.shutdown_grace), asio::detached);
}

asio::awaitable<void> Server::Impl::drain(Clock::time_point deadline) {
    for (;;) {
        {
            std::lock_guard lock(connections_mutex);
            if (connections.empty()) break;
        }
        if (Clock::now() >= deadline) {
            spdlog::warn("shutdown grace period over with requests still in flight");
            break;
        }
        drain_timer.expires_after(std::chrono::milliseconds(10));
        co_await drain_timer.async_wait(kUseTuple);
    }
    for (auto& context : contexts) context->stop();
}

asio::awaitable<void> Server::Impl::accept_loop() {
    for (;;) {
        auto& context = *contexts[next_context++ % contexts.size()];
        auto [ec, socket] = co_await acceptor.async_accept(context, kUseTuple);
        if (ec) {
            if (stopping || ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
            // Out of descriptors or similar: wait instead of spinning on the error.
            spdlog::warn("accept failed: {}", ec.message());
            accept_backoff.expires_after(std::chrono::milliseconds(50));
            co_await accept_backoff.async_wait(kUseTuple);
            continue;
        }
        // Without it small responses wait ~40 ms for the delayed ACK.
        socket.set_option(tcp::no_delay(true), ec);
        auto connection = std::make_shared<Connection>(std::move(socket));
        {
            std::lock_guard lock(connections_mutex);
            connections.insert(connection);
        }
        auto executor = connection->stream.get_executor();
        asio::co_spawn(executor, session(std::move(connection)), asio::detached);
    }
}

asio::awaitable<void> Server::Impl::session(std::shared_ptr<Connection> connection) {
    struct Unregister {
        Impl& impl;
        std::shared_ptr<Connection>& connection;
        ~Unregister() {
            std::lock_guard lock(impl.connections_mutex);
            impl.connections.erase(connection);
        }
    } unregister{*this, connection};

    try {
        std::string peer = format_peer(connection->stream.socket());
        beast::flat_buffer buffer;
        // A new connection that sends nothing gets no more time than a slow
        // request would: idle_timeout is for keep-alive between requests.
        auto wait = std::min(options.read_timeout, options.idle_timeout);
        for (;;) {
            if (buffer.size() == 0) {
                // Idle before a request: bounded, and closed at once by a shutdown.
                if (stopping) break;
                connection->idle = true;
                connection->stream.expires_after(wait);
                auto [ec, n] = co_await connection->stream.async_read_some(buffer.prepare(4096), kUseTuple);
                connection->idle = false;
                if (ec) break;
                buffer.commit(n);
            }
            if (!co_await serve_one(*connection, buffer, peer)) break;
            wait = options.idle_timeout;
        }
        beast::error_code ec;
        connection->stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    } catch (const std::exception& e) {
        spdlog::error("connection error: {}", e.what());
    }
}

void Server::Impl::fill_request_meta(Request& request, const std::string& peer) {
    request.peer_addr = peer;
    request.client_addr = proxies.client_addr(peer, request.headers);
    request.secure = proxies.forwarded_secure(peer, request.headers);
    auto incoming = request.headers.get("X-Request-Id");
    if (incoming && is_acceptable_request_id(*incoming) && proxies.trusts(peer)) {
        request.request_id = std::string(*incoming);
    } else {
        request.request_id = new_request_id();
    }
}

// Reads and answers one request. Returns whether the connection stays open.
asio::awaitable<bool> Server::Impl::serve_one(Connection& connection, beast::flat_buffer& buffer,
                                              const std::string& peer) {
    auto started = Clock::now();
    auto& stream = connection.stream;
    // One deadline for the whole request, header and body: a client that
    // trickles bytes cannot hold the connection past read_timeout.
    stream.expires_after(options.read_timeout);

    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(options.max_header_bytes, UINT32_MAX)));
    // Beast refuses a Content-Length above this limit while reading the header,
    // before the route is known: the largest any route allows, narrowed below.
    parser.body_limit(largest_body_limit);

    auto read_failure_status = [](beast::error_code ec) -> int {
        if (ec == bhttp::error::header_limit) return 431;
        if (ec == bhttp::error::body_limit) return 413;
        if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message || ec == beast::error::timeout ||
            ec == asio::error::operation_aborted || ec == asio::error::connection_reset || ec == asio::error::eof ||
            ec == asio::error::broken_pipe) {
            return 0;  // the client left or timed out: nobody to answer
        }
        return 400;
    };

    Request request;
    auto& message = parser.get();
    auto [header_ec, header_bytes] = co_await bhttp::async_read_header(stream, buffer, parser, kUseTuple);
    // Also after an error: what was parsed (perhaps nothing) goes to the error page and the log.
    request.method.assign(message.method_string());
    request.version = static_cast<int>(message.version());
    request.target.assign(message.target());
    for (const auto& field : message) request.headers.add(field.name_string(), std::string(field.value()));
    fill_request_meta(request, peer);
    if (header_ec) {
        int status = read_failure_status(header_ec);
        if (status != 0) co_await answer_and_close(connection, request, status, started);
        co_return false;
    }

    if (!parser.is_done()) {
        // Refuse an announced oversized body before the client sends it. Only
        // an upload route allows more than the server's limit: the route is
        // looked up for a body that may need it.
        const std::size_t body_limit =
            largest_body_limit > options.max_body_bytes ? body_limit_of(request) : options.max_body_bytes;
        if (auto length = parser.content_length(); length && *length > body_limit) {
            co_await answer_and_close(connection, request, 413, started);
            co_return false;
        }
        parser.body_limit(body_limit);  // a chunked body, counted as it comes
        if (auto expect = message[bhttp::field::expect]; iequals(expect, "100-continue")) {
            bhttp::response<bhttp::empty_body> proceed{bhttp::status::continue_, message.version()};
            auto [ec, n] = co_await bhttp::async_write(stream, proceed, kUseTuple);
            if (ec) co_return false;
        }
        auto [body_ec, body_bytes] = co_await bhttp::async_read(stream, buffer, parser, kUseTuple);
        if (body_ec) {
            int status = read_failure_status(body_ec);
            if (status != 0) co_await answer_and_close(connection, request, status, started);
            co_return false;
        }
    }
    request.body = std::move(message.body());
    bool keep_alive = message.keep_alive();
    stream.expires_never();  // the handler's time is not the client's fault

    std::string_view route_label = "unmatched";
    Response response = co_await dispatch(request, route_label);
    co_return co_await write(connection, request, std::move(response), keep_alive, route_label, started);
}

// The body limit of the route a request goes to: the server's, or an upload
// route's own. The target is parsed again by dispatch(); this only reads it.
std::size_t Server::Impl::body_limit_of(const Request& request) const {
    auto target = parse_request_target(request.target, options.max_target_bytes);
    if (!target) return options.max_body_bytes;
    const RouteMatch match = router.match(request.method, target->path);
    if (match.route == nullptr || match.route->max_body_bytes == 0) return options.max_body_bytes;
    return match.route->max_body_bytes;
}

asio::awaitable<Response> Server::Impl::dispatch(Request& request, std::string_view& route_label) {
    auto target = parse_request_target(request.target, options.max_target_bytes);
    if (!target) co_return error_response(target.error(), request);
    request.path = std::move(target->path);
    request.query.assign(target->query);

    RouteMatch match = router.match(request.method, request.path);
    if (match.route == nullptr) {
        if (match.allowed_methods.empty()) co_return error_response(404, request);
        Response response = error_response(405, request);
        std::string allow;
        for (const auto& method : match.allowed_methods) {
            if (!allow.empty()) allow += ", ";
            allow += method;
        }
        response.headers.set("Allow", std::move(allow));
        co_return response;
    }
    const Route& route = *match.route;
    route_label = route.pattern;
    request.route = route.pattern;
    for (auto& [name, value] : match.params) request.params.emplace(std::move(name), std::move(value));
    // Once here rather than in every action: a form field that is not UTF-8 is
    // a bad request, whichever field and whichever form.
    if (!form_fields_are_utf8(request)) co_return error_response(400, request);
    if (route.execution == Execution::inline_) co_return call_handler(route, request);
    if (route.cached) {
        if (auto hit = call_cached(route, request)) co_return std::move(*hit);
    }
    // Handlers that may block run on the worker pool; the network thread
    // goes on serving other connections meanwhile.
    // Hop to a worker thread, run the handler there, and hop back to the
    // connection's thread: cheaper than spawning a coroutine on the pool.
    auto home = co_await asio::this_coro::executor;
    co_await asio::post(asio::bind_executor(workers.get_executor(), asio::use_awaitable));
    Response response = call_handler(route, request);
    co_await asio::post(asio::bind_executor(home, asio::use_awaitable));
    co_return response;
}

// A failing cache handler is logged and the worker handler answers instead.
std::optional<Response> Server::Impl::call_cached(const Route& route, Request& request) {
    try {
        return route.cached(request);
    } catch (const std::exception& e) {
        spdlog::error("request {} {} {}: cache failed: {}", request.request_id, request.method, request.path, e.what());
    } catch (...) {
        spdlog::error("request {} {} {}: cache failed: unknown exception", request.request_id, request.method,
                      request.path);
    }
    return std::nullopt;
}

Response Server::Impl::call_handler(const Route& route, Request& request) {
    try {
        return route.handler(request);
    } catch (const std::exception& e) {
        spdlog::error("request {} {} {} failed: {}", request.request_id, request.method, request.path, e.what());
    } catch (...) {
        spdlog::error("request {} {} {} failed: unknown exception", request.request_id, request.method, request.path);
    }
    return error_response(500, request);
}

Response Server::Impl::error_response(int status, const Request& request) {
    if (errors) {
        try {
            Response response = errors(status, request);
            response.status = status;
            return response;
        } catch (const std::exception& e) {
            spdlog::error("request {}: error page {} failed: {}", request.request_id, status, e.what());
        } catch (...) {
            spdlog::error("request {}: error page {} failed", request.request_id, status);
        }
    }
    std::string body = std::to_string(status);
    body += ' ';
    body += bhttp::obsolete_reason(static_cast<bhttp::status>(status));
    body += "\nRequest id: ";
    body += request.request_id;
    body += '\n';
    return Response::text(status, std::move(body));
}

// Writes the response, records it, and says whether to keep the connection.
asio::awaitable<bool> Server::Impl::write(Connection& connection, const Request& request, Response response,
                                          bool keep_alive, std::string_view route_label, Clock::time_point started) {
    keep_alive = keep_alive && !stopping;
    // The head is serialised by hand into one string and sent with the body
    // in one gathered write: Beast's generic serializer cost more than the
    // rest of a small response.
    std::string head;
    head.reserve(1024);
    head += "HTTP/1.1 ";
    head += std::to_string(response.status);
    head += ' ';
    head += bhttp::obsolete_reason(static_cast<bhttp::status>(response.status));
    head += "\r\nServer: Comptoir\r\n";
    auto add_field = [&head](std::string_view name, std::string_view value) {
        head += name;
        head += ": ";
        head += value;
        head += "\r\n";
    };
    for (const auto& [name, value] : response.headers.fields()) {
        if (is_framing_field(name)) continue;
        if (has_line_break(name) || has_line_break(value) || name.empty() ||
            name.find_first_of(" :\t") != std::string::npos) {
            // A value built from input (a Location with a crafted URL) must not split the response.
            spdlog::error("request {}: dropped response header {} with a line break", request.request_id,
                          has_line_break(name) ? "(bad name)" : name);
            continue;
        }
        add_field(name, value);
    }
    for (const auto& field : security_headers(request.secure)) {
        if (!response.headers.has(field.name)) add_field(field.name, field.value);
    }
    add_field("X-Request-Id", request.request_id);
    std::size_t bytes = response.body.size();
    if (!has_no_body(response.status)) add_field("Content-Length", std::to_string(bytes));
    // HTTP/1.1 keeps the connection unless told otherwise; HTTP/1.0 only when told.
    if (!keep_alive)
        add_field("Connection", "close");
    else if (request.version < 11)
        add_field("Connection", "keep-alive");
    head += "\r\n";
    // HEAD: the GET's headers, Content-Length included, and no body.
    if (request.method == "HEAD" || has_no_body(response.status)) {
        bytes = 0;
        response.body.clear();
    }

    connection.stream.expires_after(kWriteTimeout);
    std::array<asio::const_buffer, 2> buffers{asio::buffer(head), asio::buffer(response.body)};
    auto [ec, n] = co_await asio::async_write(connection.stream, buffers, kUseTuple);

    double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    metrics.observe(route_label, method_label(request.method), response.status, seconds);
    if (access_log.enabled()) {
        AccessRecord record;
        record.request_id = request.request_id;
        record.method = request.method;
        record.target = request.target;
        record.route = route_label;
        record.client_addr = request.client_addr;
        record.user_agent = request.headers.get("User-Agent").value_or("");
        record.status = response.status;
        record.bytes = bytes;
        record.seconds = seconds;
        access_log.write(record);
    }
    co_return !ec && keep_alive;
}

// Answers a request that cannot be served (oversized, malformed) and closes
// the connection without resetting it before the client has read the answer.
asio::awaitable<void> Server::Impl::answer_and_close(Connection& connection, Request& request, int status,
                                                     Clock::time_point started) {
    Response response = error_response(status, request);
    if (!co_await write(connection, request, std::move(response), false, "unmatched", started)) {
        // Expected: write() returns false when the connection is to close.
    }
    auto& socket = connection.stream.socket();
    beast::error_code ec;
    socket.shutdown(tcp::socket::shutdown_send, ec);
    if (ec) co_return;
    connection.stream.expires_after(kLingerTime);
    std::size_t drained = 0;
    char sink[4096];
    while (drained < kLingerBytes) {
        auto [read_ec, n] = co_await connection.stream.async_read_some(asio::buffer(sink), kUseTuple);
        if (read_ec) break;
        drained += n;
    }
}

Server::Server(ServerOptions options, const Router& router, ErrorRenderer errors, Metrics& metrics,
               AccessLog& access_log)
    : impl_(std::make_unique<Impl>(std::move(options), router, std::move(errors), metrics, access_log)) {}

Server::~Server() = default;

Result<void> Server::listen() { return impl_->listen(); }

std::uint16_t Server::port() const { return impl_->bound_port; }

void Server::run() { impl_->run(); }

void Server::stop() {
    asio::post(impl_->control, [impl = impl_.get()] { impl->begin_shutdown(); });
}

}  // namespace comptoir::http
