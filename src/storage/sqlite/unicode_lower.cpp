#include "storage/sqlite/unicode_lower.hpp"

#include <sqlite3.h>
#include <unicode/ustring.h>

#include <string>
#include <vector>

namespace comptoir::storage::sqlite {
namespace {

// UTF-8 → UTF-16 → lower → UTF-8 with ICU's C API; false when `in` is not UTF-8.
bool unicode_lower(const char* in, int length, std::string& out) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t units = 0;
    u_strFromUTF8(nullptr, 0, &units, in, length, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return false;
    std::vector<UChar> text(static_cast<std::size_t>(units) + 1);
    status = U_ZERO_ERROR;
    u_strFromUTF8(text.data(), units + 1, nullptr, in, length, &status);
    if (U_FAILURE(status)) return false;

    // Lower-casing may lengthen the text (İ → i̇): measure, then convert.
    status = U_ZERO_ERROR;
    const int32_t lowered_units = u_strToLower(nullptr, 0, text.data(), units, "", &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return false;
    std::vector<UChar> lowered(static_cast<std::size_t>(lowered_units) + 1);
    status = U_ZERO_ERROR;
    u_strToLower(lowered.data(), lowered_units + 1, text.data(), units, "", &status);
    if (U_FAILURE(status)) return false;

    status = U_ZERO_ERROR;
    int32_t bytes = 0;
    u_strToUTF8(nullptr, 0, &bytes, lowered.data(), lowered_units, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return false;
    out.assign(static_cast<std::size_t>(bytes) + 1, '\0');
    status = U_ZERO_ERROR;
    u_strToUTF8(out.data(), bytes + 1, nullptr, lowered.data(), lowered_units, &status);
    if (U_FAILURE(status)) return false;
    out.resize(static_cast<std::size_t>(bytes));
    return true;
}

void lower_function(sqlite3_context* context, int, sqlite3_value** args) {
    if (sqlite3_value_type(args[0]) == SQLITE_NULL) {
        sqlite3_result_null(context);
        return;
    }
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(args[0]));
    const int length = sqlite3_value_bytes(args[0]);
    if (text == nullptr) {
        sqlite3_result_error_nomem(context);
        return;
    }
    std::string lowered;
    if (!unicode_lower(text, length, lowered)) {
        sqlite3_result_value(context, args[0]);
        return;
    }
    sqlite3_result_text64(context, lowered.data(), lowered.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

}  // namespace

int register_unicode_lower(sqlite3* db) {
    return sqlite3_create_function_v2(db, "lower", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                      lower_function, nullptr, nullptr, nullptr);
}

}  // namespace comptoir::storage::sqlite
