#include "app/config.hpp"

#include <toml++/toml.h>
#include <charconv>
#include <cstdlib>
#include <functional>
#include <set>

#include "http/proxy_trust.hpp"
#include "text/words.hpp"

extern char** environ;

namespace comptoir::app {
namespace {

enum class Kind { string, integer, boolean, list };

// One configuration key: its TOML path, its environment variable (if any),
// its kind, and how a textual value is validated and stored.
struct Key {
    std::string path;
    std::string env;
    Kind kind;
    std::function<Result<void>(Config&, const std::string&)> apply;
};

Result<void> bad(const std::string& why) { return fail(ErrorCode::invalid_input, why); }

Result<long long> parse_int(const std::string& text, long long min, long long max) {
    long long v = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || ptr != text.data() + text.size() || text.empty())
        return fail(ErrorCode::invalid_input, "must be an integer, got \"" + text + "\"");
    if (v < min || v > max)
        return fail(ErrorCode::invalid_input,
                    "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " + text);
    return v;
}

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : text) {
        if (c == ',') {
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
        } else if (c != ' ') {
            cur += c;
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

bool is_hex_colour(const std::string& s) {
    if (s.size() != 4 && s.size() != 7) return false;
    if (s[0] != '#') return false;
    for (std::size_t i = 1; i < s.size(); ++i)
        if (!std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
}

bool is_language_code(const std::string& s) {
    if (s.size() < 2 || s.size() > 3) return false;
    for (char c : s)
        if (c < 'a' || c > 'z') return false;
    return true;
}

// Integer key stored through `set`.
template <class F>
std::function<Result<void>(Config&, const std::string&)> integer(long long min, long long max, F set) {
    return [=](Config& c, const std::string& v) -> Result<void> {
        auto n = parse_int(v, min, max);
        if (!n) return std::unexpected(n.error());
        set(c, *n);
        return {};
    };
}

std::function<Result<void>(Config&, const std::string&)> colour(std::string BrandConfig::*field) {
    return [=](Config& c, const std::string& v) -> Result<void> {
        if (!is_hex_colour(v)) return bad("must be a colour like #1d4ed8, got \"" + v + "\"");
        c.brand.*field = v;
        return {};
    };
}

Result<void> parse_bool(const std::string& v, bool& out) {
    if (v == "1" || v == "true")
        out = true;
    else if (v == "0" || v == "false")
        out = false;
    else
        return bad("must be true or false");
    return {};
}

template <class Section>
std::function<Result<void>(Config&, const std::string&)> boolean(Section Config::*section, bool Section::*field) {
    return [=](Config& c, const std::string& v) { return parse_bool(v, c.*section.*field); };
}

const std::vector<Key>& keys() {
    using ms = std::chrono::milliseconds;
    static const std::
        vector<Key>
            table =
                {
                    {"server.listen", "COMPTOIR_LISTEN", Kind::string,
                     [](Config& c, const std::string& v) -> Result<void> {
                         auto colon = v.rfind(':');
                         if (colon == std::string::npos || colon == 0)
                             return bad("must be host:port like 127.0.0.1:8080, got \"" + v + "\"");
                         auto port = parse_int(v.substr(colon + 1), 0, 65535);
                         if (!port) return bad("port " + port.error().public_message);
                         std::string host = v.substr(0, colon);
                         if (host.size() > 2 && host.front() == '[' && host.back() == ']')
                             host = host.substr(1, host.size() - 2);
                         c.server.host = host;
                         c.server.port = static_cast<std::uint16_t>(*port);
                         return {};
                     }},
                    {"server.threads", "COMPTOIR_THREADS", Kind::integer,
                     integer(1, 256, [](Config& c, long long n) { c.server.io_threads = static_cast<int>(n); })},
                    {"server.workers", "COMPTOIR_WORKERS", Kind::integer,
                     integer(1, 1024, [](Config& c, long long n) { c.server.worker_threads = static_cast<int>(n); })},
                    {"server.max_header_bytes", "COMPTOIR_MAX_HEADER_BYTES", Kind::integer,
                     integer(1024, 1 << 20,
                             [](Config& c, long long n) { c.server.max_header_bytes = static_cast<std::size_t>(n); })},
                    {"server.max_body_bytes", "COMPTOIR_MAX_BODY_BYTES", Kind::integer,
                     integer(0, 1LL << 32,
                             [](Config& c, long long n) { c.server.max_body_bytes = static_cast<std::size_t>(n); })},
                    {"server.read_timeout_ms", "COMPTOIR_READ_TIMEOUT_MS", Kind::integer,
                     integer(50, 3'600'000, [](Config& c, long long n) { c.server.read_timeout = ms(n); })},
                    {"server.idle_timeout_ms", "COMPTOIR_IDLE_TIMEOUT_MS", Kind::integer,
                     integer(50, 3'600'000, [](Config& c, long long n) { c.server.idle_timeout = ms(n); })},
                    {"server.shutdown_grace_ms", "COMPTOIR_SHUTDOWN_GRACE_MS", Kind::integer,
                     integer(0, 600'000, [](Config& c, long long n) { c.server.shutdown_grace = ms(n); })},
                    {"server.trusted_proxies", "COMPTOIR_TRUSTED_PROXIES", Kind::list,
                     [](Config& c, const std::string& v) -> Result<void> {
                         // The server parses them again when it listens; checking here makes a
                         // typo a config error that names the key, from check-config too.
                         auto entries = split_list(v);
                         if (auto trust = http::ProxyTrust::parse(entries); !trust)
                             return std::unexpected(trust.error());
                         c.server.trusted_proxies = std::move(entries);
                         return {};
                     }},
                    {"server.public_url", "COMPTOIR_PUBLIC_URL", Kind::string,
                     [](Config& c, const std::string& v) -> Result<void> {
                         if (!v.empty() && !v.starts_with("http://") && !v.starts_with("https://"))
                             return bad("must start with http:// or https://, got \"" + v + "\"");
                         c.public_url = v;
                         while (c.public_url.ends_with('/')) c.public_url.pop_back();
                         return {};
                     }},
                    {"database.url", "COMPTOIR_DATABASE_URL", Kind::string,
                     [](Config& c, const std::string& v) -> Result<void> {
                         bool ok = (v.starts_with("sqlite:") && v.size() > 7) || v.starts_with("postgresql://") ||
                                   v.starts_with("postgres://");
                         if (!ok)
                             return bad("must be sqlite:PATH or postgresql://…, got \"" + v.substr(0, v.find('@')) +
                                        "\"");
                         c.database.url = v;
                         return {};
                     }},
                    {"database.pool_size", "COMPTOIR_DATABASE_POOL_SIZE", Kind::integer,
                     integer(1, 256, [](Config& c, long long n) { c.database.pool_size = static_cast<int>(n); })},
                    {"database.busy_timeout_ms", "", Kind::integer,
                     integer(0, 600'000,
                             [](Config& c, long long n) { c.database.busy_timeout_ms = static_cast<int>(n); })},
                    {"i18n.languages", "COMPTOIR_LANGUAGES", Kind::list,
                     [](Config& c, const std::string& v) -> Result<void> {
                         auto langs = split_list(v);
                         if (langs.empty()) return bad("must name at least one language");
                         for (const auto& l : langs)
                             if (!is_language_code(l)) return bad("\"" + l + "\" is not a language code like en or fr");
                         c.languages = langs;
                         return {};
                     }},
                    {"i18n.default_language", "COMPTOIR_DEFAULT_LANGUAGE", Kind::string,
                     [](Config& c, const std::string& v) -> Result<void> {
                         if (!is_language_code(v)) return bad("\"" + v + "\" is not a language code like en or fr");
                         c.default_language = v;
                         return {};
                     }},
                    {"brand.name", "COMPTOIR_BRAND_NAME", Kind::string,
                     [](Config& c, const std::string& v) -> Result<void> {
                         if (v.empty() || v.size() > 100) return bad("must be 1 to 100 characters");
                         c.brand.name = v;
                         return {};
                     }},
                    {"brand.logo", "", Kind::string,
                     [](Config& c, const std::string& v) -> Result<void> {
                         if (v.find("..") != std::string::npos || v.starts_with('/'))
                             return bad("must be a path under static/, like img/logo.svg");
                         c.brand.logo = v;
                         return {};
                     }},
                    {"brand.primary_color", "", Kind::string, colour(&BrandConfig::primary_color)},
                    {"brand.primary_contrast", "", Kind::string, colour(&BrandConfig::primary_contrast)},
                    {"brand.accent_color", "", Kind::string, colour(&BrandConfig::accent_color)},
                    {"brand.font", "", Kind::string,
                     [](Config& c, const std::string& v) -> Result<void> {
                         for (char ch : v)
                             if (ch == ';' || ch == '{' || ch == '}' || ch == '<' || ch == '\\')
                                 return bad("must be a CSS font-family list without ; { } < or \\");
                         c.brand.font = v;
                         return {};
                     }},
                    {"theme.dir", "COMPTOIR_THEME_DIR", Kind::string,
                     [](Config& c, const std::string& v) -> Result<void> {
                         c.theme_dir = v;
                         return {};
                     }},
                    {"paths.themes", "", Kind::string,
                     [](Config& c, const std::string& v) -> Result<void> {
                         c.themes_root = v;
                         return {};
                     }},
                    {"paths.locales", "", Kind::string,
                     [](Config& c, const std::string& v) -> Result<void> {
                         c.locales_dir = v;
                         return {};
                     }},
                    {"paths.demo", "", Kind::string,
                     [](Config& c, const std::string& v) -> Result<void> {
                         c.demo_dir = v;
                         return {};
                     }},
                    {"paths.migrations", "", Kind::string,
                     [](Config& c, const std::string& v) -> Result<void> {
                         c.migrations_dir = v;
                         return {};
                     }},
                    {"log.level", "COMPTOIR_LOG_LEVEL", Kind::string,
                     [](Config& c, const std::string& v) -> Result<void> {
                         static const std::set<std::string> levels{"trace", "debug", "info", "warn", "error", "off"};
                         if (!levels.contains(v)) return bad("must be one of trace, debug, info, warn, error, off");
                         c.log_level = v;
                         return {};
                     }},
                    {"log.access", "COMPTOIR_ACCESS_LOG", Kind::string,
                     [](Config& c, const std::string& v) -> Result<void> {
                         if (v.empty()) return bad("must be stdout, off or a file path");
                         c.access_log = v;
                         return {};
                     }},
                    {"mail.smtp_host", "COMPTOIR_SMTP_HOST", Kind::string,
                     [](Config& c, const std::string& v) -> Result<void> {
                         for (char ch : v)
                             if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '.' && ch != '-' && ch != ':')
                                 return bad("must be a host name or address, got \"" + v + "\"");
                         c.mail.smtp_host = v;
                         return {};
                     }},
                    {"mail.smtp_port", "COMPTOIR_SMTP_PORT", Kind::integer,
                     integer(1, 65535,
                             [](Config& c, long long n) { c.mail.smtp_port = static_cast<std::uint16_t>(n); })},
                    {"mail.security", "COMPTOIR_SMTP_SECURITY", Kind::string,
                     [](Config& c, const std::string& v) -> Result<void> {
                         if (v != "none" && v != "starttls" && v != "tls") return bad("must be none, starttls or tls");
                         c.mail.security = v;
                         return {};
                     }},
                    {"mail.username", "COMPTOIR_SMTP_USERNAME", Kind::string,
                     [](Config& c, const std::string& v) -> Result<void> {
                         c.mail.username = v;
                         return {};
                     }},
                    {"mail.password", "COMPTOIR_SMTP_PASSWORD", Kind::string,
                     [](Config& c, const std::string& v) -> Result<void> {
                         c.mail.password = v;
                         return {};
                     }},
                    {"mail.from", "COMPTOIR_MAIL_FROM", Kind::string,
                     [](Config& c, const std::string& v) -> Result<void> {
                         if (v.find('@') == std::string::npos || v.find_first_of("\r\n") != std::string::npos)
                             return bad("must be an address like \"Support <support@example.com>\"");
                         c.mail.from = v;
                         return {};
                     }},
                    {"mail.max_attempts", "", Kind::integer,
                     integer(1, 100, [](Config& c, long long n) { c.mail.max_attempts = static_cast<int>(n); })},
                    {"auth.self_registration", "COMPTOIR_SELF_REGISTRATION", Kind::boolean,
                     boolean(&Config::auth, &AuthConfig::self_registration)},
                    {"auth.session_idle_minutes", "COMPTOIR_SESSION_IDLE_MINUTES", Kind::integer,
                     integer(1, 7 * 24 * 60,
                             [](Config& c, long long n) { c.auth.session_idle = std::chrono::minutes(n); })},
                    {"auth.session_absolute_hours", "COMPTOIR_SESSION_ABSOLUTE_HOURS", Kind::integer,
                     integer(1, 90 * 24,
                             [](Config& c, long long n) { c.auth.session_absolute = std::chrono::hours(n); })},
                    {"auth.invitation_days", "", Kind::integer,
                     integer(1, 90,
                             [](Config& c, long long n) { c.auth.invitation_ttl = std::chrono::hours(24 * n); })},
                    {"auth.secret_key", "COMPTOIR_SECRET_KEY", Kind::string,
                     [](Config& c, const std::string& v) -> Result<void> {
                         bool ok = v.size() == 64;
                         for (char ch : v) ok = ok && std::isxdigit(static_cast<unsigned char>(ch));
                         if (!ok && !v.empty()) return bad("must be 64 hexadecimal digits (32 bytes)");
                         c.auth.secret_key_hex = v;
                         return {};
                     }},
                    {"auth.secret_key_file", "COMPTOIR_SECRET_KEY_FILE", Kind::string,
                     [](Config& c, const std::string& v) -> Result<void> {
                         if (v.empty()) return bad("must be a file path");
                         c.auth.secret_key_file = v;
                         return {};
                     }},
                    {"testing.routes", "COMPTOIR_TEST_ROUTES", Kind::boolean,
                     [](Config& c, const std::string& v) -> Result<void> { return parse_bool(v, c.test_routes); }},
                };
    return table;
}

// COMPTOIR_* variables that are not configuration keys but that the scripts
// and tests set for themselves (scripts/, tests/, deploy/rig.sh): no warning.
bool is_tooling_variable(std::string_view name) {
    return name == "COMPTOIR_CONFIG" || name == "COMPTOIR_BIN" || name.starts_with("COMPTOIR_TEST_") ||
           name.starts_with("COMPTOIR_DEMO_");
}

// A misspelt variable would otherwise be ignored without a word, and the
// default used in its place: say so, and suggest the nearest real name.
std::string unknown_variable_warning(const std::string& name) {
    constexpr int kTypoLimit = 3;  // further than this is not a typo worth suggesting
    std::string closest;
    int best = kTypoLimit + 1;
    auto consider = [&](const std::string& candidate) {
        if (int d = text::edit_distance(name, candidate, kTypoLimit); d < best) {
            best = d;
            closest = candidate;
        }
    };
    for (const auto& key : keys())
        if (!key.env.empty()) consider(key.env);
    consider("COMPTOIR_CONFIG");
    std::string warning = name + " is not a configuration variable and is ignored";
    if (!closest.empty()) warning += "; did you mean " + closest + "?";
    return warning;
}

Error key_error(const std::string& key, const Error& e) {
    return Error{ErrorCode::invalid_input, key + ": " + e.public_message, {}};
}

// The TOML value as the same text an environment variable would hold, after
// checking that its TOML type is the one the key expects.
Result<std::string> toml_text(const toml::node& node, Kind kind) {
    switch (kind) {
        case Kind::string:
            if (auto s = node.value<std::string>(); s && node.is_string()) return *s;
            return fail(ErrorCode::invalid_input, "must be a string");
        case Kind::integer:
            if (node.is_integer()) return std::to_string(*node.value<std::int64_t>());
            return fail(ErrorCode::invalid_input, "must be an integer");
        case Kind::boolean:
            if (node.is_boolean()) return std::string(*node.value<bool>() ? "true" : "false");
            return fail(ErrorCode::invalid_input, "must be true or false");
        case Kind::list: {
            const auto* arr = node.as_array();
            if (!arr) return fail(ErrorCode::invalid_input, "must be an array of strings");
            std::string joined;
            for (const auto& item : *arr) {
                if (!item.is_string()) return fail(ErrorCode::invalid_input, "must be an array of strings");
                if (!joined.empty()) joined += ',';
                joined += *item.value<std::string>();
            }
            return joined;
        }
    }
    return fail(ErrorCode::internal, "unknown kind");
}

void flatten(const toml::table& table, const std::string& prefix, std::map<std::string, const toml::node*>& out) {
    for (const auto& [k, v] : table) {
        std::string path = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
        if (const auto* sub = v.as_table())
            flatten(*sub, path, out);
        else
            out[path] = &v;
    }
}

Result<void> validate(const Config& c) {
    bool found = false;
    for (const auto& l : c.languages) found = found || l == c.default_language;
    if (!found)
        return fail(ErrorCode::invalid_input,
                    "i18n.default_language: \"" + c.default_language + "\" is not one of i18n.languages");
    if (c.auth.session_idle > c.auth.session_absolute)
        return fail(ErrorCode::invalid_input, "auth.session_idle_minutes: must not exceed auth.session_absolute_hours");
    if (c.mail.username.empty() != c.mail.password.empty())
        return fail(ErrorCode::invalid_input, "mail.username: give both mail.username and mail.password, or neither");
    return {};
}

}  // namespace

std::vector<KnownKey> known_keys() {
    std::vector<KnownKey> out;
    for (const auto& key : keys()) out.push_back(KnownKey{key.path, key.env});
    return out;
}

Environment process_environment() {
    Environment env;
    for (char** e = environ; e && *e; ++e) {
        std::string_view entry(*e);
        if (!entry.starts_with("COMPTOIR_")) continue;
        auto eq = entry.find('=');
        if (eq == std::string_view::npos) continue;
        env.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
    }
    return env;
}

Result<Config> load_config(const std::filesystem::path& file, const Environment& env) {
    Config config;
    if (!file.empty()) {
        toml::table table;
        try {
            table = toml::parse_file(file.string());
        } catch (const toml::parse_error& e) {
            const auto& where = e.source().begin;
            return fail(ErrorCode::invalid_input, file.string() + ":" + std::to_string(where.line) + ":" +
                                                      std::to_string(where.column) + ": " +
                                                      std::string(e.description()));
        }
        std::map<std::string, const toml::node*> values;
        flatten(table, "", values);
        for (const auto& [path, node] : values) {
            const Key* key = nullptr;
            for (const auto& k : keys())
                if (k.path == path) key = &k;
            if (!key) return fail(ErrorCode::invalid_input, path + ": unknown key in " + file.string());
            auto text = toml_text(*node, key->kind);
            if (!text) return std::unexpected(key_error(path, text.error()));
            if (auto r = key->apply(config, *text); !r) return std::unexpected(key_error(path, r.error()));
        }
    }
    for (const auto& [name, value] : env) {
        if (!name.starts_with("COMPTOIR_") || is_tooling_variable(name)) continue;
        bool known = false;
        for (const auto& key : keys()) known = known || key.env == name;
        if (!known) config.warnings.push_back(unknown_variable_warning(name));
    }
    for (const auto& key : keys()) {
        if (key.env.empty()) continue;
        auto it = env.find(key.env);
        if (it == env.end()) continue;
        if (auto r = key.apply(config, it->second); !r)
            return std::unexpected(key_error(key.path + " (from " + key.env + ")", r.error()));
    }
    if (auto r = validate(config); !r) return std::unexpected(r.error());
    return config;
}

}  // namespace comptoir::app
