#pragma once
// Structured access log: one JSON object per line (time, request id, method,
// path, route, status, bytes, duration, client address, user agent).
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

namespace comptoir::http {

struct AccessRecord {
    std::string_view request_id, method, target, route, client_addr, user_agent;
    int status = 0;
    std::size_t bytes = 0;
    double seconds = 0;
};

/// `target` with the values of secret-looking query parameters (token, code,
/// key, password, secret) replaced by REDACTED: links in e-mails carry tokens.
std::string redact_target(std::string_view target);

class AccessLog {
  public:
    /// `target`: "stdout", "off", or a file path (appended).
    explicit AccessLog(const std::string& target);
    ~AccessLog();
    AccessLog(const AccessLog&) = delete;
    AccessLog& operator=(const AccessLog&) = delete;
    void write(const AccessRecord& record);
    bool enabled() const { return out_ != nullptr; }

  private:
    std::mutex mutex_;
    std::FILE* out_ = nullptr;
    bool owns_ = false;
};

}  // namespace comptoir::http
