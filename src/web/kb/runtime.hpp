#pragma once
// What the public knowledge-base pages keep in memory on one node:
//
// - a small cache of fully rendered article pages for anonymous visitors
//   (keyed by path, which carries the language), each valid for a short TTL
//   and all dropped at once when a knowledge-base write happens on this node
//   (invalidate_all(), called by the authoring pages). Other nodes see the
//   change when their entries expire. Only pages without per-visitor content
//   are stored: no session, no vote, no search click;
// - view counts, added up in memory and written through
//   ArticleService::add_views at most every few seconds (by the request that
//   crosses the interval) and when the runtime is destroyed.
//
// Thread-safe: the cache is split into shards, each behind its own mutex.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "http/message.hpp"

namespace comptoir::kb {
class ArticleService;
}

namespace comptoir::web {

struct KbRuntimeOptions {
    std::chrono::milliseconds page_ttl{10'000};
    std::size_t max_pages = 4096;              // entries over every shard
    std::size_t max_bytes = 64 * 1024 * 1024;  // bodies over every shard
    std::chrono::milliseconds view_flush_interval{5'000};
    /// Identifies what a page is rendered with (build, templates, catalogues)
    /// in ETags; empty: a random value per process, so a restart with new
    /// templates never answers 304 for an old rendering. Nodes behind one load
    /// balancer revalidate better with the same value (e.g. version + theme hash).
    std::string generation;
    /// The time source (tests move it); default std::chrono::steady_clock::now.
    std::function<std::chrono::steady_clock::time_point()> now;
};

class KbRuntime {
  public:
    using ViewCounts = std::span<const std::pair<std::int64_t, std::int64_t>>;
    using ViewSink = std::function<void(ViewCounts)>;

    /// Views are written through `articles.add_views`, which must outlive the runtime.
    explicit KbRuntime(kb::ArticleService& articles, KbRuntimeOptions options = {});
    /// Views are handed to `sink` (tests, benchmarks).
    KbRuntime(ViewSink sink, KbRuntimeOptions options = {});
    /// Writes the views still counted in memory.
    ~KbRuntime();
    KbRuntime(const KbRuntime&) = delete;
    KbRuntime& operator=(const KbRuntime&) = delete;

    /// A cached response for `key`, or null when absent or expired.
    std::shared_ptr<const http::Response> find(std::string_view key) const;
    /// Stores a response rendered from data read after write_epoch() returned
    /// `epoch`; ignored when a write happened since (the rendering may predate
    /// it) or when the response sets a cookie.
    void store(std::string key, http::Response response, std::uint64_t epoch);
    /// Drops every cached page: call after any knowledge-base change.
    void invalidate_all();
    /// Counts invalidate_all() calls: read it before reading the database.
    std::uint64_t write_epoch() const;
    /// The rendering generation for ETags (see KbRuntimeOptions::generation).
    const std::string& generation() const { return generation_; }
    /// Number of cached pages (for tests and metrics).
    std::size_t cached_pages() const;

    /// One more view of an article; may write the counts (see the header comment).
    void count_view(std::int64_t article_id);
    /// The same for a caller that must not block (the network thread): counts
    /// and returns true unless the counts are due to be written; then counts
    /// nothing and returns false, leaving the view to count_view().
    bool try_count_view(std::int64_t article_id);
    /// Writes the views counted so far now.
    void flush_views();

  private:
    struct Shard;
    using TimePoint = std::chrono::steady_clock::time_point;
    TimePoint now() const;
    Shard& shard_for(std::string_view key) const;

    KbRuntimeOptions options_;
    std::string generation_;
    ViewSink sink_;
    std::vector<std::unique_ptr<Shard>> shards_;
    std::atomic<std::uint64_t> epoch_{0};

    std::mutex views_mutex_;
    std::unordered_map<std::int64_t, std::int64_t> views_;
    TimePoint last_flush_;
};

}  // namespace comptoir::web
