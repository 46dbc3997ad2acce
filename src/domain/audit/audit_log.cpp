#include "domain/audit/audit_log.hpp"

#include <boost/json.hpp>

#include "core/crypto.hpp"

namespace comptoir::audit {
namespace {

constexpr std::string_view kGenesis = "0000000000000000000000000000000000000000000000000000000000000000";

std::string details_json(const std::map<std::string, std::string>& details) {
    boost::json::object object;
    for (const auto& [key, value] : details) object[key] = value;
    return boost::json::serialize(object);
}

std::string opt(const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : std::string("-"); }

// Each field is length-prefixed, so no choice of values can make two
// different entries serialise alike.
std::string entry_hash(std::string_view prev_hash, std::int64_t at, const Event& e, std::string_view details) {
    std::string canonical;
    auto field = [&](std::string_view v) {
        canonical += std::to_string(v.size());
        canonical += ':';
        canonical += v;
        canonical += ';';
    };
    field(prev_hash);
    field(std::to_string(at));
    field(opt(e.actor_id));
    field(e.actor_email);
    field(opt(e.organisation_id));
    field(e.action);
    field(e.target);
    field(details);
    field(e.client_addr);
    field(e.request_id);
    return crypto::sha256_hex(canonical);
}

constexpr std::string_view kColumns =
    "id, at, actor_id, actor_email, organisation_id, action, target, details, client_addr, request_id, prev_hash, "
    "hash";

Entry read_entry(const storage::Row& row, std::string* prev_hash = nullptr) {
    Entry entry;
    entry.id = row.get<std::int64_t>(0);
    entry.at = row.get<std::int64_t>(1);
    entry.event.actor_id = row.get_opt<std::int64_t>(2);
    entry.event.actor_email = row.get<std::string>(3);
    entry.event.organisation_id = row.get_opt<std::int64_t>(4);
    entry.event.action = row.get<std::string>(5);
    entry.event.target = row.get<std::string>(6);
    entry.details_json = row.get<std::string>(7);
    entry.event.client_addr = row.get<std::string>(8);
    entry.event.request_id = row.get<std::string>(9);
    if (prev_hash) *prev_hash = row.get<std::string>(10);
    entry.hash = row.get<std::string>(11);
    try {
        auto parsed = boost::json::parse(entry.details_json);
        if (auto* object = parsed.if_object())
            for (const auto& [key, value] : *object)
                if (value.is_string()) entry.event.details[std::string(key)] = std::string(value.as_string());
    } catch (const std::exception&) {
        // Details are shown as stored; a malformed value is still covered by the hash.
    }
    return entry;
}

}  // namespace

Result<void> AuditLog::append(storage::Transaction& tx, const Event& event, std::int64_t now) const {
    // Appends from several nodes must see each other's last hash: serialise them.
    if (backend_ == storage::Backend::postgres) {
        if (auto locked = tx.query("SELECT pg_advisory_xact_lock(7411001)"); !locked)
            return std::unexpected(locked.error());
    }
    auto last = tx.query("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1");
    if (!last) return std::unexpected(last.error());
    std::string prev = last->empty() ? std::string(kGenesis) : last->one().get<std::string>(0);
    const std::string details = details_json(event.details);
    const std::string hash = entry_hash(prev, now, event, details);
    auto inserted = tx.query_with(
        "INSERT INTO audit_log (at, actor_id, actor_email, organisation_id, action, target, details, client_addr, "
        "request_id, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        now, event.actor_id, event.actor_email, event.organisation_id, event.action, event.target, details,
        event.client_addr, event.request_id, prev, hash);
    if (!inserted) return std::unexpected(inserted.error());
    return {};
}

Result<std::vector<Entry>> AuditLog::list(storage::Transaction& tx, const Filter& filter) const {
    // One constant statement: each filter is "parameter IS NULL OR condition".
    const std::string sql = std::string("SELECT ") + std::string(kColumns) +
                            " FROM audit_log WHERE (CAST($1 AS BIGINT) IS NULL OR organisation_id = $1)"
                            " AND ($2 = '' OR action = $2 OR action LIKE $3 ESCAPE '!')"
                            " AND ($4 = '' OR actor_email = $4)"
                            " AND (CAST($5 AS BIGINT) IS NULL OR at >= $5)"
                            " AND (CAST($6 AS BIGINT) IS NULL OR at <= $6)"
                            " AND (CAST($7 AS BIGINT) IS NULL OR id < $7)"
                            " ORDER BY id DESC LIMIT $8";
    // The prefix is matched literally: LIKE's wildcards in it are escaped.
    std::string like;
    for (char c : filter.action_prefix) {
        if (c == '%' || c == '_' || c == '!') like += '!';
        like += c;
    }
    like += ".%";
    auto rows = tx.query_with(sql, filter.organisation_id, filter.action_prefix, like, filter.actor_email, filter.from,
                              filter.to, filter.before_id, static_cast<std::int64_t>(std::clamp(filter.limit, 1, 500)));
    if (!rows) return std::unexpected(rows.error());
    std::vector<Entry> entries;
    entries.reserve(rows->rows.size());
    for (const auto& row : rows->rows) entries.push_back(read_entry(row));
    return entries;
}

Result<VerifyReport> AuditLog::verify(storage::Database& db) const {
    auto tx = db.read();
    if (!tx) return std::unexpected(tx.error());
    VerifyReport report;
    std::string expected_prev(kGenesis);
    std::int64_t after = 0;
    // In pages, so a long trail does not sit in memory at once.
    const std::string sql =
        std::string("SELECT ") + std::string(kColumns) + " FROM audit_log WHERE id > $1 ORDER BY id LIMIT 1000";
    for (;;) {
        auto rows = tx->query_with(sql, after);
        if (!rows) return std::unexpected(rows.error());
        if (rows->empty()) break;
        for (const auto& row : rows->rows) {
            std::string prev;
            Entry entry = read_entry(row, &prev);
            ++report.entries;
            after = entry.id;
            if (report.first_broken_id) continue;
            if (prev != expected_prev || entry_hash(prev, entry.at, entry.event, entry.details_json) != entry.hash)
                report.first_broken_id = entry.id;
            expected_prev = entry.hash;
        }
    }
    return report;
}

}  // namespace comptoir::audit
