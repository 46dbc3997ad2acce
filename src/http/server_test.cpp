// Talks to a real Server over TCP with plain POSIX sockets, the way any
// client would, so that limits, framing and timeouts are tested on the wire.
#include "http/server.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <map>
#include <stdexcept>
#include <thread>

#include "http/access_log.hpp"
#include "http/metrics.hpp"

namespace comptoir::http {
namespace {

using namespace std::chrono_literals;

struct Reply {
    int status = 0;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? "" : it->second;
    }
};

class Client {
  public:
    explicit Client(std::uint16_t port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        timeval timeout{5, 0};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    }
    ~Client() { ::close(fd_); }
    bool connected() const { return connected_; }

    void send(std::string_view data) {
        while (!data.empty()) {
            ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
            if (n <= 0) return;  // the server may close early (413, 431); the reply tells
            data.remove_prefix(static_cast<std::size_t>(n));
        }
    }

    /// Reads one response; `head`: the request was HEAD, so no body follows.
    Reply read_reply(bool head = false) {
        Reply reply;
        std::size_t end;
        while ((end = pending_.find("\r\n\r\n")) == std::string::npos) {
            if (!fill()) return reply;
        }
        std::string head_text = pending_.substr(0, end);
        pending_.erase(0, end + 4);
        std::size_t line_end = head_text.find("\r\n");
        std::string status_line = head_text.substr(0, line_end);
        reply.status = std::stoi(status_line.substr(9, 3));
        std::size_t pos = line_end;
        while (pos != std::string::npos && pos < head_text.size()) {
            std::size_t next = head_text.find("\r\n", pos + 2);
            std::string line =
                head_text.substr(pos + 2, next == std::string::npos ? std::string::npos : next - pos - 2);
            auto colon = line.find(':');
            std::string name = line.substr(0, colon);
            std::transform(name.begin(), name.end(), name.begin(), ::tolower);
            std::string value = line.substr(colon + 1);
            value.erase(0, value.find_first_not_of(' '));
            if (reply.headers.contains(name)) {
                reply.headers[name] += ", " + value;
            } else {
                reply.headers[name] = value;
            }
            pos = next;
        }
        if (head || reply.status == 304 || reply.status / 100 == 1) return reply;
        std::size_t length = std::stoul(reply.header("content-length").empty() ? "0" : reply.header("content-length"));
        while (pending_.size() < length) {
            if (!fill()) break;
        }
        reply.body = pending_.substr(0, length);
        pending_.erase(0, std::min(length, pending_.size()));
        return reply;
    }

    /// True when the server closes the connection (EOF or reset) before `within` passes.
    bool closed_within(std::chrono::milliseconds within) {
        timeval timeout{static_cast<time_t>(within.count() / 1000),
                        static_cast<suseconds_t>(within.count() % 1000 * 1000)};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        char buffer[4096];
        for (;;) {
            ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
            if (n == 0) return true;
            if (n < 0) return errno == ECONNRESET;
        }
    }

    std::string pending() const { return pending_; }

  private:
    bool fill() {
        char buffer[16384];
        ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
        if (n <= 0) return false;
        pending_.append(buffer, static_cast<std::size_t>(n));
        return true;
    }
    int fd_ = -1;
    bool connected_ = false;
    std::string pending_;
};

std::string get(std::string_view target, std::string_view extra = "") {
    return "GET " + std::string(target) + " HTTP/1.1\r\nHost: test\r\n" + std::string(extra) + "\r\n";
}

class ServerTest : public ::testing::Test {
  protected:
    ServerTest() {
        router.get("/", [](Request&) { return Response::html(200, "<h1>home</h1>"); });
        router.get("/only-get", [](Request&) { return Response::text(200, "ok"); });
        router.get(
            "/inline", [](Request&) { return Response::text(200, "inline"); }, Execution::inline_);
        router.get("/who", [](Request& request) {
            return Response::text(
                200, request.client_addr + " secure=" + (request.secure ? "1" : "0") + " peer=" + request.peer_addr);
        });
        router.get("/echo-id", [](Request& request) { return Response::text(200, request.request_id); });
        router.get("/kb/{slug}", [](Request& request) {
            return Response::text(
                200, request.params.at("slug") + "|" + request.route + "|" + request.query_param("q").value_or("-"));
        });
        router.get_cached(
            "/cached/{key}",
            [](Request& request) -> std::optional<Response> {
                const auto& key = request.params.at("key");
                if (key == "boom") throw std::runtime_error("cache broke");
                if (key == "hit") return Response::text(200, "from the cache");
                return std::nullopt;
            },
            [](Request& request) { return Response::text(200, "rendered " + request.params.at("key")); });
        router.post_upload(
            "/upload", [](Request& request) { return Response::text(200, std::to_string(request.body.size())); }, 4096);
        router.post("/form", [](Request& request) {
            return Response::text(200, request.form_param("subject").value_or("<none>"));
        });
        router.get("/throws", [](Request&) -> Response { throw std::runtime_error("secret-db-password"); });
        router.get("/frame", [](Request&) {
            auto response = Response::html(200, "framed");
            response.headers.set("X-Frame-Options", "SAMEORIGIN");
            return response;
        });
        router.get("/slow", [this](Request&) {
            slow_started = true;
            std::this_thread::sleep_for(600ms);
            return Response::text(200, std::string(100000, 's'));
        });
    }

