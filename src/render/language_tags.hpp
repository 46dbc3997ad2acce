#pragma once
// BCP 47 language tags as they arrive from users: a language switcher value
// and the Accept-Language header (RFC 9110 §12.5.4). Everything here is
// lenient: malformed input is skipped, never an error.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::render {

/// One entry of Accept-Language; quality in thousandths (q=0.8 -> 800).
struct AcceptedLanguage {
    std::string tag;  // lower-case, "*" for the wildcard
    int quality = 1000;
};

std::string lowercase_ascii(std::string_view text);
std::string uppercase_ascii(std::string_view text);

/// "fr", "fr-CA", "zh-Hant-TW": 1–8 letters, then 1–8 letters or digits per subtag.
bool is_well_formed_tag(std::string_view tag);

/// Entries of an Accept-Language header in the order given; malformed ones are dropped.
std::vector<AcceptedLanguage> parse_accept_language(std::string_view header);

/// An explicit choice ("fr", "FR", "fr-CA") mapped onto a supported language.
std::optional<std::string> match_explicit(std::string_view choice, const std::vector<std::string>& supported);

/// The best supported language for the header: highest q first, a regional tag
/// falls back to its primary subtag, q=0 refuses a language, "*" means the default.
std::optional<std::string> match_accept_language(std::string_view header, const std::vector<std::string>& supported,
                                                 std::string_view default_language);

}  // namespace comptoir::render
