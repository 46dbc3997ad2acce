#pragma once
// "Firefox on Linux": the browser and operating system named in a User-Agent
// header, for the list of a user's sessions. A small table of the common
// browsers, not a full parser: anything else is left unnamed.
#include <string>
#include <string_view>

namespace comptoir::web {

struct Device {
    std::string browser;  // "Firefox", "Chrome", "Safari", "Edge"…; empty when unknown
    std::string os;       // "Windows", "macOS", "iOS", "Android", "Linux"…; empty when unknown
};

Device describe_device(std::string_view user_agent);

}  // namespace comptoir::web
