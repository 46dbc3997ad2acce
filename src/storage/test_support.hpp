#pragma once
// Helpers shared by the storage tests (header-only: test binaries only).
#include <unistd.h>

#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>

namespace comptoir::storage::test_support {

/// Random lower-case letters and digits, for names that must not collide between runs.
inline std::string random_suffix(std::size_t length = 12) {
    static constexpr char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::random_device device;
    std::uniform_int_distribution<std::size_t> pick(0, sizeof alphabet - 2);
    std::string out;
    for (std::size_t i = 0; i < length; ++i) out += alphabet[pick(device)];
    return out;
}

/// A new empty directory under the system temp directory; the caller removes it.
inline std::filesystem::path make_temp_dir(const std::string& prefix) {
    auto dir = std::filesystem::temp_directory_path() / (prefix + "_" + random_suffix());
    std::filesystem::create_directories(dir);
    return dir;
}

/// The repository root (holding migrations/), found from the working directory
/// (ctest runs tests there) or, failing that, from the test binary's location.
inline std::filesystem::path source_root() {
    auto search = [](std::filesystem::path from) -> std::filesystem::path {
        for (; !from.empty(); from = from.parent_path()) {
            if (std::filesystem::is_directory(from / "migrations" / "sqlite")) return from;
            if (from == from.parent_path()) break;
        }
        return {};
    };
    if (auto root = search(std::filesystem::current_path()); !root.empty()) return root;
    if (auto root = search(std::filesystem::read_symlink("/proc/self/exe").parent_path()); !root.empty()) return root;
    throw std::runtime_error("cannot find the repository root (a directory holding migrations/sqlite)");
}

}  // namespace comptoir::storage::test_support
