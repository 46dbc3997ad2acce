#include "core/totp.hpp"

#include <gtest/gtest.h>

#include "core/crypto.hpp"

namespace comptoir::totp {
namespace {

using std::chrono::seconds;
using std::chrono::system_clock;

const std::string kRfcSecret = "12345678901234567890";  // RFC 6238 appendix B, SHA1

system_clock::time_point at(std::int64_t unix_seconds) { return system_clock::time_point(seconds(unix_seconds)); }

TEST(Totp, CodesMatchTheRfc6238Sha1Vectors) {
    // The RFC lists 8-digit values; a 6-digit code is their last six digits.
    EXPECT_EQ(code_at(kRfcSecret, at(59)), "287082");
    EXPECT_EQ(code_at(kRfcSecret, at(1111111109)), "081804");
    EXPECT_EQ(code_at(kRfcSecret, at(1111111111)), "050471");
    EXPECT_EQ(code_at(kRfcSecret, at(1234567890)), "005924");
    EXPECT_EQ(code_at(kRfcSecret, at(2000000000)), "279037");
}

TEST(Totp, VerifyAcceptsTheCurrentCodeAndReturnsItsStep) {
    auto step = verify(kRfcSecret, "005924", at(1234567890));
    ASSERT_TRUE(step.has_value());
    EXPECT_EQ(*step, 1234567890 / 30);
}

TEST(Totp, VerifyToleratesOneStepOfSkewEitherWay) {
    const std::int64_t now = 1234567890;
    const std::int64_t step = now / 30;
    auto previous = code_at(kRfcSecret, at(now - 30));
    auto next = code_at(kRfcSecret, at(now + 30));
    EXPECT_EQ(verify(kRfcSecret, previous, at(now)), step - 1);
    EXPECT_EQ(verify(kRfcSecret, next, at(now)), step + 1);
}

TEST(Totp, VerifyRefusesTwoStepsOfSkew) {
    const std::int64_t now = 1234567890;
    auto old_code = code_at(kRfcSecret, at(now - 60));
    auto future_code = code_at(kRfcSecret, at(now + 60));
    // Guard against a coincidental match within the window making the test meaningless.
    for (int d = -1; d <= 1; ++d) {
        ASSERT_NE(old_code, code_at(kRfcSecret, at(now + 30 * d)));
        ASSERT_NE(future_code, code_at(kRfcSecret, at(now + 30 * d)));
    }
    EXPECT_EQ(verify(kRfcSecret, old_code, at(now)), std::nullopt);
    EXPECT_EQ(verify(kRfcSecret, future_code, at(now)), std::nullopt);
}

TEST(Totp, VerifyRefusesWrongAndMalformedCodes) {
    const auto now = at(1234567890);
    EXPECT_EQ(verify(kRfcSecret, "005925", now), std::nullopt);
    EXPECT_EQ(verify(kRfcSecret, "05924", now), std::nullopt);    // 5 digits
    EXPECT_EQ(verify(kRfcSecret, "0059240", now), std::nullopt);  // 7 digits
    EXPECT_EQ(verify(kRfcSecret, "", now), std::nullopt);
    EXPECT_EQ(verify(kRfcSecret, "00592a", now), std::nullopt);
    EXPECT_EQ(verify(kRfcSecret, "abcdef", now), std::nullopt);
    EXPECT_EQ(verify(kRfcSecret, " 05924", now), std::nullopt);
    EXPECT_EQ(verify(kRfcSecret, std::string_view("00592\0", 6), now), std::nullopt);
    EXPECT_EQ(verify(kRfcSecret,
                     "\xd9\xa0"
                     "0592",
                     now),
              std::nullopt);  // 6 bytes, starts with an Arabic-Indic zero
    EXPECT_EQ(verify("another secret here!", "005924", now), std::nullopt);
    EXPECT_EQ(verify("", "005924", now), std::nullopt);
}

TEST(Totp, GeneratedSecretsAre20RandomBytesThatWork) {
    crypto::init();
    auto a = generate_secret(), b = generate_secret();
    EXPECT_EQ(a.size(), 20u);
    EXPECT_EQ(b.size(), 20u);
    EXPECT_NE(a, b);
    const auto now = at(1700000000);
    EXPECT_EQ(verify(a, code_at(a, now), now), 1700000000 / 30);
}

TEST(Totp, Base32MatchesTheKnownValueAndRoundTrips) {
    EXPECT_EQ(to_base32(kRfcSecret), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    EXPECT_EQ(to_base32("foo"), "MZXW6");  // no padding
    EXPECT_EQ(from_base32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"), kRfcSecret);
    EXPECT_EQ(from_base32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"), kRfcSecret);
    EXPECT_EQ(from_base32("MZXW6==="), "foo");
    crypto::init();
    for (int i = 0; i < 20; ++i) {
        auto secret = generate_secret();
        EXPECT_EQ(from_base32(to_base32(secret)), secret);
    }
}

TEST(Totp, Base32RejectsInvalidText) {
    EXPECT_FALSE(from_base32("MZXW1").has_value());  // '1' is not in the alphabet
    EXPECT_FALSE(from_base32("MZXW6!").has_value());
    EXPECT_FALSE(from_base32("").has_value());
    EXPECT_FALSE(from_base32("   ").has_value());
    auto bad = from_base32("not base32 at all: 0189");
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().code, ErrorCode::invalid_input);
}

TEST(Totp, OtpauthUriEncodesIssuerAndAccount) {
    auto uri = otpauth_uri("Comptoir Café", "jean+test@example.com", kRfcSecret);
    EXPECT_EQ(uri,
              "otpauth://totp/Comptoir%20Caf%C3%A9:jean%2Btest%40example.com"
              "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Comptoir%20Caf%C3%A9"
              "&algorithm=SHA1&digits=6&period=30");
}

TEST(Totp, OtpauthUriEscapesSeparatorsSoTheyCannotInjectParameters) {
    auto uri = otpauth_uri("A:B&secret=X", "me?x=1#f", "foo");
    EXPECT_EQ(uri,
              "otpauth://totp/A%3AB%26secret%3DX:me%3Fx%3D1%23f"
              "?secret=MZXW6&issuer=A%3AB%26secret%3DX&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace comptoir::totp
