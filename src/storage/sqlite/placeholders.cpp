#include "storage/sqlite/placeholders.hpp"

namespace comptoir::storage::sqlite {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Index just past the quoted run starting at `i` (which holds the opening
// quote). A doubled closing quote ('' or "") is an escaped quote, not the end.
std::size_t skip_quoted(std::string_view sql, std::size_t i, char close) {
    for (std::size_t j = i + 1; j < sql.size(); ++j) {
        if (sql[j] != close) continue;
        if (close != ']' && j + 1 < sql.size() && sql[j + 1] == close) {
            ++j;
            continue;
        }
        return j + 1;
    }
    return sql.size();  // unterminated: SQLite will report the syntax error
}

}  // namespace

std::string translate_placeholders(std::string_view sql) {
    std::string out;
    out.reserve(sql.size());
    std::size_t i = 0;
    while (i < sql.size()) {
        char c = sql[i];
        std::size_t next = i + 1;
        if (c == '\'' || c == '"' || c == '`') {
            next = skip_quoted(sql, i, c);
        } else if (c == '[') {
            next = skip_quoted(sql, i, ']');
        } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            auto eol = sql.find('\n', i);
            next = eol == std::string_view::npos ? sql.size() : eol + 1;
        } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
            auto end = sql.find("*/", i + 2);
            next = end == std::string_view::npos ? sql.size() : end + 2;
        } else if (c == '$' && i + 1 < sql.size() && is_digit(sql[i + 1])) {
            out += '?';
            ++i;
            continue;
        }
        out.append(sql.substr(i, next - i));
        i = next;
    }
    return out;
}

}  // namespace comptoir::storage::sqlite
