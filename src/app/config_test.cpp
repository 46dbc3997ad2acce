#include "app/config.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "app/components.hpp"

namespace comptoir::app {
namespace {

std::filesystem::path write_file(const std::string& name, const std::string& text) {
    auto path = std::filesystem::temp_directory_path() / ("comptoir-config-test-" + name);
    std::ofstream(path) << text;
    return path;
}

TEST(Config, DefaultsServeSqliteOnLocalhost) {
    auto config = load_config("", {});
    ASSERT_TRUE(config.has_value()) << config.error().public_message;
    EXPECT_EQ(config->database.url, "sqlite:var/comptoir.db");
    EXPECT_EQ(config->server.host, "127.0.0.1");
    EXPECT_EQ(config->server.port, 8080);
    EXPECT_EQ(config->default_language, "en");
}

TEST(Config, FileValuesThenEnvironmentOverrides) {
    auto file = write_file("ok.toml", R"(
[server]
listen = "0.0.0.0:9000"
threads = 3
[database]
url = "postgresql://comptoir@db.internal/comptoir"
[i18n]
languages = ["fr", "en"]
default_language = "fr"
[brand]
name = "Lumière"
primary_color = "#123456"
)");
    auto config = load_config(file, {{"COMPTOIR_LISTEN", "127.0.0.1:0"}, {"COMPTOIR_THREADS", "5"}});
    ASSERT_TRUE(config.has_value()) << config.error().public_message;
    EXPECT_EQ(config->server.host, "127.0.0.1");
    EXPECT_EQ(config->server.port, 0);
    EXPECT_EQ(config->server.io_threads, 5);
    EXPECT_EQ(config->database.url, "postgresql://comptoir@db.internal/comptoir");
    EXPECT_EQ(config->default_language, "fr");
    EXPECT_EQ(config->brand.name, "Lumière");
    EXPECT_EQ(config->brand.primary_color, "#123456");
}

struct BadCase {
    std::string name;
    std::string toml;
    Environment env;
    std::string key_named;
    friend void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }
};

class BadConfig : public testing::TestWithParam<BadCase> {};

TEST_P(BadConfig, FailsWithOneLineNamingTheKey) {
    const auto& c = GetParam();
    std::filesystem::path file = c.toml.empty() ? std::filesystem::path{} : write_file(c.name + ".toml", c.toml);
    auto config = load_config(file, c.env);
    ASSERT_FALSE(config.has_value());
    const auto& message = config.error().public_message;
    EXPECT_NE(message.find(c.key_named), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadConfig,
    testing::Values(BadCase{"threads_text", "", {{"COMPTOIR_THREADS", "abc"}}, "server.threads"},
                    BadCase{"threads_zero", "[server]\nthreads = 0\n", {}, "server.threads"},
                    BadCase{"threads_string", "[server]\nthreads = \"2\"\n", {}, "server.threads"},
                    BadCase{"listen", "", {{"COMPTOIR_LISTEN", "nonsense"}}, "server.listen"},
                    BadCase{"port", "", {{"COMPTOIR_LISTEN", "127.0.0.1:99999"}}, "server.listen"},
                    BadCase{"db_scheme", "", {{"COMPTOIR_DATABASE_URL", "mysql://x"}}, "database.url"},
                    BadCase{"language", "", {{"COMPTOIR_DEFAULT_LANGUAGE", "xx"}}, "i18n.default_language"},
                    BadCase{"language_code", "", {{"COMPTOIR_DEFAULT_LANGUAGE", "Français"}}, "i18n.default_language"},
                    BadCase{
                        "colour", "[brand]\nprimary_color = \"red; background: url(x)\"\n", {}, "brand.primary_color"},
                    BadCase{"font", "[brand]\nfont = \"x}body{display:none\"\n", {}, "brand.font"},
                    BadCase{"unknown", "[server]\nlisten_port = 80\n", {}, "server.listen_port"},
                    BadCase{"syntax", "[server\nlisten = 1\n", {}, "syntax.toml"},
                    BadCase{"log", "", {{"COMPTOIR_LOG_LEVEL", "loud"}}, "log.level"},
                    BadCase{"test_routes", "", {{"COMPTOIR_TEST_ROUTES", "maybe"}}, "testing.routes"}),
    [](const auto& info) { return info.param.name; });

TEST(Config, BrandCssCarriesTheColours) {
    BrandConfig brand;
    brand.primary_color = "#abcdef";
    auto css = brand_css(brand);
    EXPECT_NE(css.find("--brand-primary: #abcdef;"), std::string::npos);
}

}  // namespace
}  // namespace comptoir::app

namespace comptoir::app {
namespace {

// The committed example must stay loadable: it is what operators copy.
TEST(Config, CommittedExampleLoads) {
    auto config = load_config("comptoir.example.toml", {});
    ASSERT_TRUE(config.has_value()) << config.error().public_message;
    EXPECT_EQ(config->server.port, 8080);
}

}  // namespace
}  // namespace comptoir::app
