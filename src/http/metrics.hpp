#pragma once
// Request counts and a latency histogram by route, method and status, in the
// Prometheus text exposition format, for /metrics.
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace comptoir::http {

class Metrics {
  public:
    Metrics();
    ~Metrics();
    /// Records one finished request. `route` is the route pattern, not the raw path.
    void observe(std::string_view route, std::string_view method, int status, double seconds);
    /// The text served at /metrics.
    std::string render_prometheus() const;

  private:
    struct Series;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::unique_ptr<Series>> series_;  // key: route\0method\0status
};

}  // namespace comptoir::http
