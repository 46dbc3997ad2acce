#include "render/i18n.hpp"

#include <atomic>
#include <unordered_map>

#include <unicode/datefmt.h>
#include <unicode/locid.h>
#include <unicode/msgfmt.h>
#include <unicode/numberformatter.h>
#include <unicode/timezone.h>
#include <unicode/ucurr.h>
#include <unicode/unistr.h>

#include <fmt/format.h>
#include <toml++/toml.h>
#include <algorithm>
#include <cstdlib>
#include <set>

#include "render/language_tags.hpp"

namespace comptoir::render {

namespace {

using Catalogue = std::map<std::string, std::string, std::less<>>;

icu::UnicodeString to_icu(std::string_view utf8) {
    return icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
}

std::string to_utf8(const icu::UnicodeString& text) {
    std::string out;
    text.toUTF8String(out);
    return out;
}

Result<void> flatten(const toml::table& table, const std::string& prefix, const std::string& file, Catalogue& out) {
    for (const auto& [key, node] : table) {
        std::string dotted = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
        if (const auto* nested = node.as_table()) {
            if (auto done = flatten(*nested, dotted, file, out); !done) return done;
        } else if (const auto* value = node.as_string()) {
            // A quoted key such as "a.b" could collide with [a] b; refuse rather than pick one.
            if (!out.emplace(dotted, value->get()).second) {
                return fail(ErrorCode::internal, fmt::format("{}: key {} is defined twice", file, dotted));
            }
        } else {
            return fail(ErrorCode::internal, fmt::format("{}: key {} must be a string", file, dotted));
        }
    }
    return {};
}

Result<void> load_into(const std::filesystem::path& file, Catalogue& catalogue) {
    toml::table table;
    try {
        table = toml::parse_file(file.string());
    } catch (const toml::parse_error& error) {
        return fail(ErrorCode::internal,
                    fmt::format("{}: {} (line {})", file.string(), error.description(), error.source().begin.line));
    }
    return flatten(table, "", file.string(), catalogue);
}

/// `<lang>.toml`, then every `<lang>/*.toml` in name order (one file per area of
/// the portal, so that catalogues stay readable); a key defined twice is an error.
Result<Catalogue> load_catalogue(const std::filesystem::path& locales_dir, const std::string& lang) {
    Catalogue catalogue;
    if (auto done = load_into(locales_dir / (lang + ".toml"), catalogue); !done) return std::unexpected(done.error());
    std::vector<std::filesystem::path> parts;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(locales_dir / lang, ec))
        if (entry.path().extension() == ".toml") parts.push_back(entry.path());
    std::sort(parts.begin(), parts.end());
    for (const auto& part : parts)
        if (auto done = load_into(part, catalogue); !done) return std::unexpected(done.error());
    return catalogue;
}

/// Decimal text of `minor / 10^digits`, exact (no double rounding): -123456, 2 -> "-1234.56".
std::string minor_to_decimal(std::int64_t minor, int digits) {
    const bool negative = minor < 0;
    // Unsigned negation keeps INT64_MIN defined.
    const std::uint64_t magnitude =
        negative ? 0 - static_cast<std::uint64_t>(minor) : static_cast<std::uint64_t>(minor);
    std::string text = std::to_string(magnitude);
    if (digits > 0) {
        if (text.size() <= static_cast<std::size_t>(digits)) text.insert(0, digits + 1 - text.size(), '0');
        text.insert(text.size() - digits, ".");
    }
    return negative ? "-" + text : text;
}

}  // namespace

struct I18n::Formatters {
    struct Language {
        icu::Locale locale;
        // LocalizedNumberFormatter is immutable and documented thread-safe: shared as is.
        icu::number::LocalizedNumberFormatter number;
        // DateFormat and MessageFormat mutate themselves while formatting: callers clone them.
        std::unique_ptr<icu::DateFormat> date;
        std::unique_ptr<icu::DateFormat> date_time;
        std::map<std::string, std::unique_ptr<icu::MessageFormat>, std::less<>> messages;
    };
    std::map<std::string, Language, std::less<>> languages;
    // Tells this set of formatters apart from any other in the per-thread
    // caches below, even one later allocated at the same address.
    std::uint64_t generation = next_generation();

    static std::uint64_t next_generation() {
        static std::atomic<std::uint64_t> counter{0};
        return ++counter;
    }
};

namespace {

// Formatters that mutate while formatting (MessageFormat, DateFormat) are
// cloned once per thread and reused, and currency formatters are built once
// per thread: cloning or building costs several times the formatting itself.
std::string cache_key(std::uint64_t generation, std::string_view a, std::string_view b) {
    std::string key = std::to_string(generation);
    key += '\0';
    key += a;
    key += '\0';
    key += b;
    return key;
}

template <class T, class Make>
T& per_thread(std::string key, Make make) {
    thread_local std::unordered_map<std::string, std::unique_ptr<T>> cache;
    auto found = cache.find(key);
    if (found == cache.end()) found = cache.emplace(std::move(key), make()).first;
    return *found->second;
}

}  // namespace

