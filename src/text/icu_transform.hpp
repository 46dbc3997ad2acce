#pragma once
// ICU transforms (transliterators) shared by slug.cpp and words.cpp. Building a
// transliterator parses its rules and takes milliseconds, and an instance is
// not safe to use from two threads at once, so each thread builds each
// transform once and keeps it for its lifetime. Internal to the text layer.
#include <string>
#include <string_view>

namespace comptoir::text::detail {

/// Runs the ICU transform `transform_id` (a compound id such as
/// "Any-Latin; Latin-ASCII; Lower") over UTF-8 text. Invalid UTF-8 becomes
/// U+FFFD first. Throws std::runtime_error if ICU cannot build the transform
/// (missing ICU data: an installation fault, not an input problem).
std::string transform(std::string_view transform_id, std::string_view utf8);

}  // namespace comptoir::text::detail