    ~ServerTest() override { stop(); }

    void start(ServerOptions options = {}) {
        options.port = 0;
        options.io_threads = 2;
        options.worker_threads = 2;
        server = std::make_unique<Server>(options, router, errors, metrics, access_log);
        auto listened = server->listen();
        ASSERT_TRUE(listened) << listened.error().public_message;
        port = server->port();
        ASSERT_NE(port, 0);
        thread = std::thread([this] {
            server->run();
            run_returned = true;
        });
    }

    void stop() {
        if (!server) return;
        server->stop();
        if (thread.joinable()) thread.join();
    }

    Router router;
    Metrics metrics;
    AccessLog access_log{"off"};
    ErrorRenderer errors = [](int status, const Request& request) {
        return Response::html(status, "<h1>error " + std::to_string(status) + "</h1><p>" + request.request_id + "</p>");
    };
    std::unique_ptr<Server> server;
    std::thread thread;
    std::uint16_t port = 0;
    std::atomic<bool> run_returned{false};
    std::atomic<bool> slow_started{false};
};

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
    start();
    Client client(port);
    ASSERT_TRUE(client.connected());
    client.send(get("/"));
    Reply first = client.read_reply();
    client.send(get("/inline"));
    Reply second = client.read_reply();
    EXPECT_EQ(first.status, 200);
    EXPECT_EQ(first.body, "<h1>home</h1>");
    EXPECT_EQ(first.header("content-type"), "text/html; charset=utf-8");
    EXPECT_EQ(first.header("server"), "Comptoir");
    EXPECT_EQ(second.status, 200);
    EXPECT_EQ(second.body, "inline");
    EXPECT_EQ(first.header("x-request-id").size(), 32u);
    EXPECT_NE(first.header("x-request-id"), second.header("x-request-id"));
}

TEST_F(ServerTest, PipelinedRequestsAnsweredInOrder) {
    start();
    Client client(port);
    client.send(get("/kb/a") + get("/kb/b") + get("/kb/c"));
    EXPECT_EQ(client.read_reply().body, "a|/kb/{slug}|-");
    EXPECT_EQ(client.read_reply().body, "b|/kb/{slug}|-");
    EXPECT_EQ(client.read_reply().body, "c|/kb/{slug}|-");
}

TEST_F(ServerTest, PathParamsAndDecodedQuery) {
    start();
    Client client(port);
    client.send(get("/kb/caf%C3%A9?q=a+b%26c"));
    Reply reply = client.read_reply();
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.body, "café|/kb/{slug}|a b&c");
}

TEST_F(ServerTest, Http10ClosesAfterResponse) {
    start();
    Client client(port);
    client.send("GET / HTTP/1.0\r\n\r\n");
    EXPECT_EQ(client.read_reply().status, 200);
    EXPECT_TRUE(client.closed_within(2s));
}

TEST_F(ServerTest, Http10KeepAliveIsAnsweredAndHonoured) {
    start();
    Client client(port);
    client.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    Reply first = client.read_reply();
    EXPECT_EQ(first.status, 200);
    // An HTTP/1.0 client reuses the connection only when the answer says so.
    EXPECT_EQ(first.header("connection"), "keep-alive");
    client.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    EXPECT_EQ(client.read_reply().status, 200);
}

