#include "core/password_policy.hpp"

#include <gtest/gtest.h>

#include <string>

namespace comptoir::passwords {
namespace {

std::string repeat(std::string_view unit, std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += unit;
    return s;
}

TEST(PasswordPolicy, LengthLimitsAreTwelveToOneHundredTwentyEight) {
    EXPECT_EQ(check("Xk4!vQ9#mZ2"), Problem::too_short);  // 11
    EXPECT_EQ(check("Xk4!vQ9#mZ2p"), Problem::none);      // 12
    EXPECT_EQ(check(""), Problem::too_short);
    EXPECT_EQ(check(repeat("Xk4!vQ9#", 16)), Problem::none);            // 128
    EXPECT_EQ(check(repeat("Xk4!vQ9#", 16) + "a"), Problem::too_long);  // 129
    EXPECT_EQ(check(repeat("Xk4!vQ9#", 1000)), Problem::too_long);
}

TEST(PasswordPolicy, CountsCharactersNotBytes) {
    EXPECT_EQ(check(repeat("é", 12)), Problem::none);  // 24 bytes, 12 characters
    EXPECT_EQ(check(repeat("é", 11)), Problem::too_short);
    EXPECT_EQ(check(repeat("日", 120)), Problem::none);  // 360 bytes, 120 characters
    EXPECT_EQ(check(repeat("日", 128)), Problem::none);
    EXPECT_EQ(check(repeat("日", 129)), Problem::too_long);
    EXPECT_EQ(check(repeat("🔑", 12)), Problem::none);  // 4-byte sequences
    EXPECT_EQ(check(repeat("🔑", 11)), Problem::too_short);
}

TEST(PasswordPolicy, RefusesBytesThatAreNotUtf8) {
    const std::string good = "Xk4!vQ9#mZ2p";
    EXPECT_EQ(check(good + "\xff"), Problem::not_utf8);
    EXPECT_EQ(check(good + "\xc3"), Problem::not_utf8);              // truncated é
    EXPECT_EQ(check("\xa9" + good), Problem::not_utf8);              // lone continuation byte
    EXPECT_EQ(check(good + "\xc0\xaf"), Problem::not_utf8);          // overlong '/'
    EXPECT_EQ(check(good + "\xe0\x80\xaf"), Problem::not_utf8);      // overlong '/'
    EXPECT_EQ(check(good + "\xed\xa0\x80"), Problem::not_utf8);      // surrogate U+D800
    EXPECT_EQ(check(good + "\xf4\x90\x80\x80"), Problem::not_utf8);  // above U+10FFFF
    EXPECT_EQ(check(good + "\xe6\x97"), Problem::not_utf8);          // truncated 日
    EXPECT_EQ(check(good + "\xe6"
                           "a"
                           "\xa5"),
              Problem::not_utf8);
    // Short and invalid: the encoding problem is what gets reported.
    EXPECT_EQ(check("\xff"), Problem::not_utf8);
}

TEST(PasswordPolicy, RefusesCommonPasswordsInAnyCase) {
    for (std::string_view p :
         {"password1234", "PASSWORD1234", "Password1234", "123456789012", "1234567890123", "qwertyuiopas",
          "QwertyUiopAs", "iloveyou1234", "ILoveYou1234", "motdepasse123", "MotDePasse123", "azertyuiop12",
          "AZERTYUIOP12", "jetaime123456", "000000000000", "zzzzzzzzzzzz", "correcthorsebatterystaple"})
        EXPECT_EQ(check(p), Problem::too_common) << p;
}

TEST(PasswordPolicy, AcceptsNearMissesOfCommonPasswords) {
    EXPECT_EQ(check("password1235"), Problem::none);
    EXPECT_EQ(check("password1234x"), Problem::none);
    EXPECT_EQ(check(" password1234"), Problem::none);
    EXPECT_EQ(check("motdepassé123"), Problem::none);  // not ASCII, so not folded into the list
}

}  // namespace
}  // namespace comptoir::passwords