Result<I18n> I18n::load(const std::filesystem::path& locales_dir, std::vector<std::string> languages,
                        std::string default_language) {
    if (languages.empty()) return fail(ErrorCode::internal, "i18n: no language configured");
    auto formatters = std::make_shared<Formatters>();
    I18n i18n;
    for (const auto& lang : languages) {
        // The code becomes a file name: only plain tags, so "../x" cannot reach outside locales/.
        if (!is_well_formed_tag(lang) || lang != lowercase_ascii(lang)) {
            return fail(ErrorCode::internal, fmt::format("i18n: invalid language code \"{}\"", lang));
        }
        if (i18n.catalogues_.contains(lang)) {
            return fail(ErrorCode::internal, fmt::format("i18n: language {} listed twice", lang));
        }
        const auto file = locales_dir / (lang + ".toml");
        auto catalogue = load_catalogue(locales_dir, lang);
        if (!catalogue) return std::unexpected(catalogue.error());

        Formatters::Language formatter;
        UErrorCode status = U_ZERO_ERROR;
        formatter.locale = icu::Locale::forLanguageTag(lang, status);
        if (U_FAILURE(status) || formatter.locale.isBogus()) {
            return fail(ErrorCode::internal, fmt::format("i18n: ICU does not know language {}", lang));
        }
        formatter.number = icu::number::NumberFormatter::withLocale(formatter.locale);
        formatter.date.reset(icu::DateFormat::createDateInstance(icu::DateFormat::kMedium, formatter.locale));
        formatter.date_time.reset(icu::DateFormat::createDateTimeInstance(icu::DateFormat::kMedium,
                                                                          icu::DateFormat::kShort, formatter.locale));
        if (!formatter.date || !formatter.date_time)
            return fail(ErrorCode::internal, fmt::format("i18n: no date format for {}", lang));
        // Patterns are parsed once here, so a broken plural in a catalogue stops start-up.
        for (const auto& [key, text] : *catalogue) {
            if (text.find('{') == std::string::npos) continue;
            UErrorCode parse_status = U_ZERO_ERROR;
            auto message = std::make_unique<icu::MessageFormat>(to_icu(text), formatter.locale, parse_status);
            if (U_FAILURE(parse_status)) {
                return fail(ErrorCode::internal, fmt::format("{}: key {} is not a valid ICU message ({})",
                                                             file.string(), key, u_errorName(parse_status)));
            }
            formatter.messages.emplace(key, std::move(message));
        }
        i18n.catalogues_.emplace(lang, std::move(*catalogue));
        formatters->languages.emplace(lang, std::move(formatter));
    }
    if (!i18n.catalogues_.contains(default_language)) {
        return fail(
            ErrorCode::internal,
            fmt::format("i18n: default language \"{}\" is not among the configured languages", default_language));
    }
    i18n.languages_ = std::move(languages);
    i18n.default_language_ = std::move(default_language);
    i18n.formatters_ = std::move(formatters);
    return i18n;
}

bool I18n::supports(std::string_view lang) const { return catalogues_.contains(lang); }

const std::map<std::string, std::string, std::less<>>& I18n::catalogue(std::string_view lang) const {
    auto found = catalogues_.find(lang);
    if (found == catalogues_.end()) found = catalogues_.find(default_language_);
    return found->second;
}

std::string_view I18n::text(std::string_view lang, std::string_view key) const {
    const auto& messages = catalogue(lang);
    if (auto found = messages.find(key); found != messages.end()) return found->second;
    const auto& fallback = catalogue(default_language_);
    if (auto found = fallback.find(key); found != fallback.end()) return found->second;
    return key;
}

std::string I18n::format(std::string_view lang, std::string_view key,
                         const std::vector<std::pair<std::string, MessageArg>>& args) const {
    if (!supports(lang)) lang = default_language_;
    const auto& language = formatters_->languages.find(lang)->second;
    auto found = language.messages.find(key);
    if (found == language.messages.end()) {
        // A message without placeholders, or one only the default language has.
        if (catalogue(lang).contains(key) || lang == default_language_) return std::string(text(lang, key));
        return format(default_language_, key, args);
    }
    std::vector<icu::UnicodeString> names;
    std::vector<icu::Formattable> values;
    names.reserve(args.size());
    values.reserve(args.size());
    for (const auto& [name, value] : args) {
        names.push_back(to_icu(name));
        std::visit(
            [&](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::string>) {
                    values.emplace_back(to_icu(v));
                } else {
                    values.emplace_back(v);
                }
            },
            value);
    }
    auto& message = per_thread<icu::MessageFormat>(cache_key(formatters_->generation, lang, key), [&] {
        return std::unique_ptr<icu::MessageFormat>(found->second->clone());
    });
    icu::UnicodeString out;
    UErrorCode status = U_ZERO_ERROR;
    message.format(names.data(), values.data(), static_cast<int32_t>(values.size()), out, status);
    if (U_FAILURE(status)) return std::string(text(lang, key));
    return to_utf8(out);
}