TEST_F(ServerTest, NotFoundUsesErrorRendererWithRequestId) {
    start();
    Client client(port);
    client.send(get("/nope"));
    Reply reply = client.read_reply();
    EXPECT_EQ(reply.status, 404);
    ASSERT_FALSE(reply.header("x-request-id").empty());
    EXPECT_NE(reply.body.find("error 404"), std::string::npos);
    EXPECT_NE(reply.body.find(reply.header("x-request-id")), std::string::npos);
    // Still usable afterwards.
    client.send(get("/"));
    EXPECT_EQ(client.read_reply().status, 200);
}

TEST_F(ServerTest, WrongMethodIs405WithAllow) {
    start();
    Client client(port);
    client.send("POST /only-get HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n");
    Reply reply = client.read_reply();
    EXPECT_EQ(reply.status, 405);
    EXPECT_EQ(reply.header("allow"), "GET, HEAD");
    EXPECT_NE(reply.body.find("error 405"), std::string::npos);
}

TEST_F(ServerTest, HeadHasGetLengthAndNoBody) {
    start();
    Client client(port);
    client.send("HEAD / HTTP/1.1\r\nHost: t\r\n\r\n");
    Reply head = client.read_reply(/*head=*/true);
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.header("content-length"), "13");
    // If a body had been sent, it would be read here as the next status line.
    client.send(get("/inline"));
    Reply next = client.read_reply();
    EXPECT_EQ(next.status, 200);
    EXPECT_EQ(next.body, "inline");
}

TEST_F(ServerTest, FormBodyReachesHandler) {
    start();
    Client client(port);
    std::string body = "subject=Printer+on+fire&x=1";
    client.send(
        "POST /form HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\n\r\n" + body);
    EXPECT_EQ(client.read_reply().body, "Printer on fire");
}

TEST_F(ServerTest, ExpectContinueGetsInterimResponse) {
    start();
    Client client(port);
    std::string body = "subject=hello";
    client.send("POST /form HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: " +
                std::to_string(body.size()) + "\r\n\r\n");
    EXPECT_EQ(client.read_reply().status, 100);
    client.send(body);
    EXPECT_EQ(client.read_reply().body, "hello");
}

TEST_F(ServerTest, AnnouncedBodyOverLimitIs413BeforeBodyIsSent) {
    ServerOptions options;
    options.max_body_bytes = 1024;
    start(options);
    Client client(port);
    client.send("POST /form HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n");
    Reply reply = client.read_reply();
    EXPECT_EQ(reply.status, 413);
    EXPECT_EQ(reply.header("connection"), "close");
    EXPECT_FALSE(reply.header("x-request-id").empty());
    EXPECT_TRUE(client.closed_within(2s));
}

TEST_F(ServerTest, ChunkedBodyOverLimitIs413) {
    ServerOptions options;
    options.max_body_bytes = 1024;
    start(options);
    Client client(port);
    std::string chunk(2000, 'x');
    client.send("POST /form HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n7d0\r\n" + chunk +
                "\r\n0\r\n\r\n");
    EXPECT_EQ(client.read_reply().status, 413);
}

TEST_F(ServerTest, UploadRouteTakesABodyAboveTheServerLimitUpToItsOwn) {
    ServerOptions options;
    options.max_body_bytes = 1024;
    start(options);
    const std::string body(3000, 'x');
    {
        Client client(port);
        client.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 3000\r\n\r\n" + body);
        Reply reply = client.read_reply();
        EXPECT_EQ(reply.status, 200);
        EXPECT_EQ(reply.body, "3000");
    }
    {
        Client client(port);  // chunked, within the route's limit
        client.send("POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nbb8\r\n" + body +
                    "\r\n0\r\n\r\n");
        EXPECT_EQ(client.read_reply().body, "3000");
    }
    {
        Client client(port);  // above the route's own limit
        client.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n");
        EXPECT_EQ(client.read_reply().status, 413);
    }
    {
        Client client(port);  // chunked, above the route's own limit
        client.send("POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n1388\r\n" +
                    std::string(5000, 'x') + "\r\n0\r\n\r\n");
        EXPECT_EQ(client.read_reply().status, 413);
    }
    {
        Client client(port);  // other routes keep the server's limit
        client.send("POST /form HTTP/1.1\r\nHost: t\r\nContent-Length: 3000\r\n\r\n");
        EXPECT_EQ(client.read_reply().status, 413);
    }
}

