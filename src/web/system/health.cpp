// Probes for load balancers and monitoring: /healthz (the process answers),
// /readyz (the database answers), /metrics (Prometheus).
#include "web/actions.hpp"

namespace comptoir::web {

http::Response healthz(const Deps&, http::Request&) {
    auto response = http::Response::text(200, "ok\n");
    response.headers.set("Cache-Control", "no-store");
    return response;
}

http::Response readyz(const Deps& deps, http::Request&) {
    auto ping = deps.db.ping();
    auto response = ping ? http::Response::text(200, "ready\n") : http::Response::text(503, "database unavailable\n");
    response.headers.set("Cache-Control", "no-store");
    return response;
}

http::Response metrics(const Deps& deps, http::Request&) {
    auto response = http::Response::text(200, deps.metrics.render_prometheus());
    response.headers.set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    response.headers.set("Cache-Control", "no-store");
    return response;
}

}  // namespace comptoir::web
