#pragma once
// Message catalogues (locales/<lang>.toml, flat dotted keys) and ICU-backed
// formatting: plural rules through ICU MessageFormat, dates, numbers and money.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/error.hpp"

namespace comptoir::render {

/// An argument of a formatted message: {count, plural, …} or {name}.
using MessageArg = std::variant<std::int64_t, double, std::string>;

class I18n {
  public:
    /// Loads locales/<lang>.toml for each language; fails when a file is
    /// missing or unparsable, or when `default_language` is not among them.
    static Result<I18n> load(const std::filesystem::path& locales_dir, std::vector<std::string> languages,
                             std::string default_language);

    const std::vector<std::string>& languages() const { return languages_; }
    const std::string& default_language() const { return default_language_; }
    bool supports(std::string_view lang) const;

    /// The message for `key` in `lang` (falls back to the default language,
    /// then to the key itself, so a gap shows instead of crashing).
    std::string_view text(std::string_view lang, std::string_view key) const;
    /// An ICU MessageFormat pattern filled with named arguments:
    /// format("fr", "search.results", {{"count", 3}}).
    std::string format(std::string_view lang, std::string_view key,
                       const std::vector<std::pair<std::string, MessageArg>>& args) const;
    std::string format_number(std::string_view lang, double value) const;
    /// Money in minor units: format_money("fr", 123456, "EUR") -> "1 234,56 €".
    std::string format_money(std::string_view lang, std::int64_t minor_units, std::string_view currency) const;
    /// A date (medium style) in the given IANA time zone.
    std::string format_date(std::string_view lang, std::chrono::system_clock::time_point when,
                            std::string_view time_zone = "UTC") const;
    /// Date and time (medium date, short time: "29 nov. 2026, 14:05") in `time_zone`.
    std::string format_date_time(std::string_view lang, std::chrono::system_clock::time_point when,
                                 std::string_view time_zone = "UTC") const;

    /// Chooses the language: an explicit choice (query or cookie) when
    /// supported, else the best Accept-Language match, else the default.
    std::string negotiate(std::string_view explicit_choice, std::string_view accept_language) const;

    /// Every key of every catalogue (for the parity test and template expansion).
    const std::map<std::string, std::string, std::less<>>& catalogue(std::string_view lang) const;

    /// ICU prototypes per language, built once at load (defined in i18n.cpp).
    struct Formatters;

  private:
    std::vector<std::string> languages_;
    std::string default_language_;
    std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> catalogues_;
    // Immutable once loaded and shared by copies: every format call clones what
    // it mutates, so one I18n serves all network threads without locks.
    std::shared_ptr<const Formatters> formatters_;
};

}  // namespace comptoir::render
