#include "core/crypto.hpp"

#include <gtest/gtest.h>

namespace comptoir::crypto {
namespace {

TEST(Crypto, PasswordHashVerifiesOnlyTheSamePassword) {
    init();
    auto hash = hash_password("correct horse battery staple é");
    ASSERT_TRUE(hash.has_value());
    EXPECT_TRUE(hash->starts_with("$argon2id$"));
    EXPECT_TRUE(verify_password(*hash, "correct horse battery staple é"));
    EXPECT_FALSE(verify_password(*hash, "correct horse battery staple e"));
    EXPECT_FALSE(verify_password("not a hash", "anything"));
}

TEST(Crypto, RandomHexHasTheRequestedLengthAndVaries) {
    init();
    auto a = random_hex(16), b = random_hex(16);
    EXPECT_EQ(a.size(), 32u);
    EXPECT_NE(a, b);
    EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
}

TEST(Crypto, Sha256MatchesTheKnownVector) {
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Crypto, Base64RoundTripsWithTheRfc4648Vectors) {
    // RFC 4648 §10.
    EXPECT_EQ(to_base64(""), "");
    EXPECT_EQ(to_base64("f"), "Zg==");
    EXPECT_EQ(to_base64("fo"), "Zm8=");
    EXPECT_EQ(to_base64("foobar"), "Zm9vYmFy");
    const std::string bytes("\x00\xff\x10 binary\n", 10);
    EXPECT_EQ(from_base64(to_base64(bytes)), bytes);
    EXPECT_EQ(from_base64("Zm8="), "fo");
}

TEST(Crypto, Base64RefusesWhatIsNotBase64) {
    EXPECT_FALSE(from_base64("Zm8"));       // missing padding
    EXPECT_FALSE(from_base64("Zm9v!"));     // not in the alphabet
    EXPECT_FALSE(from_base64("Zm8=Zm8="));  // data after the padding
}

}  // namespace
}  // namespace comptoir::crypto
