#pragma once
// Configuration: built-in defaults, then a TOML file (comptoir.toml), then
// environment variables (COMPTOIR_DATABASE_URL, COMPTOIR_LISTEN, …). Every
// value is validated here; an error names the key in one line.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "http/server.hpp"
#include "storage/database.hpp"

namespace comptoir::app {

/// The operator's brand: shown in the header, title and generated brand.css.
struct BrandConfig {
    std::string name = "Comptoir";
    std::string logo;                       // asset path under static/ ("img/logo.svg"); empty: name only
    std::string primary_color = "#1d4ed8";  // #rgb or #rrggbb
    std::string primary_contrast = "#ffffff";
    std::string accent_color = "#0f766e";
    std::string font = "system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif";
};

/// Outgoing mail: SMTP through libcurl. Messages wait in the outbox table
/// until a worker delivers them, so a slow or absent relay loses nothing.
struct MailConfig {
    std::string smtp_host;  // empty: messages stay queued (a warning at start)
    std::uint16_t smtp_port = 25;
    std::string security = "starttls";  // none | starttls (required) | tls (implicit, port 465)
    std::string username;
    std::string password;
    std::string from = "Comptoir <no-reply@localhost>";
    int max_attempts = 8;  // then the message is marked failed
};

/// Sign-in, sessions and secrets.
struct AuthConfig {
    bool self_registration = false;
    std::chrono::seconds session_idle{30 * 60};
    std::chrono::seconds session_absolute{12 * 3600};
    std::chrono::seconds invitation_ttl{7 * 24 * 3600};
    /// 32-byte key (64 hex digits) that encrypts secrets at rest (TOTP seeds).
    /// Given inline, or read from `secret_key_file`; never stored in the database.
    std::string secret_key_hex;
    std::filesystem::path secret_key_file = "var/secret.key";
};

struct Config {
    http::ServerOptions server;
    storage::DatabaseOptions database;
    BrandConfig brand;
    MailConfig mail;
    AuthConfig auth;
    std::vector<std::string> languages{"en", "fr"};
    std::string default_language = "en";
    std::string public_url;           // "https://support.example.com"; empty: from the Host header
    std::filesystem::path theme_dir;  // optional override directory, searched before themes/default
    std::filesystem::path themes_root = "themes";
    std::filesystem::path locales_dir = "locales";
    std::filesystem::path migrations_dir = "migrations";
    std::filesystem::path demo_dir = "demo";  // demo content read by seed-demo (demo/kb/*.toml)
    std::string log_level = "info";
    std::string access_log = "stdout";
    bool test_routes = false;  // /__test/* (integration tests only)
    /// Remarks that do not stop the program (a misspelt COMPTOIR_* variable), one line each; main prints them.
    std::vector<std::string> warnings;
};

/// One key the loader knows: its TOML path ("server.listen") and its environment variable (may be empty).
struct KnownKey {
    std::string path;
    std::string env;
};
/// Every key load_config accepts (its own table): what comptoir.example.toml must document.
std::vector<KnownKey> known_keys();

/// Environment variables read by load_config, as NAME -> value.
using Environment = std::map<std::string, std::string>;
/// The process environment's COMPTOIR_* variables.
Environment process_environment();

/// Loads `file` (when non-empty; it must exist) over the defaults, then the
/// environment over that, and validates everything.
Result<Config> load_config(const std::filesystem::path& file, const Environment& env);

}  // namespace comptoir::app
