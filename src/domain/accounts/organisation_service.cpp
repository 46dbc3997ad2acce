#include "domain/accounts/organisation_service.hpp"

#include <algorithm>
#include <cctype>

#include "core/crypto.hpp"
#include "core/utf8.hpp"
#include "domain/accounts/auth_service.hpp"
#include "domain/accounts/notices.hpp"
#include "domain/accounts/sessions.hpp"
#include "domain/accounts/throttle.hpp"
#include "domain/accounts/tokens.hpp"
#include "domain/accounts/users.hpp"
#include "domain/notify/outbox.hpp"
#include "text/words.hpp"

namespace comptoir::accounts {
namespace {

constexpr std::size_t kMaxNameBytes = 100;
constexpr std::size_t kMaxOrganisationNameChars = 150;  // what the form's maxlength and the message say
constexpr std::size_t kMaxSlugBytes = 60;
constexpr std::size_t kMaxQueryBytes = 200;

constexpr std::string_view kMemberSelect =
    "SELECT u.id, u.organisation_id, COALESCE(o.name, ''), u.email, u.display_name, u.role, u.sees_organisation, "
    "u.active, CASE WHEN u.password_hash IS NULL THEN 1 ELSE 0 END, "
    "CASE WHEN u.mfa_enabled_at IS NULL THEN 0 ELSE 1 END, u.created_at "
    "FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id ";

constexpr std::string_view kOrganisationSelect =
    "SELECT o.id, o.slug, o.name, o.default_language, o.require_mfa, o.active, o.created_at, "
    "(SELECT COUNT(*) FROM users m WHERE m.organisation_id = o.id) "
    "FROM organisations o ";

Member read_member(const storage::Row& row) {
    Member m;
    m.id = row.get<std::int64_t>(0);
    m.organisation_id = row.get_opt<std::int64_t>(1);
    m.organisation_name = row.get<std::string>(2);
    m.email = row.get<std::string>(3);
    m.display_name = row.get<std::string>(4);
    m.role = parse_role(row.get<std::string>(5)).value_or(Role::customer);
    m.sees_organisation = row.get<bool>(6);
    m.active = row.get<bool>(7);
    m.pending = row.get<bool>(8);
    m.mfa_enabled = row.get<bool>(9);
    m.created_at = row.get<std::int64_t>(10);
    return m;
}

Organisation read_organisation(const storage::Row& row) {
    Organisation o;
    o.id = row.get<std::int64_t>(0);
    o.slug = row.get<std::string>(1);
    o.name = row.get<std::string>(2);
    o.default_language = row.get<std::string>(3);
    o.require_mfa = row.get<bool>(4);
    o.active = row.get<bool>(5);
    o.created_at = row.get<std::int64_t>(6);
    o.member_count = row.get<std::int64_t>(7);
    return o;
}

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

// Printable: no control characters (a name ends up in e-mail subjects).
bool valid_name(std::string_view name, std::size_t max_bytes) {
    if (name.empty() || name.size() > max_bytes) return false;
    return std::none_of(name.begin(), name.end(),
                        [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

// An organisation's name, counted in characters (code points), not bytes:
// "Société Générale d'Études" is as long as it looks.
bool valid_organisation_name(std::string_view name) {
    if (!is_valid_utf8(name) || name.size() > 4 * kMaxOrganisationNameChars) return false;
    const auto chars =
        std::count_if(name.begin(), name.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
    return valid_name(name, name.size()) && static_cast<std::size_t>(chars) <= kMaxOrganisationNameChars;
}

// "en", "fr", "pt-br": the page offers only supported ones; this keeps junk out.
bool valid_language(std::string_view lang) {
    if (lang.size() < 2 || lang.size() > 8) return false;
    return std::all_of(lang.begin(), lang.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; });
}

bool valid_slug(std::string_view slug) {
    if (slug.empty() || slug.size() > kMaxSlugBytes || slug.front() == '-' || slug.back() == '-') return false;
    return std::all_of(slug.begin(), slug.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

// "Boulangerie Martin & Fils" -> "boulangerie-martin-fils"; non-ASCII letters are dropped.
std::string slug_from(std::string_view name) {
    std::string slug;
    for (char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) && u < 0x80) {
            slug += static_cast<char>(std::tolower(u));
        } else if (!slug.empty() && slug.back() != '-') {
            slug += '-';
        }
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    if (slug.size() > kMaxSlugBytes) slug.resize(kMaxSlugBytes);
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return slug;
}

std::string user_target(std::int64_t id) { return "user:" + std::to_string(id); }
std::string bool_text(bool b) { return b ? "1" : "0"; }

// Turns Result<T> into an early return of its error.
#define COMPTOIR_TRY(expr)                                                                                            \
    do {                                                                                                              \
        if (auto comptoir_try_r = (expr); !comptoir_try_r) return std::unexpected(std::move(comptoir_try_r.error())); \
    } while (false)

// The one row `sql` (constant text; $1 is the organisation id) reads about organisation `org_id`.
Result<storage::Row> organisation_row(storage::Transaction& tx, std::string_view sql, std::int64_t org_id) {
    auto rows = tx.query_with(sql, org_id);
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return fail(ErrorCode::not_found, "organisation.error.not_found");
    return rows->one();
}

// An account waiting for its invitation to be accepted: no password yet.
constexpr std::string_view kInsertInvitee =
    "INSERT INTO users (organisation_id, email, display_name, role, language, password_hash, "
    "sees_organisation, active, email_verified, created_at) "
    "VALUES ($1, $2, $3, $4, $5, NULL, $6, 1, 0, $7) RETURNING id";

struct Invitee {
    std::string email;
    std::string display_name;
    std::string language;
};

// Issues `user_id` an invitation token and e-mails its link to `invitee`.
Result<void> send_invitation(storage::Transaction& tx, std::int64_t user_id, const Invitee& invitee,
                             const Principal& inviter, const std::string& organisation, const RequestMeta& meta,
                             std::int64_t ttl, std::int64_t now) {
    auto token = tokens::issue(tx, TokenPurpose::invitation, user_id, now, ttl);
    if (!token) return std::unexpected(token.error());
    notify::Email mail{invitee.email,
                       invitee.language,
                       "invitation",
                       {{"name", invitee.display_name},
                        {"inviter", inviter.display_name},
                        {"organisation", organisation},
                        {"link", meta.base_url + "/invitation?token=" + *token},
                        {"days", std::to_string(std::max<std::int64_t>(1, ttl / 86400))}}};
    COMPTOIR_TRY(notify::enqueue(tx, mail, now));
    return {};
}

// Someone asked for an account at an address that has one: no second account,
// and the owner is told someone tried (with the ways back in).
Result<void> tell_owner_of_existing(storage::Transaction& tx, const UserRecord& user, const RequestMeta& meta,
                                    std::int64_t now) {
    notify::Email mail{user.email,
                       user.language,
                       "signup_existing",
                       {{"name", user.display_name},
                        {"signin_link", meta.base_url + "/sign-in"},
                        {"reset_link", meta.base_url + "/password/forgot"}}};
    COMPTOIR_TRY(notify::enqueue(tx, mail, now));
    return {};
}

// Role and active changes to one account inside an open transaction, shared by
// organisation admins ("member.*" audit actions) and staff ("user.*"): each is
// recorded under the account's organisation, and sessions end where rights change.
struct AccountUpdate {
    storage::Transaction& tx;
    const Sessions& sessions;
    const audit::AuditLog& audit;
    const RequestMeta& meta;
    const Principal& who;
    const UserRecord& user;
    std::string_view prefix;  // "member" or "user"
    std::int64_t now;

    Result<void> record(std::string_view what, std::map<std::string, std::string> details = {}) const {
        auto event = audit_event(meta, std::string(prefix) + "." + std::string(what), &who, user_target(user.id),
                                 std::move(details));
        event.organisation_id = user.organisation_id;
        return audit.append(tx, event, now);
    }

    // A privilege change: the account signs in again under the new role.
    Result<void> set_role(Role role) const {
        COMPTOIR_TRY(tx.query_with("UPDATE users SET role = $1 WHERE id = $2", to_string(role), user.id));
        auto ended = sessions.revoke_all(tx, user.id);
        if (!ended) return std::unexpected(ended.error());
        return record("role_changed", {{"from", std::string(to_string(user.role))},
                                       {"to", std::string(to_string(role))},
                                       {"sessions_ended", std::to_string(*ended)}});
    }

    Result<void> set_active(bool active) const {
        COMPTOIR_TRY(tx.query_with("UPDATE users SET active = $1 WHERE id = $2", active, user.id));
        if (active) return record("reactivated");
        auto ended = sessions.revoke_all(tx, user.id);
        if (!ended) return std::unexpected(ended.error());
        return record("deactivated", {{"sessions_ended", std::to_string(*ended)}});
    }
};

}  // namespace

// ------------------------------------------------------------ organisation members

Result<Organisation> OrganisationService::get_organisation(const Principal& who, std::int64_t org_id) const {
    if (!who.manages(org_id)) return fail(ErrorCode::not_found, "organisation.error.not_found");
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    auto row = organisation_row(*tx, std::string(kOrganisationSelect) + "WHERE o.id = $1", org_id);
    if (!row) return std::unexpected(row.error());
    return read_organisation(*row);
}

Result<std::vector<Member>> OrganisationService::list_members(const Principal& who, std::int64_t org_id) const {
    if (!who.manages(org_id)) return fail(ErrorCode::not_found, "organisation.error.not_found");
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    COMPTOIR_TRY(organisation_row(*tx, "SELECT 1 FROM organisations WHERE id = $1", org_id));
    auto rows = tx->query_with(
        std::string(kMemberSelect) + "WHERE u.organisation_id = $1 ORDER BY LOWER(u.display_name), u.id", org_id);
    if (!rows) return std::unexpected(rows.error());
    std::vector<Member> members;
    members.reserve(rows->rows.size());
    for (const auto& row : rows->rows) members.push_back(read_member(row));
    return members;
}

Result<Member> OrganisationService::get_member(const Principal& who, std::int64_t org_id, std::int64_t user_id) const {
    if (!who.manages(org_id)) return fail(ErrorCode::not_found, "organisation.error.not_found");
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    auto rows =
        tx->query_with(std::string(kMemberSelect) + "WHERE u.id = $1 AND u.organisation_id = $2", user_id, org_id);
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return fail(ErrorCode::not_found, "organisation.error.not_found");
    return read_member(rows->one());
}

Result<void> OrganisationService::invite(const Principal& who, std::int64_t org_id, const Invite& request,
                                         const RequestMeta& meta) {
    if (!who.manages(org_id)) return fail(ErrorCode::not_found, "organisation.error.not_found");
    const std::string email = normalise_email(request.email);
    const std::string name = trimmed(request.display_name);
    if (!is_valid_email(email)) return fail(ErrorCode::invalid_input, "organisation.error.email_invalid");
    if (!valid_name(name, kMaxNameBytes)) return fail(ErrorCode::invalid_input, "organisation.error.name_invalid");
    if (request.role != Role::customer && request.role != Role::org_admin)
        return fail(ErrorCode::invalid_input, "organisation.error.role_invalid");
    if (!request.language.empty() && !valid_language(request.language))
        return fail(ErrorCode::invalid_input, "organisation.error.language_invalid");
    const auto now = clock_();

    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    auto org = organisation_row(*tx, "SELECT name, default_language, active FROM organisations WHERE id = $1", org_id);
    if (!org) return std::unexpected(org.error());
    if (!org->get<bool>(2)) return fail(ErrorCode::invalid_input, "organisation.error.organisation_inactive");
    const auto org_name = org->get<std::string>(0);
    const std::string language = request.language.empty() ? org->get<std::string>(1) : request.language;

    // Per recipient, whether or not the address has an account: repeated
    // invitations cannot flood someone's mailbox, and the limit tells nothing.
    const std::string subject = "invite:" + crypto::sha256_hex(email);
    auto wait = Throttle::wait_seconds(*tx, throttles::mail, subject, now);
    if (!wait) return std::unexpected(wait.error());
    if (*wait > 0) return fail(ErrorCode::rate_limited, "organisation.error.throttled");
    COMPTOIR_TRY(Throttle::record_failure(*tx, throttles::mail, subject, now));

    auto existing = find_user_by_email(*tx, email);
    if (!existing) return std::unexpected(existing.error());
    std::int64_t user_id = 0;
    std::string invitee_name = name;
    std::string invitee_language = language;
    bool resent = false;
    if (*existing) {
        const UserRecord& user = **existing;
        const bool pending_here = user.organisation_id == org_id && !user.password_hash && user.active;
        if (!pending_here) {
            // The address has an account: the inviter sees the same "invitation sent".
            COMPTOIR_TRY(tell_owner_of_existing(*tx, user, meta, now));
            auto event = audit_event(meta, "member.invite_existing", &who, user_target(user.id));
            event.organisation_id = org_id;
            COMPTOIR_TRY(audit_.append(*tx, event, now));
            return tx->commit();
        }
        // Invited earlier and never accepted: a fresh link replaces the old one.
        user_id = user.id;
        invitee_name = user.display_name;
        invitee_language = user.language;
        resent = true;
    } else {
        auto inserted = tx->query_with(kInsertInvitee, std::optional<std::int64_t>(org_id), email, name,
                                       to_string(request.role), language, request.sees_organisation, now);
        if (!inserted) return std::unexpected(inserted.error());
        user_id = inserted->one().get<std::int64_t>(0);
    }
    COMPTOIR_TRY(send_invitation(*tx, user_id, {email, invitee_name, invitee_language}, who, org_name, meta,
                                 invitation_ttl_, now));
    auto event = audit_event(meta, "member.invited", &who, user_target(user_id),
                             {{"role", std::string(to_string(request.role))},
                              {"sees_organisation", bool_text(request.sees_organisation)},
                              {"resent", bool_text(resent)}});
    event.organisation_id = org_id;
    COMPTOIR_TRY(audit_.append(*tx, event, now));
    return tx->commit();
}

Result<void> OrganisationService::set_member(const Principal& who, std::int64_t org_id, std::int64_t user_id,
                                             const MemberChange& change, const RequestMeta& meta) {
    if (!who.manages(org_id)) return fail(ErrorCode::not_found, "organisation.error.not_found");
    if (change.role && *change.role != Role::customer && *change.role != Role::org_admin)
        return fail(ErrorCode::invalid_input, "organisation.error.role_invalid");
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    auto found = find_user(*tx, user_id);
    if (!found) return std::unexpected(found.error());
    if (!*found || (*found)->organisation_id != org_id)
        return fail(ErrorCode::not_found, "organisation.error.not_found");
    const UserRecord& member = **found;
    const bool self = member.id == who.user_id;
    if (self && change.role && *change.role != member.role)
        return fail(ErrorCode::invalid_input, "organisation.error.cannot_demote_self");
    if (self && change.active && !*change.active)
        return fail(ErrorCode::invalid_input, "organisation.error.cannot_deactivate_self");

    // The member belongs to org_id (checked above), so its audit events do too.
    const AccountUpdate update{*tx, sessions_, audit_, meta, who, member, "member", now};
    if (change.role && *change.role != member.role) COMPTOIR_TRY(update.set_role(*change.role));
    if (change.sees_organisation && *change.sees_organisation != member.sees_organisation) {
        COMPTOIR_TRY(tx->query_with("UPDATE users SET sees_organisation = $1 WHERE id = $2", *change.sees_organisation,
                                    member.id));
        COMPTOIR_TRY(update.record("visibility_changed", {{"from", member.sees_organisation ? "organisation" : "own"},
                                                          {"to", *change.sees_organisation ? "organisation" : "own"}}));
    }
    if (change.active && *change.active != member.active) COMPTOIR_TRY(update.set_active(*change.active));
    return tx->commit();
}

Result<void> OrganisationService::set_require_mfa(const Principal& who, std::int64_t org_id, bool required,
                                                  const RequestMeta& meta) {
    if (!who.manages(org_id)) return fail(ErrorCode::not_found, "organisation.error.not_found");
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    auto current = organisation_row(*tx, "SELECT require_mfa FROM organisations WHERE id = $1", org_id);
    if (!current) return std::unexpected(current.error());
    if (current->get<bool>(0) == required) return {};
    COMPTOIR_TRY(tx->query_with("UPDATE organisations SET require_mfa = $1 WHERE id = $2", required, org_id));
    auto event = audit_event(meta, "organisation.mfa_required", &who, "organisation:" + std::to_string(org_id),
                             {{"required", bool_text(required)}});
    event.organisation_id = org_id;
    COMPTOIR_TRY(audit_.append(*tx, event, now));
    return tx->commit();
}

// ------------------------------------------------------------ invitations

namespace {
// An invitation is usable while its account waits for a first password.
bool invitation_usable(const std::optional<UserRecord>& user) {
    return user && user->active && user->organisation_active && !user->password_hash;
}
}  // namespace

Result<InvitationView> OrganisationService::peek_invitation(std::string_view token) const {
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    auto use = tokens::peek(*tx, TokenPurpose::invitation, token, clock_());
    if (!use) return std::unexpected(use.error());
    auto user = find_user(*tx, use->user_id);
    if (!user) return std::unexpected(user.error());
    if (!invitation_usable(*user)) return fail(ErrorCode::not_found, "auth.error.link_invalid");
    InvitationView view{(*user)->email, (*user)->display_name, {}};
    if ((*user)->organisation_id) {
        auto org = tx->query_with("SELECT name FROM organisations WHERE id = $1", *(*user)->organisation_id);
        if (!org) return std::unexpected(org.error());
        if (!org->empty()) view.organisation_name = org->one().get<std::string>(0);
    }
    return view;
}

Result<std::int64_t> OrganisationService::accept_invitation(std::string_view token, std::string_view display_name,
                                                            std::string_view password, const RequestMeta& meta) {
    const std::string name = trimmed(display_name);
    if (!valid_name(name, kMaxNameBytes)) return fail(ErrorCode::invalid_input, "organisation.error.name_invalid");
    if (auto ok = check_new_password(password); !ok) return std::unexpected(ok.error());
    auto hash = crypto::hash_password(password);
    if (!hash) return std::unexpected(hash.error());
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    auto use = tokens::consume(*tx, TokenPurpose::invitation, token, now);
    if (!use) return std::unexpected(use.error());
    auto user = find_user(*tx, use->user_id);
    if (!user) return std::unexpected(user.error());
    if (!invitation_usable(*user)) return fail(ErrorCode::not_found, "auth.error.link_invalid");
    COMPTOIR_TRY(
        tx->query_with("UPDATE users SET display_name = $1, password_hash = $2, email_verified = 1 WHERE id = $3", name,
                       *hash, use->user_id));
    const Principal joined = to_principal(**user);
    COMPTOIR_TRY(audit_.append(*tx, audit_event(meta, "member.joined", &joined, user_target(joined.user_id)), now));
    if (auto r = tx->commit(); !r) return std::unexpected(r.error());
    return use->user_id;
}

// ------------------------------------------------------------ staff administration

namespace {
// Agents read; admins change. Anyone else is told the thing does not exist.
Result<void> require_staff(const Principal& who) {
    if (!who.staff()) return fail(ErrorCode::not_found, "admin.error.not_found");
    return {};
}
Result<void> require_admin(const Principal& who) {
    if (!who.staff()) return fail(ErrorCode::not_found, "admin.error.not_found");
    if (!who.admin()) return fail(ErrorCode::forbidden, "admin.error.admins_only");
    return {};
}
int clamp_page(int page) { return std::clamp(page, 1, 100000); }

// What staff typed in a search box, trimmed; too long is refused rather than cut.
Result<std::string> staff_query(const Principal& who, std::string_view query) {
    COMPTOIR_TRY(require_staff(who));
    std::string q = trimmed(query);
    if (q.size() > kMaxQueryBytes) return fail(ErrorCode::invalid_input, "admin.error.query_too_long");
    return q;
}

// One page of a listing read with LIMIT kPageSize + 1: the extra row only says there is more.
template <class T>
Listing<T> page_of(const storage::ResultSet& rows, int page, T (*read)(const storage::Row&)) {
    Listing<T> out;
    out.page = page;
    for (const auto& row : rows.rows) out.items.push_back(read(row));
    if (out.items.size() > static_cast<std::size_t>(OrganisationService::kPageSize)) {
        out.items.pop_back();
        out.has_more = true;
    }
    return out;
}

// The account staff act on, read in `tx`.
Result<UserRecord> staff_target(storage::Transaction& tx, std::int64_t user_id) {
    auto found = find_user(tx, user_id);
    if (!found) return std::unexpected(found.error());
    if (!*found) return fail(ErrorCode::not_found, "admin.error.not_found");
    return std::move(**found);
}
}  // namespace

Result<Listing<Organisation>> OrganisationService::search_organisations(const Principal& who, std::string_view query,
                                                                        int page) const {
    const auto q = staff_query(who, query);
    if (!q) return std::unexpected(q.error());
    page = clamp_page(page);
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    auto rows =
        tx->query_with(std::string(kOrganisationSelect) +
                           "WHERE $1 = '' OR LOWER(o.name) LIKE $2 ESCAPE '\\' OR o.slug LIKE $2 ESCAPE '\\' "
                           "ORDER BY LOWER(o.name), o.id LIMIT $3 OFFSET $4",
                       *q, text::like_contains(*q), std::int64_t{kPageSize + 1}, std::int64_t{kPageSize} * (page - 1));
    if (!rows) return std::unexpected(rows.error());
    return page_of(*rows, page, read_organisation);
}

Result<std::int64_t> OrganisationService::create_organisation(const Principal& who, const NewOrganisation& request,
                                                              const RequestMeta& meta) {
    COMPTOIR_TRY(require_admin(who));
    const std::string name = trimmed(request.name);
    if (!valid_organisation_name(name)) return fail(ErrorCode::invalid_input, "admin.error.organisation_name_invalid");
    const std::string slug = request.slug.empty() ? slug_from(name) : trimmed(request.slug);
    if (!valid_slug(slug)) return fail(ErrorCode::invalid_input, "admin.error.slug_invalid");
    if (!valid_language(request.language)) return fail(ErrorCode::invalid_input, "admin.error.language_invalid");
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    // Checked first: on PostgreSQL a failed INSERT would end the transaction.
    auto taken = tx->query_with("SELECT 1 FROM organisations WHERE slug = $1", slug);
    if (!taken) return std::unexpected(taken.error());
    if (!taken->empty()) return fail(ErrorCode::conflict, "admin.error.slug_taken");
    auto inserted = tx->query_with(
        "INSERT INTO organisations (slug, name, default_language, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        slug, name, request.language, now);
    if (!inserted) return std::unexpected(inserted.error());
    const auto id = inserted->one().get<std::int64_t>(0);
    auto event = audit_event(meta, "organisation.created", &who, "organisation:" + std::to_string(id),
                             {{"slug", slug}, {"name", name}});
    event.organisation_id = id;
    COMPTOIR_TRY(audit_.append(*tx, event, now));
    if (auto r = tx->commit(); !r) return std::unexpected(r.error());
    return id;
}

Result<void> OrganisationService::rename_organisation(const Principal& who, std::int64_t org_id,
                                                      std::string_view requested, const RequestMeta& meta) {
    COMPTOIR_TRY(require_admin(who));
    const std::string name = trimmed(requested);
    if (!valid_organisation_name(name)) return fail(ErrorCode::invalid_input, "admin.error.organisation_name_invalid");
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    auto current = organisation_row(*tx, "SELECT name FROM organisations WHERE id = $1", org_id);
    if (!current) return std::unexpected(current.error());
    const auto previous = current->get<std::string>(0);
    if (previous == name) return {};
    COMPTOIR_TRY(tx->query_with("UPDATE organisations SET name = $1 WHERE id = $2", name, org_id));
    auto event = audit_event(meta, "organisation.renamed", &who, "organisation:" + std::to_string(org_id),
                             {{"from", previous}, {"to", name}});
    event.organisation_id = org_id;
    COMPTOIR_TRY(audit_.append(*tx, event, now));
    return tx->commit();
}

Result<void> OrganisationService::set_organisation_active(const Principal& who, std::int64_t org_id, bool active,
                                                          const RequestMeta& meta) {
    COMPTOIR_TRY(require_admin(who));
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    auto current = organisation_row(*tx, "SELECT active FROM organisations WHERE id = $1", org_id);
    if (!current) return std::unexpected(current.error());
    if (current->get<bool>(0) == active) return {};
    COMPTOIR_TRY(tx->query_with("UPDATE organisations SET active = $1 WHERE id = $2", active, org_id));
    std::map<std::string, std::string> details;
    if (!active) {
        // Sessions::authenticate would refuse them anyway; ending them now
        // means a later reactivation does not bring yesterday's sessions back.
        auto members = tx->query_with("SELECT id FROM users WHERE organisation_id = $1 ORDER BY id", org_id);
        if (!members) return std::unexpected(members.error());
        std::int64_t ended = 0;
        for (const auto& row : members->rows) {
            auto count = sessions_.revoke_all(*tx, row.get<std::int64_t>(0));
            if (!count) return std::unexpected(count.error());
            ended += *count;
        }
        details = {{"members", std::to_string(members->rows.size())}, {"sessions_ended", std::to_string(ended)}};
    }
    auto event = audit_event(meta, active ? "organisation.reactivated" : "organisation.deactivated", &who,
                             "organisation:" + std::to_string(org_id), std::move(details));
    event.organisation_id = org_id;
    COMPTOIR_TRY(audit_.append(*tx, event, now));
    return tx->commit();
}

Result<Listing<Member>> OrganisationService::search_users(const Principal& who, std::string_view query,
                                                          std::optional<Role> role, int page) const {
    const auto q = staff_query(who, query);
    if (!q) return std::unexpected(q.error());
    page = clamp_page(page);
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    auto rows = tx->query_with(
        std::string(kMemberSelect) +
            "WHERE ($1 = '' OR LOWER(u.email) LIKE $2 ESCAPE '\\' OR LOWER(u.display_name) LIKE $2 ESCAPE '\\') "
            "AND ($3 = '' OR u.role = $3) "
            "ORDER BY LOWER(u.display_name), u.id LIMIT $4 OFFSET $5",
        *q, text::like_contains(*q), role ? std::string(to_string(*role)) : std::string(), std::int64_t{kPageSize + 1},
        std::int64_t{kPageSize} * (page - 1));
    if (!rows) return std::unexpected(rows.error());
    return page_of(*rows, page, read_member);
}

Result<Member> OrganisationService::get_user(const Principal& who, std::int64_t user_id) const {
    COMPTOIR_TRY(require_staff(who));
    auto tx = db_.read();
    if (!tx) return std::unexpected(tx.error());
    auto rows = tx->query_with(std::string(kMemberSelect) + "WHERE u.id = $1", user_id);
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return fail(ErrorCode::not_found, "admin.error.not_found");
    return read_member(rows->one());
}

Result<void> OrganisationService::create_agent(const Principal& who, const NewAgent& request, const RequestMeta& meta) {
    COMPTOIR_TRY(require_admin(who));
    const std::string email = normalise_email(request.email);
    const std::string name = trimmed(request.display_name);
    if (!is_valid_email(email)) return fail(ErrorCode::invalid_input, "admin.error.email_invalid");
    if (!valid_name(name, kMaxNameBytes)) return fail(ErrorCode::invalid_input, "admin.error.name_invalid");
    if (!is_staff(request.role)) return fail(ErrorCode::invalid_input, "admin.error.role_invalid");
    if (!valid_language(request.language)) return fail(ErrorCode::invalid_input, "admin.error.language_invalid");
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    auto existing = find_user_by_email(*tx, email);
    if (!existing) return std::unexpected(existing.error());
    if (*existing) {
        // Same outcome as for a new address.
        const UserRecord& user = **existing;
        COMPTOIR_TRY(tell_owner_of_existing(*tx, user, meta, now));
        COMPTOIR_TRY(audit_.append(*tx, audit_event(meta, "agent.create_existing", &who, user_target(user.id)), now));
        return tx->commit();
    }
    // Staff belong to no organisation.
    auto inserted = tx->query_with(kInsertInvitee, std::optional<std::int64_t>{}, email, name, to_string(request.role),
                                   request.language, false, now);
    if (!inserted) return std::unexpected(inserted.error());
    const auto user_id = inserted->one().get<std::int64_t>(0);
    COMPTOIR_TRY(send_invitation(*tx, user_id, {email, name, request.language}, who, request.team_name, meta,
                                 invitation_ttl_, now));
    COMPTOIR_TRY(audit_.append(*tx,
                               audit_event(meta, "agent.created", &who, user_target(user_id),
                                           {{"role", std::string(to_string(request.role))}}),
                               now));
    return tx->commit();
}

Result<std::int64_t> OrganisationService::end_all_sessions(const Principal& who, std::int64_t user_id,
                                                           const RequestMeta& meta) {
    COMPTOIR_TRY(require_admin(who));
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    auto user = staff_target(*tx, user_id);
    if (!user) return std::unexpected(user.error());
    auto ended = sessions_.revoke_all(*tx, user_id);
    if (!ended) return std::unexpected(ended.error());
    auto event =
        audit_event(meta, "user.sessions_ended", &who, user_target(user_id), {{"count", std::to_string(*ended)}});
    event.organisation_id = user->organisation_id;
    COMPTOIR_TRY(audit_.append(*tx, event, now));
    if (*ended > 0) COMPTOIR_TRY(send_security_notice(*tx, *user, "sessions_revoked", now));
    if (auto r = tx->commit(); !r) return std::unexpected(r.error());
    return *ended;
}

Result<void> OrganisationService::set_user(const Principal& who, std::int64_t user_id, const UserChange& change,
                                           const RequestMeta& meta) {
    COMPTOIR_TRY(require_admin(who));
    const auto now = clock_();
    auto tx = db_.write();
    if (!tx) return std::unexpected(tx.error());
    auto found = staff_target(*tx, user_id);
    if (!found) return std::unexpected(found.error());
    const UserRecord& user = *found;
    const bool role_changes = change.role && *change.role != user.role;
    const bool active_changes = change.active && *change.active != user.active;
    // An admin who demotes or locks out themselves may leave nobody in charge.
    if (user.id == who.user_id && (role_changes || active_changes))
        return fail(ErrorCode::invalid_input, "admin.error.self");
    // Contacts belong to an organisation and staff to none: a role crosses no such line.
    if (role_changes && is_staff(*change.role) != is_staff(user.role))
        return fail(ErrorCode::invalid_input, "admin.error.role_kind");

    const AccountUpdate update{*tx, sessions_, audit_, meta, who, user, "user", now};
    if (role_changes) COMPTOIR_TRY(update.set_role(*change.role));
    if (active_changes) COMPTOIR_TRY(update.set_active(*change.active));
    return tx->commit();
}

#undef COMPTOIR_TRY

}  // namespace comptoir::accounts