TEST_F(ServerTest, CachedRouteAnswersFromItsCacheElseFromItsHandler) {
    start();
    Client client(port);
    client.send("GET /cached/hit HTTP/1.1\r\nHost: t\r\n\r\n");
    EXPECT_EQ(client.read_reply().body, "from the cache");
    client.send("GET /cached/miss HTTP/1.1\r\nHost: t\r\n\r\n");
    EXPECT_EQ(client.read_reply().body, "rendered miss");
    // A failing cache is not the visitor's problem.
    client.send("GET /cached/boom HTTP/1.1\r\nHost: t\r\n\r\n");
    Reply reply = client.read_reply();
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.body, "rendered boom");
}

TEST_F(ServerTest, HugeHeaderIs431) {
    ServerOptions options;
    options.max_header_bytes = 4096;
    start(options);
    Client client(port);
    client.send(get("/", "X-Big: " + std::string(20000, 'a') + "\r\n"));
    Reply reply = client.read_reply();
    EXPECT_EQ(reply.status, 431);
    EXPECT_TRUE(client.closed_within(2s));
}

TEST_F(ServerTest, LongTargetIs414) {
    ServerOptions options;
    options.max_target_bytes = 100;
    start(options);
    Client client(port);
    client.send(get("/" + std::string(200, 'a')));
    EXPECT_EQ(client.read_reply().status, 414);
}

TEST_F(ServerTest, BadTargetsAre400) {
    start();
    for (const char* target : {"/../etc/passwd", "/%2e%2e/x", "/%ff", "/%zz", "/a?q=%zz", "http://example.com/",
                               "/static/..%2f..%2fetc/passwd", "/a%00b", "/a%5c..%5cb"}) {
        Client client(port);
        client.send(get(target));
        Reply reply = client.read_reply();
        EXPECT_EQ(reply.status, 400) << target;
        EXPECT_NE(reply.body.find("error 400"), std::string::npos) << target;
        EXPECT_FALSE(reply.header("x-request-id").empty()) << target;
    }
}

TEST_F(ServerTest, MalformedRequestIs400AndClosed) {
    start();
    for (const char* raw : {"GARBAGE\r\n\r\n", "GET / HTTP/9.9\r\n\r\n", "GET / HTTP/1.1\r\nBad Header\r\n\r\n",
                            "GET / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n"}) {
        Client client(port);
        client.send(raw);
        Reply reply = client.read_reply();
        EXPECT_EQ(reply.status, 400) << raw;
        EXPECT_TRUE(client.closed_within(2s)) << raw;
    }
}

TEST_F(ServerTest, SlowClientIsClosedAfterReadTimeout) {
    ServerOptions options;
    options.read_timeout = 300ms;
    start(options);
    Client client(port);
    auto begin = std::chrono::steady_clock::now();
    client.send("GET / HTTP/1.1\r\nHost: t\r\n");
    // Trickle one header line every 100 ms: each byte arrives in time, the whole request does not.
    for (int i = 0; i < 4; ++i) {
        std::this_thread::sleep_for(100ms);
        client.send("X-Slow: " + std::to_string(i) + "\r\n");
    }
    EXPECT_TRUE(client.closed_within(3s));
    auto elapsed = std::chrono::steady_clock::now() - begin;
    EXPECT_GE(elapsed, 250ms);
    EXPECT_LT(elapsed, 2s);
}

TEST_F(ServerTest, SilentNewConnectionIsClosedAfterReadTimeout) {
    ServerOptions options;
    options.read_timeout = 300ms;
    options.idle_timeout = 60s;
    start(options);
    Client client(port);
    auto begin = std::chrono::steady_clock::now();
    EXPECT_TRUE(client.closed_within(3s));
    EXPECT_LT(std::chrono::steady_clock::now() - begin, 2s);
}

TEST_F(ServerTest, IdleKeepAliveConnectionIsClosed) {
    ServerOptions options;
    options.idle_timeout = 300ms;
    start(options);
    Client client(port);
    client.send(get("/"));
    EXPECT_EQ(client.read_reply().status, 200);
    auto begin = std::chrono::steady_clock::now();
    EXPECT_TRUE(client.closed_within(3s));
    EXPECT_LT(std::chrono::steady_clock::now() - begin, 2s);
}

