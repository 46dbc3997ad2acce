// The node-local page cache and buffered view counts of the public pages:
// TTL, invalidation on writes (including a rendering that raced a write),
// size bounds, pages that set cookies, and view counts written every few
// seconds and at destruction.
#include "web/kb/runtime.hpp"

#include <gtest/gtest.h>

#include <map>
#include <thread>

#include "core/crypto.hpp"

namespace comptoir::web {
namespace {

using namespace std::chrono_literals;

struct FakeTime {
    std::chrono::steady_clock::time_point now{std::chrono::steady_clock::time_point{} + 1000h};
    std::function<std::chrono::steady_clock::time_point()> clock() {
        return [this] { return now; };
    }
};

http::Response page(std::string body) {
    auto response = http::Response::html(200, std::move(body));
    response.headers.set("ETag", "\"abc\"");
    return response;
}

struct Sink {
    std::vector<std::map<std::int64_t, std::int64_t>> batches;
    KbRuntime::ViewSink fn() {
        return [this](KbRuntime::ViewCounts counts) { batches.emplace_back(counts.begin(), counts.end()); };
    }
};

TEST(KbRuntimeCache, ServesAStoredPageUntilItsTtl) {
    crypto::init();
    FakeTime time;
    KbRuntime runtime(KbRuntime::ViewSink{}, {.page_ttl = 10s, .now = time.clock()});
    EXPECT_EQ(runtime.find("/kb/en/articles/1-a"), nullptr);
    runtime.store("/kb/en/articles/1-a", page("hello"), runtime.write_epoch());
    auto hit = runtime.find("/kb/en/articles/1-a");
    ASSERT_NE(hit, nullptr);
    EXPECT_EQ(hit->body, "hello");
    EXPECT_EQ(hit->headers.get("ETag"), "\"abc\"");
    EXPECT_EQ(runtime.find("/kb/fr/articles/1-a"), nullptr) << "the language is part of the key";
    time.now += 9s;
    EXPECT_NE(runtime.find("/kb/en/articles/1-a"), nullptr);
    time.now += 1s;
    EXPECT_EQ(runtime.find("/kb/en/articles/1-a"), nullptr);
    EXPECT_EQ(runtime.cached_pages(), 0u);
}

TEST(KbRuntimeCache, AWriteDropsEverythingAtOnce) {
    crypto::init();
    KbRuntime runtime(KbRuntime::ViewSink{});
    for (int i = 0; i < 20; ++i)
        runtime.store("/kb/en/articles/" + std::to_string(i), page("x"), runtime.write_epoch());
    EXPECT_EQ(runtime.cached_pages(), 20u);
    runtime.invalidate_all();
    EXPECT_EQ(runtime.cached_pages(), 0u);
    for (int i = 0; i < 20; ++i) EXPECT_EQ(runtime.find("/kb/en/articles/" + std::to_string(i)), nullptr);
}

TEST(KbRuntimeCache, ARenderingOlderThanAWriteIsNotStored) {
    crypto::init();
    KbRuntime runtime(KbRuntime::ViewSink{});
    const auto before = runtime.write_epoch();  // the request reads the article...
    runtime.invalidate_all();                   // ...an author saves meanwhile...
    runtime.store("/kb/en/articles/1", page("stale"), before);
    EXPECT_EQ(runtime.find("/kb/en/articles/1"), nullptr);
    runtime.store("/kb/en/articles/1", page("fresh"), runtime.write_epoch());
    EXPECT_EQ(runtime.find("/kb/en/articles/1")->body, "fresh");
}

TEST(KbRuntimeCache, APageThatSetsACookieIsNeverShared) {
    crypto::init();
    KbRuntime runtime(KbRuntime::ViewSink{});
    auto personal = page("x");
    personal.headers.add("Set-Cookie", "comptoir_csrf=abc");
    runtime.store("/kb/en/articles/1", std::move(personal), runtime.write_epoch());
    EXPECT_EQ(runtime.find("/kb/en/articles/1"), nullptr);
}

TEST(KbRuntimeCache, StaysWithinItsBoundsDroppingTheLeastRecentlyUsed) {
    crypto::init();
    FakeTime time;
    KbRuntime runtime(KbRuntime::ViewSink{}, {.max_pages = 16, .max_bytes = 16 * 1000, .now = time.clock()});
    for (int i = 0; i < 200; ++i) runtime.store("/p/" + std::to_string(i), page("x"), runtime.write_epoch());
    EXPECT_LE(runtime.cached_pages(), 16u);
    EXPECT_NE(runtime.find("/p/199"), nullptr) << "the newest stays";
    EXPECT_EQ(runtime.find("/p/0"), nullptr) << "the oldest went";
    // Bytes: one of the 8 shards holds 2000 bytes, so a 2500-byte body is never kept.
    runtime.store("/big", page(std::string(2500, 'b')), runtime.write_epoch());
    EXPECT_EQ(runtime.find("/big"), nullptr);
}

TEST(KbRuntimeCache, ManyThreadsAtOnce) {
    crypto::init();
    KbRuntime runtime(KbRuntime::ViewSink{}, {.max_pages = 64});
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&runtime, t] {
            for (int i = 0; i < 2000; ++i) {
                const std::string key = "/k/" + std::to_string((i * 7 + t) % 100);
                runtime.store(key, page(key), runtime.write_epoch());
                if (auto hit = runtime.find(key)) EXPECT_EQ(hit->body, key);
                if (i % 500 == 0) runtime.invalidate_all();
                runtime.count_view(i % 10);
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_LE(runtime.cached_pages(), 64u);
}

TEST(KbRuntimeViews, AddsUpInMemoryAndWritesEveryInterval) {
    crypto::init();
    FakeTime time;
    Sink sink;
    {
        KbRuntime runtime(sink.fn(), {.view_flush_interval = 5s, .now = time.clock()});
        runtime.count_view(1);
        runtime.count_view(1);
        runtime.count_view(2);
        time.now += 4s;
        runtime.count_view(1);
        EXPECT_TRUE(sink.batches.empty()) << "nothing written before the interval";
        time.now += 1s;
        runtime.count_view(2);  // this request crosses the interval: it writes
        ASSERT_EQ(sink.batches.size(), 1u);
        EXPECT_EQ(sink.batches[0], (std::map<std::int64_t, std::int64_t>{{1, 3}, {2, 2}}));
        runtime.count_view(3);
        time.now += 1s;
        runtime.count_view(3);
        EXPECT_EQ(sink.batches.size(), 1u);
    }
    // The destructor writes what is left.
    ASSERT_EQ(sink.batches.size(), 2u);
    EXPECT_EQ(sink.batches[1], (std::map<std::int64_t, std::int64_t>{{3, 2}}));
}

TEST(KbRuntimeViews, TryCountNeverWritesAndDeclinesWhenTheCountsAreDue) {
    crypto::init();
    FakeTime time;
    Sink sink;
    {
        KbRuntime runtime(sink.fn(), {.view_flush_interval = 5s, .now = time.clock()});
        EXPECT_TRUE(runtime.try_count_view(1));
        time.now += 4s;
        EXPECT_TRUE(runtime.try_count_view(1));
        time.now += 1s;
        EXPECT_FALSE(runtime.try_count_view(1)) << "due: left to count_view";
        EXPECT_TRUE(sink.batches.empty());
        runtime.count_view(1);  // the worker's call writes, this view included
        ASSERT_EQ(sink.batches.size(), 1u);
        EXPECT_EQ(sink.batches[0], (std::map<std::int64_t, std::int64_t>{{1, 3}}));
        EXPECT_TRUE(runtime.try_count_view(2));
    }
    ASSERT_EQ(sink.batches.size(), 2u);
    EXPECT_EQ(sink.batches[1], (std::map<std::int64_t, std::int64_t>{{2, 1}}));
}

TEST(KbRuntimeViews, NothingToWriteWritesNothing) {
    crypto::init();
    Sink sink;
    {
        KbRuntime runtime(sink.fn());
        runtime.flush_views();
    }
    EXPECT_TRUE(sink.batches.empty());
}

TEST(KbRuntime, GenerationIsGivenOrRandomPerProcess) {
    crypto::init();
    KbRuntime given(KbRuntime::ViewSink{}, {.generation = "v1-abc"});
    EXPECT_EQ(given.generation(), "v1-abc");
    KbRuntime a(KbRuntime::ViewSink{});
    KbRuntime b(KbRuntime::ViewSink{});
    EXPECT_EQ(a.generation().size(), 16u);
    EXPECT_NE(a.generation(), b.generation());
}

}  // namespace
}  // namespace comptoir::web
