#include "http/request_id.hpp"

#include <cstdint>
#include <random>

namespace comptoir::http {

namespace {

// xoshiro256**: ids must be unique, not secret, and one is made per request,
// so a per-thread generator seeded from the OS avoids a syscall each time.
class FastRandom {
  public:
    FastRandom() {
        std::random_device device;
        for (auto& word : state_) word = (std::uint64_t{device()} << 32) | device();
    }
    std::uint64_t next() {
        std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
        std::uint64_t t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = rotl(state_[3], 45);
        return result;
    }

  private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t state_[4];
};

}  // namespace

bool is_acceptable_request_id(std::string_view id) {
    if (id.empty() || id.size() > 64) return false;
    for (char c : id) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                  c == '-';
        if (!ok) return false;
    }
    return true;
}

std::string new_request_id() {
    thread_local FastRandom random;
    static constexpr char digits[] = "0123456789abcdef";
    std::string id(32, '0');
    for (int half = 0; half < 2; ++half) {
        std::uint64_t bits = random.next();
        for (int i = 0; i < 16; ++i, bits >>= 4) id[half * 16 + i] = digits[bits & 0xF];
    }
    return id;
}

}  // namespace comptoir::http
