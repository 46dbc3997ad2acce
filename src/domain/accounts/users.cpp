#include "domain/accounts/users.hpp"

#include <algorithm>

namespace comptoir::accounts {

const std::string_view kUserSelect =
    "SELECT u.id, u.organisation_id, u.email, u.display_name, u.role, u.language, u.time_zone, u.password_hash, "
    "u.sees_organisation, u.active, u.email_verified, u.phone, u.postal_address, u.billing_address, "
    "u.notify_updates, u.notify_news, u.mfa_secret, u.mfa_enabled_at, u.mfa_last_step, "
    "COALESCE(o.require_mfa, 0), COALESCE(o.active, 1), u.created_at "
    "FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id ";

UserRecord read_user(const storage::Row& row) {
    UserRecord user;
    user.id = row.get<std::int64_t>(0);
    user.organisation_id = row.get_opt<std::int64_t>(1);
    user.email = row.get<std::string>(2);
    user.display_name = row.get<std::string>(3);
    user.role = parse_role(row.get<std::string>(4)).value_or(Role::customer);
    user.language = row.get<std::string>(5);
    user.time_zone = row.get<std::string>(6);
    user.password_hash = row.get_opt<std::string>(7);
    user.sees_organisation = row.get<bool>(8);
    user.active = row.get<bool>(9);
    user.email_verified = row.get<bool>(10);
    user.phone = row.get<std::string>(11);
    user.postal_address = row.get<std::string>(12);
    user.billing_address = row.get<std::string>(13);
    user.notify_updates = row.get<bool>(14);
    user.notify_news = row.get<bool>(15);
    user.mfa_secret = row.get_opt<std::string>(16);
    user.mfa_enabled_at = row.get_opt<std::int64_t>(17);
    user.mfa_last_step = row.get<std::int64_t>(18);
    user.organisation_requires_mfa = row.get<bool>(19);
    user.organisation_active = row.get<bool>(20);
    user.created_at = row.get<std::int64_t>(21);
    return user;
}

Principal to_principal(const UserRecord& user, std::int64_t session_id) {
    Principal p;
    p.user_id = user.id;
    p.organisation_id = user.organisation_id;
    p.role = user.role;
    p.sees_organisation = user.sees_organisation || user.role == Role::org_admin;
    p.email = user.email;
    p.display_name = user.display_name;
    p.language = user.language;
    p.time_zone = user.time_zone;
    p.mfa_enabled = user.mfa_enabled();
    p.session_id = session_id;
    return p;
}

namespace {
Result<std::optional<UserRecord>> one_user(Result<storage::ResultSet> rows) {
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return std::optional<UserRecord>{};
    return std::optional<UserRecord>{read_user(rows->one())};
}
}  // namespace

Result<std::optional<UserRecord>> find_user(storage::Transaction& tx, std::int64_t id) {
    return one_user(tx.query_with(std::string(kUserSelect) + "WHERE u.id = $1", id));
}

Result<std::optional<UserRecord>> find_user_by_email(storage::Transaction& tx, std::string_view email) {
    return one_user(tx.query_with(std::string(kUserSelect) + "WHERE u.email = $1", email));
}

std::string normalise_email(std::string_view email) {
    auto begin = email.find_first_not_of(" \t\r\n");
    if (begin == std::string_view::npos) return {};
    auto end = email.find_last_not_of(" \t\r\n");
    std::string out(email.substr(begin, end - begin + 1));
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
    return out;
}

bool is_valid_email(std::string_view email) {
    if (email.size() < 3 || email.size() > 254) return false;
    const auto at = email.find('@');
    if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos) return false;
    for (unsigned char c : email)
        if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' || c == '\\')
            return false;
    const auto domain = email.substr(at + 1);
    const auto dot = domain.find('.');
    return dot != std::string_view::npos && dot > 0 && dot + 1 < domain.size() && !domain.ends_with('.') &&
           domain.find("..") == std::string_view::npos;
}

}  // namespace comptoir::accounts
