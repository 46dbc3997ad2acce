// describe_device on real User-Agent strings of the common browsers, and on
// ones it must not misname.
#include "web/account/device.hpp"

#include <gtest/gtest.h>

namespace comptoir::web {
namespace {

struct Case {
    const char* ua;
    const char* browser;
    const char* os;
};

TEST(DescribeDevice, NamesCommonBrowsersAndSystems) {
    const Case cases[] = {
        {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
         "Safari/537.36",
         "Chrome", "Windows"},
        {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
         "Safari/537.36 Edg/126.0.2592.87",
         "Edge", "Windows"},
        {"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
         "Safari/605.1.15",
         "Safari", "macOS"},
        {"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
         "Version/17.5 Mobile/15E148 Safari/604.1",
         "Safari", "iOS"},
        {"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
         "CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1",
         "Chrome", "iOS"},
        {"Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/127.0 "
         "Mobile/15E148 Safari/605.1.15",
         "Firefox", "iPadOS"},
        {"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 "
         "Mobile Safari/537.36",
         "Chrome", "Android"},
        {"Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
         "SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
         "Samsung Internet", "Android"},
        {"Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0", "Firefox", "Linux"},
        {"Mozilla/5.0 (X11; Ubuntu; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
         "Safari/537.36 OPR/111.0.0.0",
         "Opera", "Linux"},
        {"Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
         "Safari/537.36",
         "Chrome", "ChromeOS"},
        {"curl/8.5.0", "curl", ""},
    };
    for (const auto& c : cases) {
        const auto device = describe_device(c.ua);
        EXPECT_EQ(device.browser, c.browser) << c.ua;
        EXPECT_EQ(device.os, c.os) << c.ua;
    }
}

TEST(DescribeDevice, LeavesUnknownsUnnamed) {
    for (const char* ua : {"", "python-requests/2.31", "Mozilla/5.0 (compatible)", "Safari/605.1.15"}) {
        const auto device = describe_device(ua);
        EXPECT_EQ(device.browser, "") << ua;
        EXPECT_EQ(device.os, "") << ua;
    }
}

}  // namespace
}  // namespace comptoir::web
