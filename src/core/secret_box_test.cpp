#include "core/secret_box.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "core/crypto.hpp"

namespace comptoir::crypto {
namespace {

namespace fs = std::filesystem;

const std::string kKeyA = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
const std::string kKeyB = "1f1e1d1c1b1a191817161514131211100f0e0d0c0b0a09080706050403020100";

SecretBox box(const std::string& hex) {
    auto b = SecretBox::from_hex(hex);
    if (!b) throw std::runtime_error("bad test key");
    return *b;
}

// A fresh directory per test, removed afterwards.
class SecretBoxFile : public ::testing::Test {
  protected:
    void SetUp() override {
        init();
        dir_ = fs::temp_directory_path() / ("comptoir-secretbox-" + random_hex(8));
    }
    void TearDown() override { fs::remove_all(dir_); }
    void write(const fs::path& file, const std::string& content) {
        fs::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << content;
    }
    fs::path dir_;
};

TEST(SecretBox, SealThenOpenGivesThePlaintextBack) {
    init();
    auto b = box(kKeyA);
    for (std::string plain : {std::string("JBSWY3DPEHPK3PXP"), std::string(), std::string("a\0b\xff", 4)}) {
        auto sealed = b.seal(plain, "totp:user:42");
        EXPECT_TRUE(sealed.starts_with("v1:"));
        EXPECT_EQ(sealed.size(), 3 + 2 * (24 + plain.size() + 16));
        EXPECT_EQ(b.open(sealed, "totp:user:42"), plain);
    }
}

TEST(SecretBox, SealingTwiceUsesDifferentNonces) {
    init();
    auto b = box(kKeyA);
    EXPECT_NE(b.seal("same", "ad"), b.seal("same", "ad"));
}

TEST(SecretBox, OpenRefusesATamperedCiphertext) {
    init();
    auto b = box(kKeyA);
    auto sealed = b.seal("JBSWY3DPEHPK3PXP", "totp:user:42");
    // Flip one hex digit in the nonce, the ciphertext and the tag in turn.
    for (std::size_t pos : {std::size_t{3}, std::size_t{3 + 48 + 2}, sealed.size() - 1}) {
        auto tampered = sealed;
        tampered[pos] = tampered[pos] == '0' ? '1' : '0';
        auto opened = b.open(tampered, "totp:user:42");
        ASSERT_FALSE(opened.has_value()) << "position " << pos;
        EXPECT_EQ(opened.error().code, ErrorCode::internal);
    }
}

TEST(SecretBox, OpenRefusesOtherAssociatedData) {
    init();
    auto b = box(kKeyA);
    auto sealed = b.seal("JBSWY3DPEHPK3PXP", "totp:user:42");
    EXPECT_FALSE(b.open(sealed, "totp:user:43").has_value());
    EXPECT_FALSE(b.open(sealed, "").has_value());
}

TEST(SecretBox, OpenRefusesAnotherKey) {
    init();
    auto sealed = box(kKeyA).seal("JBSWY3DPEHPK3PXP", "totp:user:42");
    EXPECT_FALSE(box(kKeyB).open(sealed, "totp:user:42").has_value());
}

TEST(SecretBox, OpenRefusesGarbageAndTruncatedInput) {
    init();
    auto b = box(kKeyA);
    auto sealed = b.seal("JBSWY3DPEHPK3PXP", "ad");
    EXPECT_FALSE(b.open("", "ad").has_value());
    EXPECT_FALSE(b.open("v1:", "ad").has_value());
    EXPECT_FALSE(b.open("v1:zz", "ad").has_value());
    EXPECT_FALSE(b.open("JBSWY3DPEHPK3PXP", "ad").has_value());
    EXPECT_FALSE(b.open("v2:" + sealed.substr(3), "ad").has_value());
    EXPECT_FALSE(b.open(sealed.substr(3), "ad").has_value());                     // no prefix
    EXPECT_FALSE(b.open(sealed.substr(0, sealed.size() - 1), "ad").has_value());  // odd length
    EXPECT_FALSE(b.open(sealed.substr(0, sealed.size() - 2), "ad").has_value());  // one byte short
    EXPECT_FALSE(b.open(sealed.substr(0, 3 + 2 * 40 - 2), "ad").has_value());     // shorter than nonce + tag
    EXPECT_FALSE(b.open(sealed + "00", "ad").has_value());
    auto with_space = sealed;
    with_space[10] = ' ';
    EXPECT_FALSE(b.open(with_space, "ad").has_value());
}

TEST(SecretBox, FromHexRequires64HexDigits) {
    EXPECT_TRUE(SecretBox::from_hex(kKeyA).has_value());
    EXPECT_FALSE(SecretBox::from_hex("").has_value());
    EXPECT_FALSE(SecretBox::from_hex(kKeyA.substr(0, 62)).has_value());
    EXPECT_FALSE(SecretBox::from_hex(kKeyA + "00").has_value());
    EXPECT_FALSE(SecretBox::from_hex(kKeyA.substr(0, 63) + "g").has_value());
    EXPECT_FALSE(SecretBox::from_hex(" " + kKeyA.substr(1)).has_value());
}

TEST(SecretBox, CopiesShareTheKey) {
    init();
    auto a = box(kKeyA);
    SecretBox copy = a;
    EXPECT_EQ(copy.open(a.seal("x", "ad"), "ad"), "x");
}

TEST_F(SecretBoxFile, CreatesAMissingKeyFileWithMode0600AndRereadsTheSameKey) {
    auto file = dir_ / "nested" / "dir" / "secret.key";
    auto first = SecretBox::from_file(file, true);
    ASSERT_TRUE(first.has_value()) << first.error().public_message;
    ASSERT_TRUE(fs::exists(file));
    struct stat st {};
    ASSERT_EQ(::stat(file.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600);
    EXPECT_EQ(fs::file_size(file), 65u);  // 64 hex digits and a newline

    auto again = SecretBox::from_file(file, true);
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(again->open(first->seal("seed", "ad"), "ad"), "seed");
    // And it is not a fixed key: another file gets another key.
    auto other = SecretBox::from_file(dir_ / "other.key", true);
    ASSERT_TRUE(other.has_value());
    EXPECT_FALSE(other->open(first->seal("seed", "ad"), "ad").has_value());
}

TEST_F(SecretBoxFile, MissingFileWithoutCreateIsAnErrorNamingTheFile) {
    auto file = dir_ / "absent.key";
    auto b = SecretBox::from_file(file, false);
    ASSERT_FALSE(b.has_value());
    EXPECT_NE(b.error().public_message.find(file.string()), std::string::npos);
    EXPECT_FALSE(fs::exists(file));
}

TEST_F(SecretBoxFile, ReadsAKeyWithSurroundingWhitespace) {
    auto file = dir_ / "k.key";
    write(file, "\n  " + kKeyA + " \r\n");
    auto b = SecretBox::from_file(file, false);
    ASSERT_TRUE(b.has_value());
    EXPECT_EQ(box(kKeyA).open(b->seal("x", "ad"), "ad"), "x");
}

TEST_F(SecretBoxFile, RefusesBadContentWithAMessageNamingTheFile) {
    auto file = dir_ / "bad.key";
    for (std::string content : {std::string(), std::string("not a key\n"), kKeyA.substr(0, 62), kKeyA + kKeyB,
                                kKeyA.substr(0, 32) + " " + kKeyA.substr(32), std::string(10000, 'a')}) {
        write(file, content);
        auto b = SecretBox::from_file(file, true);
        ASSERT_FALSE(b.has_value()) << content;
        EXPECT_NE(b.error().public_message.find(file.string()), std::string::npos) << b.error().public_message;
        EXPECT_NE(b.error().public_message.find("64 hexadecimal digits"), std::string::npos);
    }
    // The bad file is left alone, not replaced by a new key.
    std::ifstream in(file);
    std::string kept((std::istreambuf_iterator<char>(in)), {});
    EXPECT_EQ(kept, std::string(10000, 'a'));
}

}  // namespace
}  // namespace comptoir::crypto
