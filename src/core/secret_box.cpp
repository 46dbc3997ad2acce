#include "core/secret_box.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

namespace comptoir::crypto {
namespace {

constexpr std::string_view kPrefix = "v1:";
constexpr std::size_t kKeyBytes = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
// A key file holds 64 hex digits and a newline; anything much larger is not one.
constexpr std::streamsize kMaxKeyFileBytes = 4096;

static_assert(kKeyBytes == 32, "the header stores a 32-byte key");

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

std::string_view trim(std::string_view s) {
    constexpr std::string_view kSpace = " \t\r\n\f\v";
    auto first = s.find_first_not_of(kSpace);
    if (first == std::string_view::npos) return {};
    auto last = s.find_last_not_of(kSpace);
    return s.substr(first, last - first + 1);
}

// Decodes exactly `out.size() * 2` hex digits (no separators); false otherwise.
bool decode_hex(std::string_view hex, unsigned char* out, std::size_t out_size) {
    if (hex.size() != out_size * 2) return false;
    std::size_t written = 0;
    const char* end = nullptr;
    if (sodium_hex2bin(out, out_size, hex.data(), hex.size(), nullptr, &written, &end) != 0) return false;
    return written == out_size && end == hex.data() + hex.size();
}

Error file_error(const std::filesystem::path& file, std::string what) {
    return Error{ErrorCode::internal, "secret key file " + file.string() + ": " + what, {}};
}

// Writes a fresh random key with mode 0600. O_EXCL so two processes starting
// together cannot both write (the loser reads the winner's key); false with
// errno == EEXIST in that case.
Result<bool> create_key_file(const std::filesystem::path& file) {
    std::error_code ec;
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
    if (ec) return std::unexpected(file_error(file, "cannot create its directory: " + ec.message()));

    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST) return false;
        return std::unexpected(file_error(file, std::string("cannot create: ") + std::strerror(errno)));
    }
    unsigned char key[kKeyBytes];
    randombytes_buf(key, sizeof key);
    char hex[kKeyBytes * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, key, sizeof key);
    sodium_memzero(key, sizeof key);
    hex[kKeyBytes * 2] = '\n';
    // fchmod: the umask could only narrow 0600, but an explicit mode states the intent.
    bool ok =
        ::fchmod(fd, 0600) == 0 && ::write(fd, hex, sizeof hex) == static_cast<ssize_t>(sizeof hex) && ::fsync(fd) == 0;
    int saved = errno;
    sodium_memzero(hex, sizeof hex);
    ::close(fd);
    if (!ok) {
        std::filesystem::remove(file, ec);  // never leave a half-written key behind
        return std::unexpected(file_error(file, std::string("cannot write: ") + std::strerror(saved)));
    }
    return true;
}

}  // namespace

Result<SecretBox> SecretBox::from_hex(std::string_view hex) {
    SecretBox box;
    if (!decode_hex(hex, box.key_, sizeof box.key_))
        return fail(ErrorCode::invalid_input, "the secret key must be 64 hexadecimal digits (32 bytes)");
    return box;
}

Result<SecretBox> SecretBox::from_file(const std::filesystem::path& file, bool create_if_missing) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) {
        if (!create_if_missing) return std::unexpected(file_error(file, "does not exist"));
        auto created = create_key_file(file);
        if (!created) return std::unexpected(created.error());
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::unexpected(file_error(file, std::string("cannot be read: ") + std::strerror(errno)));
    std::string content(kMaxKeyFileBytes + 1, '\0');
    in.read(content.data(), kMaxKeyFileBytes + 1);
    content.resize(static_cast<std::size_t>(in.gcount()));
    auto box = from_hex(trim(content));
    sodium_memzero(content.data(), content.size());
    if (!box) return std::unexpected(file_error(file, "must contain exactly 64 hexadecimal digits (32 bytes)"));
    return box;
}

SecretBox::~SecretBox() { sodium_memzero(key_, sizeof key_); }

std::string SecretBox::seal(std::string_view plaintext, std::string_view associated) const {
    std::vector<unsigned char> buf(kNonceBytes + plaintext.size() + kTagBytes);
    unsigned char* nonce = buf.data();
    randombytes_buf(nonce, kNonceBytes);
    unsigned long long ct_len = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(buf.data() + kNonceBytes, &ct_len, bytes(plaintext), plaintext.size(),
                                               bytes(associated), associated.size(), nullptr, nonce, key_);
    std::string out(kPrefix);
    std::string hex(buf.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), buf.data(), buf.size());
    hex.pop_back();
    return out + hex;
}

Result<std::string> SecretBox::open(std::string_view sealed, std::string_view associated) const {
    auto refuse = [](std::string detail) {
        return fail(ErrorCode::internal, "a stored secret could not be decrypted", std::move(detail));
    };
    if (!sealed.starts_with(kPrefix)) return refuse("sealed value: unknown format");
    std::string_view hex = sealed.substr(kPrefix.size());
    if (hex.size() % 2 != 0 || hex.size() / 2 < kNonceBytes + kTagBytes) return refuse("sealed value: too short");
    std::vector<unsigned char> buf(hex.size() / 2);
    if (!decode_hex(hex, buf.data(), buf.size())) return refuse("sealed value: not hexadecimal");

    std::string plain(buf.size() - kNonceBytes - kTagBytes, '\0');
    unsigned long long plain_len = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plain.data()), &plain_len, nullptr,
                                                   buf.data() + kNonceBytes, buf.size() - kNonceBytes,
                                                   bytes(associated), associated.size(), buf.data(), key_) != 0)
        return refuse("sealed value: authentication failed (wrong key, wrong associated data or tampered)");
    plain.resize(plain_len);
    return plain;
}

}  // namespace comptoir::crypto
