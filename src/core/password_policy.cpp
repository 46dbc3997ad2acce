#include "core/password_policy.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace comptoir::passwords {
namespace {

using namespace std::string_view_literals;

// Frequent passwords of 12 characters or more (shorter ones are already
// refused by length), from public breach-frequency lists plus French keyboard
// and vocabulary habits (azerty, motdepasse, jetaime…). Lower case, sorted
// bytewise so lookup is a binary search; the static_asserts keep it that way.
constexpr std::array kCommon = {"!qaz2wsx#edc"sv,
                                "000000000000"sv,
                                "0000000000000"sv,
                                "098765432112"sv,
                                "098765432123"sv,
                                "100200300400"sv,
                                "111111111111"sv,
                                "1111111111111"sv,
                                "11111111111111"sv,
                                "111222333444"sv,
                                "112233445566"sv,
                                "11223344556677"sv,
                                "121212121212"sv,
                                "123123123123"sv,
                                "123321123321"sv,
                                "123456123456"sv,
                                "123456654321"sv,
                                "1234567890-="sv,
                                "123456789000"sv,
                                "123456789012"sv,
                                "1234567890123"sv,
                                "12345678901234"sv,
                                "123456789012345"sv,
                                "1234567890abc"sv,
                                "1234567890qwerty"sv,
                                "1234567891011"sv,
                                "123456789123"sv,
                                "123456789123456"sv,
                                "123456789987"sv,
                                "123456789987654321"sv,
                                "123456789abc"sv,
                                "123456789qwe"sv,
                                "1234abcd1234"sv,
                                "1234qwer1234"sv,
                                "1234qwerasdf"sv,
                                "1234qwerasdfzxcv"sv,
                                "147258369147"sv,
                                "147258369258"sv,
                                "159753159753"sv,
                                "1q2w3e4r5t6y"sv,
                                "1q2w3e4r5t6y7u"sv,
                                "1q2w3e4r5t6y7u8i"sv,
                                "1qaz2wsx3edc"sv,
                                "1qaz2wsx3edc4rfv"sv,
                                "1qazxsw23edc"sv,
                                "222222222222"sv,
                                "333333333333"sv,
                                "555555555555"sv,
                                "666666666666"sv,
                                "777777777777"sv,
                                "888888888888"sv,
                                "987654321000"sv,
                                "987654321987"sv,
                                "987654321987654321"sv,
                                "999999999999"sv,
                                "a1b2c3d4e5f6"sv,
                                "aaaaaaaaaaaa"sv,
                                "abc123456789"sv,
                                "abc123abc123"sv,
                                "abcabcabcabc"sv,
                                "abcd12345678"sv,
                                "abcd1234abcd"sv,
                                "abcdef123456"sv,
                                "abcdefghijkl"sv,
                                "abcdefghijklm"sv,
                                "abcdefghijklmnop"sv,
                                "adminadmin123"sv,
                                "administrateur"sv,
                                "administrator"sv,
                                "administrator1"sv,
                                "allezlesbleus"sv,
                                "amourtoujours"sv,
                                "asdfasdfasdf"sv,
                                "asdfghjkl123"sv,
                                "asdfghjklzxcvbnm"sv,
                                "azerty123456"sv,
                                "azerty123456789"sv,
                                "azertyazerty"sv,
                                "azertyqwerty"sv,
                                "azertyuiop12"sv,
                                "azertyuiop123"sv,
                                "azertyuiopqsdf"sv,
                                "azertyuiopqsdfghjklm"sv,
                                "baseball1234"sv,
                                "basketball123"sv,
                                "bienvenue123"sv,
                                "bienvenue1234"sv,
                                "bonjour12345"sv,
                                "bonjour123456"sv,
                                "bonjourbonjour"sv,
                                "changeme1234"sv,
                                "chocolat1234"sv,
                                "chocolat12345"sv,
                                "chouchou1234"sv,
                                "correcthorsebatterystaple"sv,
                                "coucou123456"sv,
                                "doudou123456"sv,
                                "dragonball123"sv,
                                "football1234"sv,
                                "football12345"sv,
                                "iloveyou1234"sv,
                                "iloveyou12345"sv,
                                "iloveyoubaby"sv,
                                "iloveyouiloveyou"sv,
                                "iloveyousomuch"sv,
                                "jetaime123456"sv,
                                "jetaimejetaime"sv,
                                "jetaimemonamour"sv,
                                "letmein12345"sv,
                                "letmeinplease"sv,
                                "liverpool123"sv,
                                "loulou123456"sv,
                                "manchesterunited"sv,
                                "marseille123"sv,
                                "motdepasse12"sv,
                                "motdepasse123"sv,
                                "motdepasse1234"sv,
                                "motdepasse2023"sv,
                                "motdepasse2024"sv,
                                "motdepasse2025"sv,
                                "motdepasseoublie"sv,
                                "mypassword123"sv,
                                "nicolas12345"sv,
                                "p@ssw0rd1234"sv,
                                "p@ssword1234"sv,
                                "passw0rd1234"sv,
                                "password123!"sv,
                                "password1234"sv,
                                "password1234!"sv,
                                "password12345"sv,
                                "password123456"sv,
                                "password2020"sv,
                                "password2021"sv,
                                "password2022"sv,
                                "password2023"sv,
                                "password2024"sv,
                                "password2025"sv,
                                "passwordpassword"sv,
                                "princess1234"sv,
                                "q1w2e3r4t5y6"sv,
                                "qazwsxedcrfv"sv,
                                "qazwsxedcrfvtgb"sv,
                                "qsdfghjklm12"sv,
                                "qsdfghjklmwxcvbn"sv,
                                "qwerty123456"sv,
                                "qwerty123456789"sv,
                                "qwertyqwerty"sv,
                                "qwertyuiop12"sv,
                                "qwertyuiop123"sv,
                                "qwertyuiopas"sv,
                                "qwertyuiopasdf"sv,
                                "qwertyuiopasdfgh"sv,
                                "qwertyuiopasdfghjkl"sv,
                                "soleil123456"sv,
                                "starwars1234"sv,
                                "sunshine1234"sv,
                                "superman1234"sv,
                                "thisismypassword"sv,
                                "trustno1trustno1"sv,
                                "welcome12345"sv,
                                "welcome123456"sv,
                                "welcome2024!"sv,
                                "wxcvbn123456"sv,
                                "zaq12wsxcde3"sv,
                                "zxcvbnm12345"sv,
                                "zxcvbnmasdfghjkl"sv,
                                "zzzzzzzzzzzz"sv};

constexpr bool is_lower_ascii(std::string_view s) {
    return std::ranges::none_of(s, [](char c) { return c >= 'A' && c <= 'Z'; });
}
static_assert(std::ranges::is_sorted(kCommon), "kCommon must stay sorted for binary search");
static_assert(std::ranges::adjacent_find(kCommon) == kCommon.end(), "kCommon has a duplicate");
static_assert(std::ranges::all_of(kCommon, is_lower_ascii), "kCommon entries must be lower case");
static_assert(std::ranges::all_of(kCommon, [](std::string_view s) { return s.size() >= kMinLength; }),
              "entries shorter than kMinLength are dead weight");

// Code points in `s`, or nullopt when `s` is not well-formed UTF-8 (overlong
// forms, surrogates, values above U+10FFFF and truncated sequences refused).
std::optional<std::size_t> count_code_points(std::string_view s) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < s.size(); ++count) {
        auto b0 = static_cast<unsigned char>(s[i]);
        std::size_t len;
        std::uint32_t cp;
        if (b0 < 0x80) {
            ++i;
            continue;
        } else if (b0 >= 0xC2 && b0 <= 0xDF) {
            len = 2, cp = b0 & 0x1F;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            len = 3, cp = b0 & 0x0F;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            len = 4, cp = b0 & 0x07;
        } else {
            return std::nullopt;  // continuation byte first, or C0/C1/F5..FF
        }
        if (s.size() - i < len) return std::nullopt;
        for (std::size_t k = 1; k < len; ++k) {
            auto b = static_cast<unsigned char>(s[i + k]);
            if ((b & 0xC0) != 0x80) return std::nullopt;
            cp = (cp << 6) | (b & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return std::nullopt;  // overlong
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
        i += len;
    }
    return count;
}

bool is_common(std::string_view password) {
    // Every entry is ASCII, so only an ASCII password can match; folding
    // A-Z is the whole of the case-insensitive comparison.
    std::string folded(password);
    for (char& c : folded)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return std::ranges::binary_search(kCommon, std::string_view(folded));
}

}  // namespace

Problem check(std::string_view password) {
    auto length = count_code_points(password);
    if (!length) return Problem::not_utf8;
    if (*length < kMinLength) return Problem::too_short;
    if (*length > kMaxLength) return Problem::too_long;
    if (is_common(password)) return Problem::too_common;
    return Problem::none;
}

}  // namespace comptoir::passwords
