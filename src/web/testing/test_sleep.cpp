// GET /__test/sleep?ms=N — registered only when testing.routes is on: a slow
// request for the graceful-shutdown integration test.
#include <algorithm>
#include <charconv>
#include <thread>

#include "web/actions.hpp"

namespace comptoir::web {

http::Response test_sleep(const Deps&, http::Request& request) {
    int ms = 0;
    auto text = request.query_param("ms").value_or("0");
    std::from_chars(text.data(), text.data() + text.size(), ms);
    std::this_thread::sleep_for(std::chrono::milliseconds(std::clamp(ms, 0, 10'000)));
    return http::Response::text(200, "slept\n");
}

}  // namespace comptoir::web
