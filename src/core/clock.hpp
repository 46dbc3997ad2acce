#pragma once
// Time as the domain sees it: unix seconds (UTC), read through a Clock that
// tests can replace to check expiry without waiting.
#include <chrono>
#include <cstdint>
#include <functional>

namespace comptoir {

using Clock = std::function<std::int64_t()>;

/// The system clock in unix seconds.
inline std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

inline Clock system_clock() { return &unix_now; }

}  // namespace comptoir
