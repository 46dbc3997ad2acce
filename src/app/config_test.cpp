#include "app/config.hpp"

#include <gtest/gtest.h>

#include <toml++/toml.h>

#include <fstream>
#include <iterator>

#include "app/components.hpp"
#include "app/config_check.hpp"
#include "storage/migrations.hpp"

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
    testing::Values(
        BadCase{"threads_text", "", {{"COMPTOIR_THREADS", "abc"}}, "server.threads"},
        BadCase{"threads_zero", "[server]\nthreads = 0\n", {}, "server.threads"},
        BadCase{"threads_string", "[server]\nthreads = \"2\"\n", {}, "server.threads"},
        BadCase{"listen", "", {{"COMPTOIR_LISTEN", "nonsense"}}, "server.listen"},
        BadCase{"port", "", {{"COMPTOIR_LISTEN", "127.0.0.1:99999"}}, "server.listen"},
        BadCase{"db_scheme", "", {{"COMPTOIR_DATABASE_URL", "mysql://x"}}, "database.url"},
        BadCase{"language", "", {{"COMPTOIR_DEFAULT_LANGUAGE", "xx"}}, "i18n.default_language"},
        BadCase{"language_code", "", {{"COMPTOIR_DEFAULT_LANGUAGE", "Français"}}, "i18n.default_language"},
        BadCase{"colour", "[brand]\nprimary_color = \"red; background: url(x)\"\n", {}, "brand.primary_color"},
        BadCase{"font", "[brand]\nfont = \"x}body{display:none\"\n", {}, "brand.font"},
        BadCase{"unknown", "[server]\nlisten_port = 80\n", {}, "server.listen_port"},
        BadCase{"syntax", "[server\nlisten = 1\n", {}, "syntax.toml"},
        BadCase{"log", "", {{"COMPTOIR_LOG_LEVEL", "loud"}}, "log.level"},
        BadCase{"test_routes", "", {{"COMPTOIR_TEST_ROUTES", "maybe"}}, "testing.routes"},
        BadCase{"proxy_garbage", "", {{"COMPTOIR_TRUSTED_PROXIES", "garbage"}}, "server.trusted_proxies"},
        BadCase{"proxy_prefix", "[server]\ntrusted_proxies = [\"10.0.0.0/33\"]\n", {}, "server.trusted_proxies"},
        BadCase{"proxy_name", "[server]\ntrusted_proxies = [\"::1\", \"proxy\"]\n", {}, "server.trusted_proxies"}),
    [](const auto& info) { return info.param.name; });

TEST(Config, TrustedProxiesAcceptAddressesAndNetworks) {
    auto config = load_config("", {{"COMPTOIR_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8,::1"}});
    ASSERT_TRUE(config.has_value()) << config.error().public_message;
    EXPECT_EQ(config->server.trusted_proxies, (std::vector<std::string>{"127.0.0.1", "10.0.0.0/8", "::1"}));
}

TEST(Config, MisspeltVariableIsAWarningNamingItAndTheClosestKey) {
    auto config = load_config("", {{"COMPTOIR_DATABSE_URL", "postgresql://db/x"}});
    ASSERT_TRUE(config.has_value()) << config.error().public_message;
    EXPECT_EQ(config->database.url, "sqlite:var/comptoir.db") << "the misspelt variable changes nothing";
    ASSERT_EQ(config->warnings.size(), 1u);
    const auto& warning = config->warnings[0];
    EXPECT_NE(warning.find("COMPTOIR_DATABSE_URL"), std::string::npos) << warning;
    EXPECT_NE(warning.find("did you mean COMPTOIR_DATABASE_URL?"), std::string::npos) << warning;
    EXPECT_EQ(warning.find('\n'), std::string::npos) << warning;
}

TEST(Config, UnknownVariableFarFromAnyKeyIsNamedWithoutASuggestion) {
    auto config = load_config("", {{"COMPTOIR_FROBNICATE_EVERYTHING", "1"}});
    ASSERT_TRUE(config.has_value()) << config.error().public_message;
    ASSERT_EQ(config->warnings.size(), 1u);
    EXPECT_NE(config->warnings[0].find("COMPTOIR_FROBNICATE_EVERYTHING"), std::string::npos);
    EXPECT_EQ(config->warnings[0].find("did you mean"), std::string::npos) << config->warnings[0];
}

TEST(Config, KnownKeysAndToolingVariablesGiveNoWarning) {
    // Set by scripts/ and tests/ for themselves, not configuration keys.
    auto config = load_config("", {{"COMPTOIR_LISTEN", "127.0.0.1:0"},
                                   {"COMPTOIR_CONFIG", ""},
                                   {"COMPTOIR_BIN", "build/debug/comptoir"},
                                   {"COMPTOIR_TEST_PG_URL", "postgresql://x"},
                                   {"COMPTOIR_TEST_REQUIRE_PG", "1"},
                                   {"COMPTOIR_DEMO_SMTP_PORT", "2525"},
                                   {"COMPTOIR_TEST_ROUTES", "1"}});
    ASSERT_TRUE(config.has_value()) << config.error().public_message;
    EXPECT_TRUE(config->warnings.empty()) << config->warnings.front();
}

TEST(ConfigPaths, ShippedDefaultsPass) {
    auto config = load_config("", {});
    ASSERT_TRUE(config.has_value());
    auto checked = check_paths(*config);
    EXPECT_TRUE(checked.has_value()) << checked.error().public_message;
}