TEST_F(ServerTest, ForwardedForIgnoredWithoutTrustedProxy) {
    start();
    Client client(port);
    client.send(get("/who", "X-Forwarded-For: 198.51.100.7\r\nX-Forwarded-Proto: https\r\n"));
    Reply reply = client.read_reply();
    EXPECT_EQ(reply.body, "127.0.0.1 secure=0 peer=127.0.0.1");
    EXPECT_TRUE(reply.header("strict-transport-security").empty());
}

TEST_F(ServerTest, ForwardedForHonouredFromTrustedProxy) {
    ServerOptions options;
    options.trusted_proxies = {"127.0.0.1"};
    start(options);
    Client client(port);
    client.send(get("/who", "X-Forwarded-For: 1.2.3.4, 198.51.100.7\r\nX-Forwarded-Proto: https\r\n"));
    Reply reply = client.read_reply();
    EXPECT_EQ(reply.body, "198.51.100.7 secure=1 peer=127.0.0.1");
    EXPECT_EQ(reply.header("strict-transport-security"), "max-age=31536000; includeSubDomains");
}

TEST_F(ServerTest, IncomingRequestIdOnlyFromTrustedProxy) {
    {
        start();
        Client client(port);
        client.send(get("/echo-id", "X-Request-Id: from-client-123\r\n"));
        Reply reply = client.read_reply();
        EXPECT_NE(reply.body, "from-client-123");
        EXPECT_EQ(reply.header("x-request-id"), reply.body);
        stop();
        server.reset();
    }
    ServerOptions options;
    options.trusted_proxies = {"127.0.0.0/8"};
    start(options);
    Client good(port);
    good.send(get("/echo-id", "X-Request-Id: lb-abc.123_x\r\n"));
    Reply reply = good.read_reply();
    EXPECT_EQ(reply.body, "lb-abc.123_x");
    EXPECT_EQ(reply.header("x-request-id"), "lb-abc.123_x");
    Client bad(port);
    bad.send(get("/echo-id", "X-Request-Id: has spaces<script>\r\n"));
    EXPECT_EQ(bad.read_reply().body.size(), 32u);
}

TEST_F(ServerTest, SecurityHeadersOnPagesAndErrors) {
    start();
    for (const char* target : {"/", "/nope", "/%ff"}) {
        Client client(port);
        client.send(get(target));
        Reply reply = client.read_reply();
        EXPECT_EQ(reply.header("content-security-policy"),
                  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                  "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
            << target;
        EXPECT_EQ(reply.header("x-content-type-options"), "nosniff") << target;
        EXPECT_EQ(reply.header("referrer-policy"), "strict-origin-when-cross-origin") << target;
        EXPECT_EQ(reply.header("x-frame-options"), "DENY") << target;
        EXPECT_EQ(reply.header("cross-origin-opener-policy"), "same-origin") << target;
        EXPECT_TRUE(reply.header("strict-transport-security").empty()) << target;
    }
}

TEST_F(ServerTest, HandlerMayOverrideASecurityHeader) {
    start();
    Client client(port);
    client.send(get("/frame"));
    Reply reply = client.read_reply();
    EXPECT_EQ(reply.header("x-frame-options"), "SAMEORIGIN");
    EXPECT_EQ(reply.header("x-content-type-options"), "nosniff");
}

TEST_F(ServerTest, HandlerExceptionIs500WithoutDetails) {
    start();
    Client client(port);
    client.send(get("/throws"));
    Reply reply = client.read_reply();
    EXPECT_EQ(reply.status, 500);
    EXPECT_EQ(reply.body.find("secret"), std::string::npos);
    EXPECT_NE(reply.body.find(reply.header("x-request-id")), std::string::npos);
    client.send(get("/"));
    EXPECT_EQ(client.read_reply().status, 200);
}

TEST_F(ServerTest, FailingErrorRendererFallsBackToPlainText) {
    errors = [](int, const Request&) -> Response { throw std::runtime_error("template missing"); };
    start();
    Client client(port);
    client.send(get("/nope"));
    Reply reply = client.read_reply();
    EXPECT_EQ(reply.status, 404);
    EXPECT_EQ(reply.header("content-type"), "text/plain; charset=utf-8");
    EXPECT_NE(reply.body.find("404"), std::string::npos);
    EXPECT_NE(reply.body.find(reply.header("x-request-id")), std::string::npos);
    EXPECT_EQ(reply.body.find("template missing"), std::string::npos);
}

TEST_F(ServerTest, MetricsRecordRoutePatterns) {
    start();
    Client client(port);
    client.send(get("/kb/one") + get("/kb/two") + get("/nope"));
    for (int i = 0; i < 3; ++i) client.read_reply();
    // Metrics are recorded once the write completes, which may be just after the client reads it.
    std::string ok = R"(comptoir_http_requests_total{route="/kb/{slug}",method="GET",status="200"} 2)";
    std::string not_found = R"(comptoir_http_requests_total{route="unmatched",method="GET",status="404"} 1)";
    std::string text;
    for (int i = 0; i < 100; ++i) {
        text = metrics.render_prometheus();
        if (text.find(ok) != std::string::npos && text.find(not_found) != std::string::npos) break;
        std::this_thread::sleep_for(10ms);
    }
    EXPECT_NE(text.find(ok), std::string::npos) << text;
    EXPECT_NE(text.find(not_found), std::string::npos) << text;
}

TEST_F(ServerTest, StopLetsInFlightRequestFinishAndRefusesNewConnections) {
    start();
    Client busy(port);
    Client idle(port);
    idle.send(get("/"));
    ASSERT_EQ(idle.read_reply().status, 200);
    busy.send(get("/slow"));
    while (!slow_started) std::this_thread::sleep_for(5ms);
    server->stop();
    // The idle keep-alive connection is closed at once, not after idle_timeout (60 s).
    EXPECT_TRUE(idle.closed_within(1s));
    Reply reply = busy.read_reply();
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.body.size(), 100000u);
    EXPECT_EQ(reply.header("connection"), "close");
    thread.join();
    EXPECT_TRUE(run_returned);
    EXPECT_FALSE(Client(port).connected());
}

