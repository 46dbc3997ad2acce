#include "web/kb/runtime.hpp"

#include <list>

#include <spdlog/spdlog.h>

#include "core/crypto.hpp"
#include "domain/kb/article_service.hpp"

namespace comptoir::web {

namespace {

constexpr std::size_t kShards = 8;

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace

struct KbRuntime::Shard {
    struct Entry {
        std::string key;
        std::shared_ptr<const http::Response> response;
        TimePoint expires;
        std::size_t bytes = 0;
    };
    std::mutex mutex;
    std::list<Entry> lru;  // most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator, StringHash, std::equal_to<>> index;
    std::size_t bytes = 0;

    void erase(std::list<Entry>::iterator it) {
        bytes -= it->bytes;
        index.erase(it->key);
        lru.erase(it);
    }
};

KbRuntime::KbRuntime(kb::ArticleService& articles, KbRuntimeOptions options)
    : KbRuntime(
          [&articles](ViewCounts counts) {
              if (auto added = articles.add_views(counts); !added)
                  spdlog::warn("knowledge base: {} article view counts lost: {}", counts.size(),
                               added.error().internal_detail);
          },
          std::move(options)) {}

KbRuntime::KbRuntime(ViewSink sink, KbRuntimeOptions options)
    : options_(std::move(options)), generation_(options_.generation), sink_(std::move(sink)) {
    if (generation_.empty()) generation_ = crypto::random_hex(8);
    if (options_.max_pages < kShards) options_.max_pages = kShards;
    for (std::size_t i = 0; i < kShards; ++i) shards_.push_back(std::make_unique<Shard>());
    last_flush_ = now();
}

KbRuntime::~KbRuntime() { flush_views(); }

KbRuntime::TimePoint KbRuntime::now() const { return options_.now ? options_.now() : std::chrono::steady_clock::now(); }

KbRuntime::Shard& KbRuntime::shard_for(std::string_view key) const {
    return *shards_[StringHash{}(key) % shards_.size()];
}

std::shared_ptr<const http::Response> KbRuntime::find(std::string_view key) const {
    auto& shard = shard_for(key);
    const auto at = now();
    std::lock_guard lock(shard.mutex);
    auto found = shard.index.find(key);
    if (found == shard.index.end()) return nullptr;
    auto it = found->second;
    if (it->expires <= at) {
        shard.erase(it);
        return nullptr;
    }
    shard.lru.splice(shard.lru.begin(), shard.lru, it);
    return it->response;
}

void KbRuntime::store(std::string key, http::Response response, std::uint64_t epoch) {
    // A cached page is shared by every visitor: one that sets a cookie is personal.
    if (response.headers.has("Set-Cookie")) return;
    const std::size_t max_pages = options_.max_pages / shards_.size();
    const std::size_t max_bytes = options_.max_bytes / shards_.size();
    const std::size_t bytes = response.body.size() + key.size();
    if (bytes > max_bytes) return;
    auto shared = std::make_shared<const http::Response>(std::move(response));
    auto& shard = shard_for(key);
    const auto expires = now() + options_.page_ttl;
    std::lock_guard lock(shard.mutex);
    // Checked under the shard's lock: invalidate_all() moves the epoch before
    // it clears the shards, so a rendering older than a write never survives it.
    if (epoch != epoch_.load()) return;
    if (auto found = shard.index.find(key); found != shard.index.end()) shard.erase(found->second);
    shard.lru.push_front({key, std::move(shared), expires, bytes});
    shard.index.emplace(std::move(key), shard.lru.begin());
    shard.bytes += bytes;
    while (shard.lru.size() > max_pages || shard.bytes > max_bytes) shard.erase(std::prev(shard.lru.end()));
}

void KbRuntime::invalidate_all() {
    ++epoch_;
    for (auto& shard : shards_) {
        std::lock_guard lock(shard->mutex);
        shard->index.clear();
        shard->lru.clear();
        shard->bytes = 0;
    }
}

std::uint64_t KbRuntime::write_epoch() const { return epoch_.load(); }

std::size_t KbRuntime::cached_pages() const {
    std::size_t count = 0;
    for (const auto& shard : shards_) {
        std::lock_guard lock(shard->mutex);
        count += shard->lru.size();
    }
    return count;
}

void KbRuntime::count_view(std::int64_t article_id) {
    std::unordered_map<std::int64_t, std::int64_t> due;
    {
        std::lock_guard lock(views_mutex_);
        ++views_[article_id];
        const auto at = now();
        if (at - last_flush_ < options_.view_flush_interval) return;
        last_flush_ = at;
        due.swap(views_);
    }
    // Written outside the lock: other requests keep counting meanwhile.
    std::vector<std::pair<std::int64_t, std::int64_t>> counts(due.begin(), due.end());
    if (sink_) sink_(counts);
}

bool KbRuntime::try_count_view(std::int64_t article_id) {
    std::lock_guard lock(views_mutex_);
    if (now() - last_flush_ >= options_.view_flush_interval) return false;
    ++views_[article_id];
    return true;
}

void KbRuntime::flush_views() {
    std::unordered_map<std::int64_t, std::int64_t> due;
    {
        std::lock_guard lock(views_mutex_);
        due.swap(views_);
        last_flush_ = now();
    }
    if (due.empty()) return;
    std::vector<std::pair<std::int64_t, std::int64_t>> counts(due.begin(), due.end());
    if (sink_) sink_(counts);
}

}  // namespace comptoir::web
