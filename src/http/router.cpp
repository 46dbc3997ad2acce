#include "http/router.hpp"

#include <algorithm>

namespace comptoir::http {

namespace {

// "/kb/{id}/" -> {"kb", "{id}", ""}: empty segments are kept so that a
// trailing slash is a different path, as it is for the browser.
std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> segments;
    if (!path.empty() && path.front() == '/') path.remove_prefix(1);
    for (;;) {
        auto slash = path.find('/');
        segments.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return segments;
}

bool is_param(std::string_view segment) {
    return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

bool method_matches(std::string_view route_method, std::string_view method) {
    return route_method == method || (method == "HEAD" && route_method == "GET");
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler, Execution execution) {
    Entry entry{Route{std::move(method), std::move(pattern), std::move(handler), execution}, {}, false};
    for (auto segment : split_path(entry.route.pattern)) entry.segments.emplace_back(segment);
    entries_.push_back(std::move(entry));
}

void Router::get_cached(std::string pattern, CacheHandler cached, Handler handler) {
    add("GET", std::move(pattern), std::move(handler));
    entries_.back().route.cached = std::move(cached);
}

void Router::post_upload(std::string pattern, Handler handler, std::size_t max_body_bytes) {
    add("POST", std::move(pattern), std::move(handler));
    entries_.back().route.max_body_bytes = max_body_bytes;
}

std::size_t Router::largest_body_limit() const {
    std::size_t largest = 0;
    for (const auto& entry : entries_) largest = std::max(largest, entry.route.max_body_bytes);
    return largest;
}

void Router::get_prefix(std::string prefix, Handler handler, Execution execution) {
    Entry entry{Route{"GET", prefix, std::move(handler), execution}, {prefix}, true};
    entry.route.pattern += "{rest}";
    entries_.push_back(std::move(entry));
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
    RouteMatch result;
    std::vector<std::string_view> segments;
    bool split = false;
    for (const auto& entry : entries_) {
        std::vector<std::pair<std::string, std::string>> params;
        if (entry.prefix) {
            const std::string& prefix = entry.segments.front();
            if (!path.starts_with(prefix)) continue;
            params.emplace_back("rest", std::string(path.substr(prefix.size())));
        } else {
            if (!split) {
                segments = split_path(path);
                split = true;
            }
            if (segments.size() != entry.segments.size()) continue;
            bool ok = true;
            for (std::size_t i = 0; i < segments.size() && ok; ++i) {
                const std::string& expected = entry.segments[i];
                if (is_param(expected)) {
                    // A parameter stands for one non-empty segment.
                    ok = !segments[i].empty();
                    if (ok) params.emplace_back(expected.substr(1, expected.size() - 2), std::string(segments[i]));
                } else {
                    ok = expected == segments[i];
                }
            }
            if (!ok) continue;
        }
        if (method_matches(entry.route.method, method)) {
            result.route = &entry.route;
            result.params = std::move(params);
            result.allowed_methods.clear();
            return result;
        }
        auto add_allowed = [&](const std::string& m) {
            if (std::find(result.allowed_methods.begin(), result.allowed_methods.end(), m) ==
                result.allowed_methods.end()) {
                result.allowed_methods.push_back(m);
            }
        };
        add_allowed(entry.route.method);
        if (entry.route.method == "GET") add_allowed("HEAD");
    }
    return result;
}

}  // namespace comptoir::http
