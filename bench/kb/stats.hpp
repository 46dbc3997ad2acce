#pragma once
// Latency samples and their percentiles (nearest rank), in milliseconds:
// wall-clock time, and the CPU time of the calling thread (services run their
// SQL on the caller's thread), which stays meaningful on a machine shared with
// other work, where wall-clock time also counts waiting for a core.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <string>
#include <vector>

namespace comptoir::bench {

/// CPU time consumed by the calling thread so far (user + system).
inline std::chrono::nanoseconds thread_cpu_time() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec);
}

class Samples {
  public:
    void add(std::chrono::nanoseconds wall, std::chrono::nanoseconds cpu) {
        wall_.push_back(std::chrono::duration<double, std::milli>(wall).count());
        cpu_.push_back(std::chrono::duration<double, std::milli>(cpu).count());
        sorted_ = false;
    }
    std::size_t size() const { return wall_.size(); }
    /// The p-th percentile (0 < p ≤ 100) of wall-clock time by nearest rank; 0 without samples.
    double percentile(double p) { return rank(wall_, p); }
    double max() { return percentile(100); }
    /// The same for CPU time.
    double cpu_percentile(double p) { return rank(cpu_, p); }

  private:
    double rank(const std::vector<double>& values, double p) {
        if (values.empty()) return 0;
        if (!sorted_) {
            std::sort(wall_.begin(), wall_.end());
            std::sort(cpu_.begin(), cpu_.end());
            sorted_ = true;
        }
        const auto n = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
        return values[std::clamp<std::size_t>(n, 1, values.size()) - 1];
    }

    std::vector<double> wall_, cpu_;
    bool sorted_ = true;
};

/// Runs `work`, adds its wall-clock and CPU time to `samples`; returns what it returned.
template <class Work>
auto timed(Samples& samples, Work&& work) {
    const auto cpu_started = thread_cpu_time();
    const auto started = std::chrono::steady_clock::now();
    auto result = work();
    const auto wall = std::chrono::steady_clock::now() - started;
    samples.add(std::chrono::duration_cast<std::chrono::nanoseconds>(wall), thread_cpu_time() - cpu_started);
    return result;
}

/// "1.23" (milliseconds with two decimals; three below 0.1 ms).
inline std::string ms(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, value < 0.1 ? "%.3f" : "%.2f", value);
    return buffer;
}

}  // namespace comptoir::bench
