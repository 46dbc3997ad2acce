#include "http/access_log.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <stdexcept>

#include "http/message.hpp"

namespace comptoir::http {

namespace {

// RFC 3339 in UTC with milliseconds: 2026-11-29T01:20:03.123Z.
std::string utc_now_rfc3339() {
    auto now = std::chrono::system_clock::now();
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char buffer[32];
    std::size_t n = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &tm);
    std::snprintf(buffer + n, sizeof buffer - n, ".%03dZ", static_cast<int>(ms % 1000));
    return buffer;
}

// Header values are whatever the client sent; JSON needs valid UTF-8.
std::string_view safe_text(std::string_view value, std::string& scratch) {
    if (is_valid_utf8(value)) return value;
    scratch.clear();
    for (char c : value) scratch += static_cast<unsigned char>(c) < 0x80 ? c : '?';
    return scratch;
}

}  // namespace

AccessLog::AccessLog(const std::string& target) {
    if (target == "off" || target.empty()) return;
    if (target == "stdout") {
        out_ = stdout;
        return;
    }
    out_ = std::fopen(target.c_str(), "a");
    if (out_ == nullptr) {
        throw std::runtime_error("cannot open access log " + target + ": " + std::strerror(errno));
    }
    owns_ = true;
}

AccessLog::~AccessLog() {
    if (owns_ && out_ != nullptr) std::fclose(out_);
}

std::string redact_target(std::string_view target) {
    const auto question = target.find('?');
    if (question == std::string_view::npos) return std::string(target);
    static constexpr std::string_view kSecretNames[] = {"token", "code", "key", "password", "secret"};
    std::string out(target.substr(0, question + 1));
    std::string_view query = target.substr(question + 1);
    bool first = true;
    while (!query.empty()) {
        const auto amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        const auto eq = pair.find('=');
        const std::string_view name = pair.substr(0, eq);
        bool secret = false;
        for (auto word : kSecretNames) secret = secret || name.find(word) != std::string_view::npos;
        if (!first) out += '&';
        first = false;
        // API keys ("ck_…") are secrets whatever the parameter is called.
        if (eq != std::string_view::npos && pair.substr(eq + 1).starts_with("ck_")) secret = true;
        if (secret && eq != std::string_view::npos) {
            out += name;
            out += "=REDACTED";
        } else {
            out += pair;
        }
    }
    return out;
}

void AccessLog::write(const AccessRecord& record) {
    if (out_ == nullptr) return;
    boost::json::object line;
    line.reserve(12);
    line["time"] = utc_now_rfc3339();
    line["level"] = "info";
    line["msg"] = "request";
    line["request_id"] = record.request_id;
    line["method"] = record.method;
    std::string scratch_target;
    const std::string redacted = redact_target(record.target);
    line["target"] = safe_text(redacted, scratch_target);
    line["route"] = record.route;
    line["status"] = record.status;
    line["bytes"] = record.bytes;
    line["duration_ms"] = static_cast<double>(static_cast<long long>(record.seconds * 1e6)) / 1e3;
    std::string scratch;
    line["client"] = safe_text(record.client_addr, scratch);
    line["user_agent"] = safe_text(record.user_agent, scratch);
    std::string text = boost::json::serialize(line);
    text += '\n';
    // One fwrite per line under the lock: lines from different threads never interleave.
    std::lock_guard lock(mutex_);
    std::fwrite(text.data(), 1, text.size(), out_);
    std::fflush(out_);
}

}  // namespace comptoir::http
