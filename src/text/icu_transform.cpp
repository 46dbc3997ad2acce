#include "text/icu_transform.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>

namespace comptoir::text::detail {
namespace {

icu::UnicodeString to_icu(std::string_view utf8) {
    return icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
}

std::unique_ptr<icu::Transliterator> build(std::string_view transform_id) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> transliterator(
        icu::Transliterator::createInstance(to_icu(transform_id), UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !transliterator) {
        throw std::runtime_error("ICU transform \"" + std::string(transform_id) +
                                 "\" unavailable: " + u_errorName(status));
    }
    return transliterator;
}

}  // namespace

std::string transform(std::string_view transform_id, std::string_view utf8) {
    // Per thread, keyed by transform id: the text layer uses two or three ids,
    // so the map stays tiny.
    thread_local std::unordered_map<std::string, std::unique_ptr<icu::Transliterator>> cache;
    auto found = cache.find(std::string(transform_id));
    if (found == cache.end()) found = cache.emplace(std::string(transform_id), build(transform_id)).first;

    // ICU string lengths are int32_t; the callers bound their input far below that.
    icu::UnicodeString text = to_icu(utf8.substr(0, std::min<std::size_t>(utf8.size(), INT32_MAX)));
    found->second->transliterate(text);
    std::string out;
    text.toUTF8String(out);
    return out;
}

}  // namespace comptoir::text::detail
