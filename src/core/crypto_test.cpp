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

}  // namespace
}  // namespace comptoir::crypto