TEST_F(ServerTest, HeaderWithLineBreakIsDropped) {
    router.get("/inject", [](Request&) {
        auto response = Response::redirect("/x\r\nSet-Cookie: session=stolen");
        response.headers.set("X-Fine", "yes");
        return response;
    });
    start();
    Client client(port);
    client.send(get("/inject"));
    Reply reply = client.read_reply();
    EXPECT_EQ(reply.status, 303);
    EXPECT_TRUE(reply.header("location").empty());
    EXPECT_TRUE(reply.header("set-cookie").empty());
    EXPECT_EQ(reply.header("x-fine"), "yes");
}

TEST_F(ServerTest, ShutdownGraceBoundsTheWaitForSlowRequests) {
    ServerOptions options;
    options.shutdown_grace = 100ms;
    options.read_timeout = 5s;
    start(options);
    Client busy(port);
    busy.send(get("/slow"));
    Client partial(port);
    partial.send("GET / HTTP/1.1\r\n");  // never finishes its request
    while (!slow_started) std::this_thread::sleep_for(5ms);
    auto begin = std::chrono::steady_clock::now();
    server->stop();
    thread.join();
    // run() returns once the running handler is done (600 ms), not after read_timeout.
    EXPECT_LT(std::chrono::steady_clock::now() - begin, 3s);
    EXPECT_TRUE(run_returned);
    server.reset();  // destroys what was abandoned mid-request
    EXPECT_TRUE(partial.closed_within(1s));
    EXPECT_TRUE(busy.closed_within(1s));
}

TEST_F(ServerTest, SigtermDrainsAndReturns) {
    start();
    {
        // A served request proves run() has installed its signal handler.
        Client client(port);
        client.send(get("/"));
        ASSERT_EQ(client.read_reply().status, 200);
    }
    ASSERT_EQ(::kill(::getpid(), SIGTERM), 0);
    thread.join();
    EXPECT_TRUE(run_returned);
    EXPECT_FALSE(Client(port).connected());
}

TEST_F(ServerTest, ListenReportsAddressInUse) {
    start();
    ServerOptions options;
    options.port = port;
    Server second(options, router, errors, metrics, access_log);
    auto listened = second.listen();
    ASSERT_FALSE(listened);
    EXPECT_NE(listened.error().public_message.find(std::to_string(port)), std::string::npos);
}

}  // namespace
}  // namespace comptoir::http
