// GET /admin/audit — the audit trail, newest first, filtered by organisation,
// action prefix, actor e-mail and dates, paged by "older than entry N".
// POST /admin/audit/verify — the same page with the result of verifying the
// whole hash chain, which reads every entry: asked for, not done on each view
// (the trail grows with every sign-in).
#include <fmt/chrono.h>

#include <boost/url/url.hpp>
#include <charconv>
#include <ctime>

#include "domain/accounts/users.hpp"
#include "domain/audit/audit_log.hpp"
#include "web/api/actions.hpp"
#include "web/api/api_keys_view.hpp"
#include "web/dictionary.hpp"
#include "web/errors.hpp"
#include "web/page.hpp"

namespace comptoir::web {
namespace {

constexpr int kPageSize = 50;

std::optional<std::int64_t> parse_positive(std::string_view text) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value <= 0) return std::nullopt;
    return value;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

/// "2026-05-14" → the unix second starting that day (UTC); nullopt when not a real date.
std::optional<std::int64_t> parse_day(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto number = [&](std::size_t at, std::size_t length) -> std::optional<unsigned> {
        unsigned value = 0;
        auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + length, value);
        if (ec != std::errc{} || end != text.data() + at + length) return std::nullopt;
        return value;
    };
    auto y = number(0, 4), m = number(5, 2), d = number(8, 2);
    if (!y || !m || !d || *y < 1970 || *m < 1 || *m > 12 || *d < 1) return std::nullopt;
    static constexpr unsigned kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
    if (*d > kDays[*m - 1] || (*m == 2 && *d == 29 && !leap)) return std::nullopt;
    return days_from_civil(*y, *m, *d) * 86400;
}

struct Filters {
    std::string organisation, action, actor, from, to;  // as typed, shown back in the form
    audit::Filter filter;
    bool valid = true;
};

Filters read_filters(const http::Request& request) {
    Filters f;
    auto param = [&](std::string_view name) {
        std::string value = request.query_param(name).value_or("");
        if (value.size() > 254) value.clear();
        return value;
    };
    f.organisation = param("organisation");
    f.action = param("action");
    f.actor = param("actor");
    f.from = param("from");
    f.to = param("to");
    if (!f.organisation.empty()) {
        f.filter.organisation_id = parse_positive(f.organisation);
        f.valid = f.valid && f.filter.organisation_id.has_value();
    }
    f.filter.action_prefix = f.action;
    while (!f.filter.action_prefix.empty() && f.filter.action_prefix.back() == '.') f.filter.action_prefix.pop_back();
    f.filter.actor_email = accounts::normalise_email(f.actor);
    if (!f.from.empty()) {
        f.filter.from = parse_day(f.from);
        f.valid = f.valid && f.filter.from.has_value();
    }
    if (!f.to.empty()) {
        auto day = parse_day(f.to);
        if (day) f.filter.to = *day + 86399;
        f.valid = f.valid && day.has_value();
    }
    if (auto before = request.query_param("before_id")) {
        f.filter.before_id = parse_positive(*before);
        f.valid = f.valid && f.filter.before_id.has_value();
    }
    f.filter.limit = kPageSize + 1;  // one more tells whether an older page exists
    return f;
}

std::string next_url(const Filters& f, std::int64_t before_id) {
    boost::urls::url url("/admin/audit");
    auto params = url.params();
    if (!f.organisation.empty()) params.append({"organisation", f.organisation});
    if (!f.action.empty()) params.append({"action", f.action});
    if (!f.actor.empty()) params.append({"actor", f.actor});
    if (!f.from.empty()) params.append({"from", f.from});
    if (!f.to.empty()) params.append({"to", f.to});
    params.append({"before_id", std::to_string(before_id)});
    return std::string(url.buffer());
}

// The page, with the chain's verification when there is one.
http::Response render_audit(const Deps& deps, http::Request& request, const Visitor& visitor,
                            const std::optional<audit::VerifyReport>& report) {
    Filters f = read_filters(request);
    Page page(deps, request, visitor, "pages/api/audit", "admin_api.audit.title");
    auto& dict = page.dict();
    dict.SetValue("F_ORGANISATION", f.organisation);
    dict.SetValue("F_ACTION", f.action);
    dict.SetValue("F_ACTOR", f.actor);
    dict.SetValue("F_FROM", f.from);
    dict.SetValue("F_TO", f.to);
    const std::string zone = visitor.principal->time_zone.empty() ? "UTC" : visitor.principal->time_zone;
    dict.SetValue("TIME_ZONE", zone);

    if (!report) {
        dict.ShowSection("NOT_VERIFIED");
    } else if (report->first_broken_id) {
        dict.ShowSection("CHAIN_BROKEN");
        dict.SetValue("BROKEN_TEXT", page.format("admin_api.audit.broken_at", {{"id", *report->first_broken_id}}));
    } else {
        dict.ShowSection("CHAIN_OK");
        dict.SetValue("ENTRY_COUNT_TEXT", page.format("admin_api.audit.entries", {{"count", report->entries}}));
    }

    if (!f.valid) {
        page.set_error("admin_api.audit.error.filter_invalid");
        dict.ShowSection("NO_ENTRIES");
        return page.finish(400);
    }
    std::vector<audit::Entry> entries;
    {
        auto tx = deps.db.read();
        if (!tx) return error_page(deps, tx.error(), request);
        auto listed = deps.services.audit->list(*tx, f.filter);
        if (!listed) return error_page(deps, listed.error(), request);
        entries = std::move(*listed);
    }
    const bool more = entries.size() > static_cast<std::size_t>(kPageSize);
    if (more) entries.resize(kPageSize);
    if (entries.empty())
        dict.ShowSection("NO_ENTRIES");
    else
        dict.ShowSection("HAS_ENTRIES");
    for (const auto& entry : entries) {
        auto* row = dict.AddSectionDictionary("ENTRY");
        row->SetIntValue("ID", entry.id);
        const auto utc = fmt::gmtime(static_cast<std::time_t>(entry.at));
        row->SetValue("WHEN", admin_date(deps, page.lang(), visitor, entry.at));
        row->SetValue("WHEN_UTC", fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", utc));
        row->SetValue("ACTOR", entry.event.actor_email.empty() ? std::string(page.t("admin_api.audit.no_actor"))
                                                               : entry.event.actor_email);
        row->SetValue("ORGANISATION", entry.event.organisation_id ? std::to_string(*entry.event.organisation_id) : "");
        row->SetValue("ACTION", entry.event.action);
        row->SetValue("TARGET", entry.event.target);
        row->SetValue("DETAILS", entry.details_json == "{}" ? std::string() : entry.details_json);
        row->SetValue("ADDRESS", entry.event.client_addr);
        row->SetValue("REQUEST_ID", entry.event.request_id);
    }
    if (more) dict.AddSectionDictionary("NEXT")->SetValue("NEXT_URL", next_url(f, entries.back().id));
    return page.finish();
}

}  // namespace

http::Response audit_page(const Deps& deps, http::Request& request, const Visitor& visitor) {
    if (!deps.services.audit) return error_page(deps, 503, request);
    return render_audit(deps, request, visitor, std::nullopt);
}

http::Response audit_verify(const Deps& deps, http::Request& request, const Visitor& visitor) {
    if (!deps.services.audit) return error_page(deps, 503, request);
    auto report = deps.services.audit->verify(deps.db);
    if (!report) return error_page(deps, report.error(), request);
    return render_audit(deps, request, visitor, *report);
}

}  // namespace comptoir::web
