#include "web/account/device.hpp"

#include <array>
#include <utility>

namespace comptoir::web {
namespace {

bool has(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

// First match wins: browsers built on another one name it too ("Edg/… Chrome/…
// Safari/…"), so the specific markers come before the generic ones.
constexpr std::array<std::pair<std::string_view, std::string_view>, 15> kBrowsers{{
    {"EdgA/", "Edge"},
    {"EdgiOS/", "Edge"},
    {"Edg/", "Edge"},
    {"Edge/", "Edge"},
    {"OPR/", "Opera"},
    {"Opera", "Opera"},
    {"SamsungBrowser/", "Samsung Internet"},
    {"Vivaldi/", "Vivaldi"},
    {"FxiOS/", "Firefox"},
    {"Firefox/", "Firefox"},
    {"CriOS/", "Chrome"},
    {"Chromium/", "Chromium"},
    {"Chrome/", "Chrome"},
    {"curl/", "curl"},
    {"Wget/", "Wget"},
}};

// iPhones and iPads say "like Mac OS X", Android says "Linux": check them first.
constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kSystems{{
    {"iPhone", "iOS"},
    {"iPod", "iOS"},
    {"iPad", "iPadOS"},
    {"Android", "Android"},
    {"CrOS", "ChromeOS"},
    {"Windows Phone", "Windows Phone"},
    {"Windows", "Windows"},
    {"Macintosh", "macOS"},
    {"Mac OS X", "macOS"},
    {"Linux", "Linux"},
}};

}  // namespace

Device describe_device(std::string_view ua) {
    Device device;
    for (const auto& [marker, name] : kBrowsers) {
        if (has(ua, marker)) {
            device.browser = name;
            break;
        }
    }
    // Safari names no marker of its own beyond "Version/x Safari/y".
    if (device.browser.empty() && has(ua, "Safari/") && has(ua, "Version/")) device.browser = "Safari";
    for (const auto& [marker, name] : kSystems) {
        if (has(ua, marker)) {
            device.os = name;
            break;
        }
    }
    return device;
}

}  // namespace comptoir::web
