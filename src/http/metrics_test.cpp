#include "http/metrics.hpp"

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <thread>
#include <vector>

namespace comptoir::http {
namespace {

struct Sample {
    std::string name;
    std::map<std::string, std::string> labels;
    double value = 0;
};

// A small reader of the text exposition format, strict enough that a
// malformed line fails the test.
std::vector<Sample> parse(const std::string& text, std::map<std::string, std::string>* types = nullptr) {
    std::vector<Sample> samples;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.starts_with("# TYPE ")) {
            std::istringstream words(line.substr(7));
            std::string name, type;
            words >> name >> type;
            if (types) (*types)[name] = type;
            continue;
        }
        if (line.starts_with("#")) continue;
        Sample sample;
        std::size_t i = 0;
        while (i < line.size() && line[i] != '{' && line[i] != ' ') sample.name += line[i++];
        if (i < line.size() && line[i] == '{') {
            ++i;
            while (line.at(i) != '}') {
                std::string key;
                while (line.at(i) != '=') key += line[i++];
                ++i;
                EXPECT_EQ(line.at(i), '"') << line;
                ++i;
                std::string value;
                while (line.at(i) != '"') {
                    if (line[i] == '\\') {
                        ++i;
                        value += line.at(i) == 'n' ? '\n' : line[i];
                    } else {
                        value += line[i];
                    }
                    ++i;
                }
                ++i;
                if (line.at(i) == ',') ++i;
                sample.labels[key] = value;
            }
            ++i;
        }
        EXPECT_EQ(line.at(i), ' ') << line;
        sample.value = std::stod(line.substr(i + 1));
        samples.push_back(std::move(sample));
    }
    return samples;
}

const Sample* find(const std::vector<Sample>& samples, std::string_view name,
                   const std::map<std::string, std::string>& labels) {
    for (const auto& sample : samples) {
        if (sample.name != name) continue;
        bool all = true;
        for (const auto& [key, value] : labels) {
            auto it = sample.labels.find(key);
            all = all && it != sample.labels.end() && it->second == value;
        }
        if (all) return &sample;
    }
    return nullptr;
}

TEST(Metrics, EmptyRenderHasHelpAndType) {
    Metrics metrics;
    std::map<std::string, std::string> types;
    auto samples = parse(metrics.render_prometheus(), &types);
    EXPECT_TRUE(samples.empty());
    EXPECT_EQ(types["comptoir_http_requests_total"], "counter");
    EXPECT_EQ(types["comptoir_http_request_duration_seconds"], "histogram");
}

TEST(Metrics, CountsAndHistogramBySeries) {
    Metrics metrics;
    metrics.observe("/kb/{id}", "GET", 200, 0.0004);
    metrics.observe("/kb/{id}", "GET", 200, 0.003);
    metrics.observe("/kb/{id}", "GET", 200, 7.0);
    metrics.observe("/kb/{id}", "GET", 404, 0.001);
    metrics.observe("unmatched", "POST", 404, 0.02);
    auto samples = parse(metrics.render_prometheus());

    std::map<std::string, std::string> ok{{"route", "/kb/{id}"}, {"method", "GET"}, {"status", "200"}};
    ASSERT_TRUE(find(samples, "comptoir_http_requests_total", ok));
    EXPECT_EQ(find(samples, "comptoir_http_requests_total", ok)->value, 3);
    EXPECT_EQ(find(samples, "comptoir_http_requests_total", {{"route", "unmatched"}, {"method", "POST"}})->value, 1);
    EXPECT_EQ(find(samples, "comptoir_http_request_duration_seconds_count", ok)->value, 3);
    EXPECT_NEAR(find(samples, "comptoir_http_request_duration_seconds_sum", ok)->value, 7.0034, 1e-9);

    auto bucket = [&](const char* le) {
        auto labels = ok;
        labels["le"] = le;
        const Sample* sample = find(samples, "comptoir_http_request_duration_seconds_bucket", labels);
        return sample ? sample->value : -1;
    };
    EXPECT_EQ(bucket("0.0005"), 1);
    EXPECT_EQ(bucket("0.001"), 1);
    EXPECT_EQ(bucket("0.0025"), 1);
    EXPECT_EQ(bucket("0.005"), 2);
    EXPECT_EQ(bucket("5"), 2);
    EXPECT_EQ(bucket("+Inf"), 3);
    // An observation equal to a bound is counted in that bucket (le = "less or equal").
    auto not_found = ok;
    not_found["status"] = "404";
    not_found["le"] = "0.001";
    EXPECT_EQ(find(samples, "comptoir_http_request_duration_seconds_bucket", not_found)->value, 1);
}

TEST(Metrics, BucketsAreCumulativeAndComplete) {
    Metrics metrics;
    for (int i = 0; i < 100; ++i) metrics.observe("/", "GET", 200, i * 0.001);
    auto samples = parse(metrics.render_prometheus());
    double previous = 0;
    int buckets = 0;
    for (const auto& sample : samples) {
        if (sample.name != "comptoir_http_request_duration_seconds_bucket") continue;
        EXPECT_GE(sample.value, previous);
        previous = sample.value;
        ++buckets;
    }
    EXPECT_EQ(buckets, 14);
    EXPECT_EQ(previous, 100);
}

TEST(Metrics, EscapesLabelValues) {
    Metrics metrics;
    std::string route = "/odd\"route\\with\nnewline";
    metrics.observe(route, "GET", 500, 0.1);
    std::string text = metrics.render_prometheus();
    EXPECT_NE(text.find(R"(route="/odd\"route\\with\nnewline")"), std::string::npos) << text;
    auto samples = parse(text);
    EXPECT_TRUE(find(samples, "comptoir_http_requests_total", {{"route", route}, {"status", "500"}}));
}

TEST(Metrics, ConcurrentObservationsAreAllCounted) {
    Metrics metrics;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&metrics, t] {
            for (int i = 0; i < 1000; ++i) metrics.observe("/", "GET", 200 + (i % 2) * 100 * (t % 2), 0.001);
        });
    }
    for (auto& thread : threads) thread.join();
    auto samples = parse(metrics.render_prometheus());
    double total = 0;
    for (const auto& sample : samples) {
        if (sample.name == "comptoir_http_requests_total") total += sample.value;
    }
    EXPECT_EQ(total, 4000);
}

}  // namespace
}  // namespace comptoir::http
