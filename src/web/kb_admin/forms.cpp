#include "web/kb_admin/forms.hpp"

#include <unicode/gregocal.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>
#include <boost/url/encoding_opts.hpp>
#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>

#include <charconv>
#include <memory>

#include "web/account/time_zones.hpp"

namespace comptoir::web::kb_admin {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

// Exactly `width` ASCII digits at `at`.
std::optional<int> digits(std::string_view text, std::size_t at, std::size_t width) {
    if (at + width > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = at; i < at + width; ++i) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

bool leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && leap(year) ? 29 : kDays[month - 1];
}

std::unique_ptr<icu::TimeZone> zone(std::string_view name) {
    const std::string_view id = time_zone_exists(name) ? name : std::string_view("UTC");
    return std::unique_ptr<icu::TimeZone>(
        icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(icu::StringPiece(id.data(), id.size()))));
}

std::string two(int n) { return n < 10 ? "0" + std::to_string(n) : std::to_string(n); }

}  // namespace

std::vector<std::string> split_labels(std::string_view text) {
    std::vector<std::string> labels;
    while (true) {
        const auto comma = text.find(',');
        const auto piece = trim(text.substr(0, comma));
        if (!piece.empty()) labels.emplace_back(piece);
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    return labels;
}

std::string join_labels(const std::vector<std::string>& labels) {
    std::string out;
    for (const auto& label : labels) {
        if (!out.empty()) out += ", ";
        out += label;
    }
    return out;
}

std::optional<std::int64_t> parse_local_date_time(std::string_view text, std::string_view time_zone) {
    // YYYY-MM-DDTHH:MM[:SS], what <input type="datetime-local"> sends.
    if (text.size() != 16 && text.size() != 19) return std::nullopt;
    if (text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':') return std::nullopt;
    if (text.size() == 19 && text[16] != ':') return std::nullopt;
    const auto year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
    const auto hour = digits(text, 11, 2), minute = digits(text, 14, 2);
    const auto second = text.size() == 19 ? digits(text, 17, 2) : std::optional<int>(0);
    if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
    if (*year < 1970 || *month < 1 || *month > 12 || *day < 1 || *day > days_in_month(*year, *month) || *hour > 23 ||
        *minute > 59 || *second > 59)
        return std::nullopt;

    // The fields are checked above, so the calendar may stay lenient: that is
    // what lets a wall time skipped by a DST change move to the next valid one.
    UErrorCode status = U_ZERO_ERROR;
    icu::GregorianCalendar calendar(zone(time_zone).release(), status);
    if (U_FAILURE(status)) return std::nullopt;
    calendar.setSkippedWallTimeOption(UCAL_WALLTIME_NEXT_VALID);
    calendar.setRepeatedWallTimeOption(UCAL_WALLTIME_FIRST);
    calendar.clear();
    calendar.set(*year, *month - 1, *day, *hour, *minute, *second);
    const UDate millis = calendar.getTime(status);
    if (U_FAILURE(status)) return std::nullopt;
    return static_cast<std::int64_t>(millis / 1000);
}

std::string format_local_date_time(std::int64_t unix_seconds, std::string_view time_zone) {
    UErrorCode status = U_ZERO_ERROR;
    icu::GregorianCalendar calendar(zone(time_zone).release(), status);
    if (U_FAILURE(status)) return {};
    calendar.setTime(static_cast<UDate>(unix_seconds) * 1000.0, status);
    const int year = calendar.get(UCAL_YEAR, status);
    const int month = calendar.get(UCAL_MONTH, status) + 1;
    const int day = calendar.get(UCAL_DATE, status);
    const int hour = calendar.get(UCAL_HOUR_OF_DAY, status);
    const int minute = calendar.get(UCAL_MINUTE, status);
    if (U_FAILURE(status) || year < 1000 || year > 9999) return {};
    return std::to_string(year) + "-" + two(month) + "-" + two(day) + "T" + two(hour) + ":" + two(minute);
}

std::vector<std::string> form_values(std::string_view body, std::string_view name) {
    std::vector<std::string> values;
    // A malformed body reads as "no such field", as Request::form_param does.
    if (!boost::urls::parse_query(body)) return values;
    for (const auto& param : boost::urls::params_view(body, boost::urls::encoding_opts(true))) {
        if (param.key == name) values.push_back(param.value);
    }
    return values;
}

std::optional<std::int64_t> parse_id(std::string_view text) {
    if (text.empty() || text.size() > 18) return std::nullopt;
    std::int64_t id = 0;
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, id);
    if (ec != std::errc() || ptr != end || id <= 0) return std::nullopt;
    return id;
}

std::optional<int> parse_direction(std::string_view text) {
    if (text == "up") return -1;
    if (text == "down") return 1;
    return std::nullopt;
}

}  // namespace comptoir::web::kb_admin
