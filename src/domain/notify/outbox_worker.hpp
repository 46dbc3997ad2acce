#pragma once
// Delivers the e-mails waiting in the outbox: claims each due message with a
// short lease (so that several nodes sharing PostgreSQL never send one
// twice at the same time), renders it, sends it over SMTP outside any
// transaction, then records the outcome with retries and backoff.
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "core/error.hpp"
#include "domain/notify/outbox.hpp"
#include "domain/notify/smtp.hpp"
#include "storage/database.hpp"

namespace comptoir::notify {

/// Turns a queued Email into the message to send (templates, language).
using EmailRenderer = std::function<Result<RenderedEmail>(const Email&)>;

/// Seconds to wait before the next try after `attempts` failed ones:
/// 30 s, 1 min, 2 min… capped at one hour.
std::int64_t retry_delay(int attempts);

class OutboxWorker {
  public:
    /// A message is marked failed after `max_attempts` failed tries (render or send).
    OutboxWorker(storage::Database& db, SmtpSettings smtp, EmailRenderer render, int max_attempts);
    ~OutboxWorker();  // stops the thread
    OutboxWorker(const OutboxWorker&) = delete;
    OutboxWorker& operator=(const OutboxWorker&) = delete;

    /// Delivers every message due at `now` (unix seconds), one by one, and
    /// returns how many were sent. Failures are recorded on the message, not
    /// returned; an error means the database could not be reached. With no
    /// SMTP host configured it sends nothing and leaves the queue untouched.
    Result<int> deliver_due(std::int64_t now);

    /// Starts the background thread: deliver_due about every second, or at once after notify().
    void start();
    /// Wakes the thread now (a message was just enqueued; tests).
    void notify();
    /// Stops and joins the thread; a send in progress finishes first. Idempotent.
    void stop();

  private:
    struct Claimed;
    Result<std::optional<Claimed>> claim(std::int64_t now);
    Result<void> record_sent(const Claimed& message, std::int64_t now);
    Result<void> record_failure(const Claimed& message, const Error& error, std::int64_t now);
    Result<int> deliver(std::int64_t now, bool interruptible);
    bool stopping();
    void run();
    void warn_unconfigured();

    storage::Database& db_;
    SmtpSettings smtp_;
    EmailRenderer render_;
    int max_attempts_;

    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    bool woken_ = false;
    bool warned_ = false;
    std::thread thread_;
};

}  // namespace comptoir::notify