TEST(ConfigPaths, MissingThemeDirectoryNamesThemeDir) {
    for (const char* dir : {"/nonexistent/comptoir-theme", "comptoir.example.toml"}) {
        auto config = load_config("", {{"COMPTOIR_THEME_DIR", dir}});
        ASSERT_TRUE(config.has_value());
        auto checked = check_paths(*config);
        ASSERT_FALSE(checked.has_value()) << dir;
        EXPECT_TRUE(checked.error().public_message.starts_with("theme.dir: ")) << checked.error().public_message;
        EXPECT_NE(checked.error().public_message.find(dir), std::string::npos) << checked.error().public_message;
    }
}

TEST(ConfigPaths, LanguageWithoutCatalogueNamesI18nLanguages) {
    auto config = load_config("", {{"COMPTOIR_LANGUAGES", "en,de"}});
    ASSERT_TRUE(config.has_value()) << config.error().public_message;
    auto checked = check_paths(*config);
    ASSERT_FALSE(checked.has_value());
    const auto& message = checked.error().public_message;
    EXPECT_TRUE(message.starts_with("i18n.languages: ")) << message;
    EXPECT_NE(message.find("\"de\""), std::string::npos) << message;
    EXPECT_NE(message.find("de.toml"), std::string::npos) << message;
    // The same through the loader serve and check-config use.
    auto presentation = load_presentation(*config);
    ASSERT_FALSE(presentation.has_value());
    EXPECT_TRUE(presentation.error().public_message.starts_with("i18n.languages: "))
        << presentation.error().public_message;
}

TEST(ConfigDatabase, FreshSqlitePathIsReportedNotCreated) {
    const auto dir = std::filesystem::temp_directory_path() / "comptoir-config-test-fresh" / "sub";
    std::filesystem::remove_all(dir.parent_path());
    auto config = load_config("", {{"COMPTOIR_DATABASE_URL", "sqlite:" + (dir / "new.db").string()}});
    ASSERT_TRUE(config.has_value());
    auto line = check_database(*config);
    ASSERT_TRUE(line.has_value()) << line.error().public_message;
    EXPECT_NE(line->find("does not exist yet"), std::string::npos) << *line;
    EXPECT_NE(line->find("comptoir migrate"), std::string::npos) << *line;
    EXPECT_FALSE(std::filesystem::exists(dir.parent_path())) << "check-config must not create the database";
}

TEST(ConfigDatabase, SqliteBehindThenCurrent) {
    const auto file = std::filesystem::temp_directory_path() / "comptoir-config-test-schema.db";
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix);
    auto config = load_config("", {{"COMPTOIR_DATABASE_URL", "sqlite:" + file.string()}});
    ASSERT_TRUE(config.has_value());
    {
        // An existing file with no schema yet: reachable, behind.
        auto db = storage::open_database(config->database);
        ASSERT_TRUE(db.has_value()) << db.error().public_message;
    }
    auto behind = check_database(*config);
    ASSERT_TRUE(behind.has_value()) << behind.error().public_message;
    EXPECT_NE(behind->find("schema version 0, behind"), std::string::npos) << *behind;
    EXPECT_NE(behind->find("comptoir migrate"), std::string::npos) << *behind;
    {
        auto db = storage::open_database(config->database);
        ASSERT_TRUE(db.has_value());
        auto migrations = storage::load_migrations(config->migrations_dir, storage::Backend::sqlite);
        ASSERT_TRUE(migrations.has_value());
        ASSERT_TRUE(storage::migrate(**db, *migrations).has_value());
    }
    auto current = check_database(*config);
    ASSERT_TRUE(current.has_value()) << current.error().public_message;
    EXPECT_NE(current->find("(current)"), std::string::npos) << *current;
    EXPECT_EQ(current->find("migrate"), std::string::npos) << *current;
}

TEST(ConfigDatabase, UnreachablePostgresNamesDatabaseUrlInOneLine) {
    // Port 1 on the loopback: refused at once, no server needed.
    auto config = load_config("", {{"COMPTOIR_DATABASE_URL", "postgresql://comptoir:s3cret-pw@127.0.0.1:1/comptoir"}});
    ASSERT_TRUE(config.has_value());
    auto line = check_database(*config);
    ASSERT_FALSE(line.has_value()) << *line;
    const auto& message = line.error().public_message;
    EXPECT_TRUE(message.starts_with("database.url: ")) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    EXPECT_EQ(message.find("s3cret-pw"), std::string::npos) << message;
}

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

// Operators learn the keys from the example: each key the loader knows is in
// it, with its environment variable beside it.
TEST(Config, CommittedExampleDocumentsEveryKey) {
    const auto table = toml::parse_file("comptoir.example.toml");
    std::ifstream in("comptoir.example.toml");
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const auto keys = known_keys();
    ASSERT_GT(keys.size(), 40u);
    for (const auto& key : keys) {
        EXPECT_NE(table.at_path(key.path).node(), nullptr) << key.path << " is missing from comptoir.example.toml";
        if (!key.env.empty()) {
            EXPECT_NE(text.find(key.env), std::string::npos) << key.env << " (" << key.path << ") is not mentioned";
        }
    }
}

}  // namespace
}  // namespace comptoir::app
