#pragma once
// A bounded, fair pool of connections shared by both backends. A connection
// is lent to one transaction at a time; a borrower waits (first come, first
// served) when all are lent, up to a timeout. Kept in a shared_ptr so that a
// Transaction that outlives its Database still returns its connection safely.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace comptoir::storage {

template <class Conn>
class Pool : public std::enable_shared_from_this<Pool<Conn>> {
  public:
    explicit Pool(std::size_t capacity) : capacity_(capacity) {}

    /// Adds an already opened connection (at start-up).
    void add_idle(std::unique_ptr<Conn> conn) {
        std::lock_guard lock(mutex_);
        idle_.push_back(std::move(conn));
        ++lent_or_idle_;
    }

    /// Waits up to `timeout` for a slot. Returns nullopt on timeout, an idle
    /// connection, or nullptr meaning "the slot is yours: open a connection"
    /// (hand it back with give_back, or give_back(nullptr) if opening failed).
    std::optional<std::unique_ptr<Conn>> take(std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex_);
        const std::uint64_t ticket = next_ticket_++;
        waiting_.push_back(ticket);
        // Only the oldest waiter may take a slot, so a busy thread that gives a
        // connection back and asks again cannot starve the others.
        auto ready = [&] { return waiting_.front() == ticket && (!idle_.empty() || lent_or_idle_ < capacity_); };
        bool got = cv_.wait_for(lock, timeout, ready);
        std::erase(waiting_, ticket);
        cv_.notify_all();  // the next waiter is now at the front
        if (!got) return std::nullopt;
        if (!idle_.empty()) {
            auto conn = std::move(idle_.back());
            idle_.pop_back();
            return conn;
        }
        ++lent_or_idle_;
        return std::unique_ptr<Conn>();
    }

    /// Returns a lent connection; nullptr (a broken or never opened one) frees its slot.
    void give_back(std::unique_ptr<Conn> conn) {
        {
            std::lock_guard lock(mutex_);
            if (conn)
                idle_.push_back(std::move(conn));
            else
                --lent_or_idle_;
        }
        cv_.notify_all();
    }

  private:
    const std::size_t capacity_;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::vector<std::unique_ptr<Conn>> idle_;
    std::size_t lent_or_idle_ = 0;
    std::deque<std::uint64_t> waiting_;
    std::uint64_t next_ticket_ = 0;
};

/// A connection on loan; goes back to its pool when destroyed.
template <class Conn>
class Lease {
  public:
    Lease(std::shared_ptr<Pool<Conn>> pool, std::unique_ptr<Conn> conn)
        : pool_(std::move(pool)), conn_(std::move(conn)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) noexcept = delete;
    ~Lease() {
        if (pool_) pool_->give_back(std::move(conn_));
    }
    Conn& operator*() const { return *conn_; }
    Conn* operator->() const { return conn_.get(); }
    /// Closes the connection instead of returning it (it is broken or in an unknown state).
    void discard() { conn_.reset(); }

  private:
    std::shared_ptr<Pool<Conn>> pool_;
    std::unique_ptr<Conn> conn_;
};

}  // namespace comptoir::storage