std::string I18n::format_number(std::string_view lang, double value) const {
    if (!supports(lang)) lang = default_language_;
    UErrorCode status = U_ZERO_ERROR;
    auto formatted = formatters_->languages.find(lang)->second.number.formatDouble(value, status);
    if (U_FAILURE(status)) return std::to_string(value);
    return to_utf8(formatted.toString(status));
}

std::string I18n::format_money(std::string_view lang, std::int64_t minor_units, std::string_view currency) const {
    if (!supports(lang)) lang = default_language_;
    const auto& language = formatters_->languages.find(lang)->second;
    std::string code = uppercase_ascii(currency);
    const bool well_formed =
        code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    UErrorCode status = U_ZERO_ERROR;
    if (well_formed) {
        const char16_t iso[4] = {char16_t(code[0]), char16_t(code[1]), char16_t(code[2]), 0};
        const int digits = ucurr_getDefaultFractionDigits(iso, &status);
        const std::string amount = minor_to_decimal(minor_units, U_SUCCESS(status) ? digits : 2);
        icu::CurrencyUnit unit(iso, status);
        if (U_SUCCESS(status)) {
            auto& money = per_thread<icu::number::LocalizedNumberFormatter>(
                cache_key(formatters_->generation, lang, code),
                [&] { return std::make_unique<icu::number::LocalizedNumberFormatter>(language.number.unit(unit)); });
            auto formatted = money.formatDecimal(amount, status);
            if (U_SUCCESS(status)) return to_utf8(formatted.toString(status));
        }
    }
    // Never throw on a bad code: show the amount as cents-free number and the code as given (sanitised).
    status = U_ZERO_ERROR;
    auto formatted = language.number.formatDecimal(minor_to_decimal(minor_units, 2), status);
    std::string shown = well_formed ? code : "?";
    return U_SUCCESS(status) ? to_utf8(formatted.toString(status)) + " " + shown : minor_to_decimal(minor_units, 2);
}

namespace {

// A per-thread clone of `prototype` set to `time_zone` (unknown ids mean UTC).
icu::DateFormat& zoned_formatter(const std::string& key, const icu::DateFormat& prototype, std::string_view time_zone) {
    return per_thread<icu::DateFormat>(key, [&] {
        std::unique_ptr<icu::DateFormat> made(prototype.clone());
        std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(to_icu(time_zone)));
        // An unknown id yields ICU's "Etc/Unknown" (GMT); say UTC explicitly instead.
        if (!zone || *zone == icu::TimeZone::getUnknown()) zone.reset(icu::TimeZone::createTimeZone("UTC"));
        made->adoptTimeZone(zone.release());
        return made;
    });
}

std::string format_with(icu::DateFormat& formatter, std::chrono::system_clock::time_point when) {
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(when.time_since_epoch()).count();
    icu::UnicodeString out;
    formatter.format(static_cast<UDate>(millis), out);
    return to_utf8(out);
}

}  // namespace

std::string I18n::format_date(std::string_view lang, std::chrono::system_clock::time_point when,
                              std::string_view time_zone) const {
    if (!supports(lang)) lang = default_language_;
    const auto& prototype = *formatters_->languages.find(lang)->second.date;
    return format_with(zoned_formatter(cache_key(formatters_->generation, lang, time_zone), prototype, time_zone),
                       when);
}

std::string I18n::format_date_time(std::string_view lang, std::chrono::system_clock::time_point when,
                                   std::string_view time_zone) const {
    if (!supports(lang)) lang = default_language_;
    const auto& prototype = *formatters_->languages.find(lang)->second.date_time;
    return format_with(
        zoned_formatter(cache_key(formatters_->generation, lang, time_zone) + "|datetime", prototype, time_zone), when);
}

std::string I18n::negotiate(std::string_view explicit_choice, std::string_view accept_language) const {
    if (auto chosen = match_explicit(explicit_choice, languages_)) return *chosen;
    if (auto chosen = match_accept_language(accept_language, languages_, default_language_)) return *chosen;
    return default_language_;
}

}  // namespace comptoir::render
