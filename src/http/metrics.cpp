#include "http/metrics.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <vector>

namespace comptoir::http {

namespace {

constexpr std::array<double, 13> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
constexpr std::array<std::string_view, 13> kBucketLabels{"0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05",
                                                         "0.1",    "0.25",  "0.5",    "1",     "2.5",  "5"};

// Label values may hold any text; the exposition format escapes these three.
void append_escaped(std::string& out, std::string_view value) {
    for (char c : value) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case '"':
                out += "\\\"";
                break;
            case '\n':
                out += "\\n";
                break;
            default:
                out += c;
        }
    }
}

}  // namespace

struct Metrics::Series {
    std::string labels;  // route="...",method="...",status="..." (escaped once)
    std::uint64_t count = 0;
    double sum = 0;
    std::array<std::uint64_t, kBuckets.size()> buckets{};  // non-cumulative
};

Metrics::Metrics() = default;
Metrics::~Metrics() = default;

void Metrics::observe(std::string_view route, std::string_view method, int status, double seconds) {
    // The key buffer is reused so that a known series costs no allocation.
    thread_local std::string key;
    key.assign(route);
    key += '\0';
    key += method;
    key += '\0';
    key += std::to_string(status);

    std::size_t bucket = std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds) - kBuckets.begin();
    std::lock_guard lock(mutex_);
    auto it = series_.find(key);
    if (it == series_.end()) {
        auto series = std::make_unique<Series>();
        series->labels = "route=\"";
        append_escaped(series->labels, route);
        series->labels += "\",method=\"";
        append_escaped(series->labels, method);
        series->labels += "\",status=\"";
        series->labels += std::to_string(status);
        series->labels += '"';
        it = series_.emplace(key, std::move(series)).first;
    }
    Series& series = *it->second;
    ++series.count;
    series.sum += seconds;
    if (bucket < series.buckets.size()) ++series.buckets[bucket];
}

std::string Metrics::render_prometheus() const {
    struct Snapshot {
        std::string labels;
        std::uint64_t count;
        double sum;
        std::array<std::uint64_t, kBuckets.size()> buckets;
    };
    std::vector<Snapshot> snapshot;
    {
        std::lock_guard lock(mutex_);
        snapshot.reserve(series_.size());
        for (const auto& [key, series] : series_) {
            snapshot.push_back({series->labels, series->count, series->sum, series->buckets});
        }
    }
    // A stable order keeps scrapes diffable.
    std::sort(snapshot.begin(), snapshot.end(), [](const auto& a, const auto& b) { return a.labels < b.labels; });

    std::string out;
    out += "# HELP comptoir_http_requests_total HTTP requests served, by route, method and status.\n";
    out += "# TYPE comptoir_http_requests_total counter\n";
    for (const auto& s : snapshot)
        fmt::format_to(std::back_inserter(out), "comptoir_http_requests_total{{{}}} {}\n", s.labels, s.count);

    out += "# HELP comptoir_http_request_duration_seconds Time from request read to response written.\n";
    out += "# TYPE comptoir_http_request_duration_seconds histogram\n";
    for (const auto& s : snapshot) {
        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
            cumulative += s.buckets[i];
            fmt::format_to(std::back_inserter(out),
                           "comptoir_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", s.labels,
                           kBucketLabels[i], cumulative);
        }
        fmt::format_to(std::back_inserter(out), "comptoir_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n",
                       s.labels, s.count);
        fmt::format_to(std::back_inserter(out), "comptoir_http_request_duration_seconds_sum{{{}}} {}\n", s.labels,
                       s.sum);
        fmt::format_to(std::back_inserter(out), "comptoir_http_request_duration_seconds_count{{{}}} {}\n", s.labels,
                       s.count);
    }
    return out;
}

}  // namespace comptoir::http
