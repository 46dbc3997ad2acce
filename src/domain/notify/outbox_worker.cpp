#include "domain/notify/outbox_worker.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <chrono>

namespace comptoir::notify {
namespace {

// Longer than a send can take (curl gives up after 30 s): a lease that runs
// out means the node died mid-send, and another may try again.
constexpr std::int64_t kLeaseSeconds = 120;
constexpr std::int64_t kFirstRetrySeconds = 30;
constexpr std::int64_t kMaxRetrySeconds = 3600;
constexpr int kBatchLimit = 100;  // per deliver_due call, so stop() is never far away
constexpr std::size_t kMaxErrorBytes = 500;

// The oldest due message, leased in the same statement. On PostgreSQL, SKIP
// LOCKED lets concurrent nodes each take a different row instead of waiting;
// SQLite has one writer per process, so the plain form is already exclusive.
constexpr std::string_view kClaimSqlite =
    "UPDATE outbox SET locked_until = $2 WHERE id = ("
    " SELECT id FROM outbox WHERE kind = 'email' AND sent_at IS NULL AND failed_at IS NULL"
    " AND next_attempt_at <= $1 AND locked_until <= $1 ORDER BY next_attempt_at, id LIMIT 1)"
    " RETURNING id, recipient, language, template, params, attempts";
constexpr std::string_view kClaimPostgres =
    "UPDATE outbox SET locked_until = $2 WHERE id = ("
    " SELECT id FROM outbox WHERE kind = 'email' AND sent_at IS NULL AND failed_at IS NULL"
    " AND next_attempt_at <= $1 AND locked_until <= $1 ORDER BY next_attempt_at, id LIMIT 1"
    " FOR UPDATE SKIP LOCKED)"
    " RETURNING id, recipient, language, template, params, attempts";

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

Result<std::map<std::string, std::string>> parse_params(const std::string& json) {
    boost::system::error_code ec;
    const auto value = boost::json::parse(json, ec);
    if (ec || !value.is_object())
        return fail(ErrorCode::internal, "mail.invalid", "outbox params are not a JSON object");
    std::map<std::string, std::string> params;
    for (const auto& [name, item] : value.get_object()) {
        if (!item.is_string())
            return fail(ErrorCode::internal, "mail.invalid", fmt::format("outbox param {} is not a string", name));
        params.emplace(std::string(name), std::string(item.get_string()));
    }
    return params;
}

// What last_error keeps: the code and both messages, cut on a UTF-8 character
// boundary (PostgreSQL refuses invalid UTF-8 in TEXT).
std::string describe(const Error& error) {
    std::string text = fmt::format("{}: {}", to_string(error.code), error.public_message);
    if (!error.internal_detail.empty()) text += " (" + error.internal_detail + ")";
    if (text.size() <= kMaxErrorBytes) return text;
    std::size_t cut = kMaxErrorBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
    return text;
}

}  // namespace

std::int64_t retry_delay(int attempts) {
    if (attempts <= 1) return kFirstRetrySeconds;
    const int doublings = std::min(attempts - 1, 20);  // 30 << 20 is far above the cap; no overflow
    return std::min(kFirstRetrySeconds << doublings, kMaxRetrySeconds);
}

struct OutboxWorker::Claimed {
    std::int64_t id = 0;
    int attempts = 0;  // before this one
    Email email;
    std::string params_json;
};

OutboxWorker::OutboxWorker(storage::Database& db, SmtpSettings smtp, EmailRenderer render, int max_attempts)
    : db_(db), smtp_(std::move(smtp)), render_(std::move(render)), max_attempts_(std::max(1, max_attempts)) {}

OutboxWorker::~OutboxWorker() { stop(); }

void OutboxWorker::warn_unconfigured() {
    std::lock_guard lock(mutex_);
    if (warned_) return;
    warned_ = true;
    spdlog::warn("mail: no SMTP host configured (mail.smtp_host); e-mails stay queued in the outbox");
}

Result<std::optional<OutboxWorker::Claimed>> OutboxWorker::claim(std::int64_t now) {
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    const auto sql = db_.backend() == storage::Backend::postgres ? kClaimPostgres : kClaimSqlite;
    auto rows = tx->query_with(sql, now, now + kLeaseSeconds);
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return std::optional<Claimed>();
    if (auto committed = tx->commit(); !committed) return std::unexpected(committed.error());
    const auto& row = rows->one();
    Claimed claimed;
    claimed.id = row.get<std::int64_t>(0);
    claimed.email.to = row.get<std::string>(1);
    claimed.email.language = row.get<std::string>(2);
    claimed.email.template_name = row.get<std::string>(3);
    claimed.params_json = row.get<std::string>(4);
    claimed.attempts = static_cast<int>(row.get<std::int64_t>(5));
    return std::optional<Claimed>(std::move(claimed));
}

Result<void> OutboxWorker::record_sent(const Claimed& message, std::int64_t now) {
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    // The links (and their tokens) have done their job: the row keeps none.
    auto done =
        tx->query_with("UPDATE outbox SET sent_at = $2, locked_until = 0, last_error = '', params = $3 WHERE id = $1",
                       message.id, now, params_without_links(message.params_json));
    if (!done) return std::unexpected(done.error());
    return tx->commit();
}

Result<void> OutboxWorker::record_failure(const Claimed& message, const Error& error, std::int64_t now) {
    const int attempts = message.attempts + 1;
    const bool give_up = attempts >= max_attempts_ || error.public_message == kRecipientRejected;
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    // A message given up is never sent again: its links go as after a delivery.
    auto done = tx->query_with(
        "UPDATE outbox SET attempts = $2, last_error = $3, locked_until = 0, next_attempt_at = $4, failed_at = $5, "
        "params = $6 WHERE id = $1",
        message.id, attempts, describe(error), now + retry_delay(attempts),
        give_up ? std::optional<std::int64_t>(now) : std::nullopt,
        give_up ? params_without_links(message.params_json) : message.params_json);
    if (!done) return std::unexpected(done.error());
    if (auto committed = tx->commit(); !committed) return std::unexpected(committed.error());
    if (give_up)
        spdlog::error("mail: outbox message {} ({}) failed after {} attempts: {}", message.id,
                      message.email.template_name, attempts, describe(error));
    else
        spdlog::warn("mail: outbox message {} ({}) attempt {} failed, retrying in {} s: {}", message.id,
                     message.email.template_name, attempts, retry_delay(attempts), describe(error));
    return {};
}

Result<int> OutboxWorker::deliver_due(std::int64_t now) { return deliver(now, false); }

bool OutboxWorker::stopping() {
    std::lock_guard lock(mutex_);
    return stopping_;
}

Result<int> OutboxWorker::deliver(std::int64_t now, bool interruptible) {
    if (smtp_.host.empty()) {
        warn_unconfigured();
        return 0;
    }
    int sent = 0;
    for (int i = 0; i < kBatchLimit; ++i) {
        // Each send may take up to 30 s: stop() waits for one, not for a whole batch.
        if (interruptible && stopping()) break;
        auto claimed = claim(now);
        if (!claimed) return std::unexpected(claimed.error());
        if (!*claimed) break;
        auto& message = **claimed;

        // Rendering is part of the attempt: a template that fails is retried
        // (a fixed theme may be deployed) and then marked failed like a send.
        Result<RenderedEmail> rendered = fail(ErrorCode::internal, "mail.invalid", "not rendered");
        if (auto params = parse_params(message.params_json); !params) {
            rendered = std::unexpected(params.error());
        } else {
            message.email.params = std::move(*params);
            try {
                rendered = render_(message.email);
            } catch (const std::exception& e) {
                rendered = fail(ErrorCode::internal, "mail.invalid", fmt::format("rendering threw: {}", e.what()));
            }
        }
        Result<void> delivered = rendered ? send_email(smtp_, *rendered) : std::unexpected(rendered.error());

        auto recorded = delivered ? record_sent(message, now) : record_failure(message, delivered.error(), now);
        if (!recorded) return std::unexpected(recorded.error());
        if (delivered) ++sent;
    }
    return sent;
}

void OutboxWorker::start() {
    if (smtp_.host.empty()) {
        warn_unconfigured();
        return;
    }
    std::lock_guard lock(mutex_);
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this] { run(); });
}

void OutboxWorker::notify() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    wake_.notify_all();
}

void OutboxWorker::stop() {
    std::thread thread;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        thread = std::move(thread_);
    }
    wake_.notify_all();
    if (thread.joinable()) thread.join();
}

void OutboxWorker::run() {
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            if (stopping_) return;
            woken_ = false;
        }
        // The thread must outlive any failure: a fault becomes a log line and the next round retries.
        try {
            auto sent = deliver(unix_now(), true);
            if (!sent)
                spdlog::error("mail: outbox delivery round failed: {} ({})", sent.error().public_message,
                              sent.error().internal_detail);
        } catch (const std::exception& e) {
            spdlog::error("mail: outbox delivery round threw: {}", e.what());
        }
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_ || woken_; });
    }
}

}  // namespace comptoir::notify
