#pragma once
// What a new password must be: 12 to 128 characters (Unicode code points,
// counted after checking the bytes are UTF-8; never truncated), and not one of
// the most common passwords (compared case-insensitively for ASCII).
#include <cstddef>
#include <string_view>

namespace comptoir::passwords {

inline constexpr std::size_t kMinLength = 12;
inline constexpr std::size_t kMaxLength = 128;

enum class Problem { none, too_short, too_long, too_common, not_utf8 };

/// The first problem found, in the order not_utf8, too_short, too_long, too_common.
Problem check(std::string_view password);

}  // namespace comptoir::passwords
