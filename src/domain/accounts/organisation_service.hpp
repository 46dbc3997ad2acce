#pragma once
// Organisations and their members: invitations, roles, visibility, deactivation;
// staff administration of organisations (creation, renaming, deactivation),
// contacts and agents.
//
// Authorisation is decided here, once, for pages and API alike: an org admin
// manages only their own organisation, and an organisation or user they may
// not see is `not_found` (never "forbidden", which would confirm it exists).
// Agents read everything and manage the members of any organisation; only
// admins create, rename or deactivate organisations, create agents, change any
// account, or end a user's sessions. Error public messages are catalogue keys ("organisation.error.*").
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/accounts/model.hpp"
#include "domain/audit/audit_log.hpp"
#include "storage/database.hpp"

namespace comptoir::accounts {

class Sessions;

/// How long an invitation link works unless set_invitation_ttl() says otherwise.
inline constexpr std::int64_t kDefaultInvitationTtlSeconds = 7 * 24 * 3600;

struct Organisation {
    std::int64_t id = 0;
    std::string slug;
    std::string name;
    std::string default_language;
    bool require_mfa = false;
    bool active = true;
    std::int64_t created_at = 0;
    std::int64_t member_count = 0;
};

/// A member as the people who manage the organisation see them.
struct Member {
    std::int64_t id = 0;
    std::optional<std::int64_t> organisation_id;  // nullopt for staff
    std::string organisation_name;
    std::string email;
    std::string display_name;
    Role role = Role::customer;
    bool sees_organisation = false;
    bool active = true;
    bool pending = false;  // invited, has not chosen a password yet
    bool mfa_enabled = false;
    std::int64_t created_at = 0;
};

struct Invite {
    std::string email;
    std::string display_name;
    Role role = Role::customer;  // customer or org_admin
    bool sees_organisation = false;
    std::string language;  // of the invitation e-mail and the new account; empty: the organisation's
};

/// What changes for a member; an absent field stays as it is.
struct MemberChange {
    std::optional<Role> role;
    std::optional<bool> sees_organisation;
    std::optional<bool> active;
};

/// What an admin changes on any account.
struct UserChange {
    std::optional<Role> role;
    std::optional<bool> active;
};

struct NewAgent {
    std::string email;
    std::string display_name;
    Role role = Role::agent;  // agent or admin
    std::string language = "en";
    std::string team_name;  // what the invitation says they join: the operator's brand
};

struct NewOrganisation {
    std::string name;
    std::string slug;  // empty: derived from the name
    std::string language = "en";
};

/// One page of a search; `page` counts from 1.
template <class T>
struct Listing {
    std::vector<T> items;
    int page = 1;
    bool has_more = false;
};

/// What the invitation page shows before the person accepts.
struct InvitationView {
    std::string email;
    std::string display_name;
    std::string organisation_name;
};

class OrganisationService {
  public:
    static constexpr int kPageSize = 25;

    OrganisationService(storage::Database& db, const Sessions& sessions, const audit::AuditLog& audit, Clock clock)
        : db_(db), sessions_(sessions), audit_(audit), clock_(std::move(clock)) {}

    /// From config (auth.invitation_days); 1 day .. 90 days.
    void set_invitation_ttl(std::int64_t seconds) { invitation_ttl_ = seconds; }
    std::int64_t invitation_ttl() const { return invitation_ttl_; }

    // ----- for the people who manage an organisation (its org admins, staff)

    Result<Organisation> get_organisation(const Principal& who, std::int64_t org_id) const;
    /// Members sorted by name.
    Result<std::vector<Member>> list_members(const Principal& who, std::int64_t org_id) const;
    /// One member of the organisation (not_found for anyone else).
    Result<Member> get_member(const Principal& who, std::int64_t org_id, std::int64_t user_id) const;

    /// Creates the account (no password, unverified) and mails a single-use
    /// link. An address that already has an account gets the same outcome
    /// for the inviter and no second account: a pending invitee of this
    /// organisation gets a fresh link; anyone else a note that they already
    /// have an account. A deactivated organisation takes no invitation (its
    /// links would not work).
    Result<void> invite(const Principal& who, std::int64_t org_id, const Invite& invite, const RequestMeta& meta);

    /// Role, visibility, active. An org admin may not demote or deactivate
    /// themselves nor give a staff role. A role change or a deactivation
    /// ends the member's sessions.
    Result<void> set_member(const Principal& who, std::int64_t org_id, std::int64_t user_id, const MemberChange& change,
                            const RequestMeta& meta);

    /// Whether every contact of the organisation must use two-step verification.
    Result<void> set_require_mfa(const Principal& who, std::int64_t org_id, bool required, const RequestMeta& meta);

    // ----- for the invited person (no principal: the token is the proof)

    /// The invitation behind a link, without using it.
    Result<InvitationView> peek_invitation(std::string_view token) const;
    /// Uses the link: sets the name and password, marks the address verified.
    /// Returns the user id; the person then signs in.
    Result<std::int64_t> accept_invitation(std::string_view token, std::string_view display_name,
                                           std::string_view password, const RequestMeta& meta);

    // ----- for staff (agents read, admins change)

    Result<Listing<Organisation>> search_organisations(const Principal& who, std::string_view query, int page) const;
    Result<std::int64_t> create_organisation(const Principal& who, const NewOrganisation& org, const RequestMeta& meta);
    /// Gives the organisation a new display name (its slug, part of URLs and
    /// API answers, stays). Admins only.
    Result<void> rename_organisation(const Principal& who, std::int64_t org_id, std::string_view name,
                                     const RequestMeta& meta);
    /// Deactivates or reactivates the organisation. Deactivation ends every
    /// session of its members at once (so a reactivation brings none back)
    /// and blocks their sign-in, password resets and invitation links, with
    /// the same answers as for a deactivated account. Admins only.
    Result<void> set_organisation_active(const Principal& who, std::int64_t org_id, bool active,
                                         const RequestMeta& meta);
    /// Every account (contacts and staff), optionally of one role.
    Result<Listing<Member>> search_users(const Principal& who, std::string_view query, std::optional<Role> role,
                                         int page) const;
    Result<Member> get_user(const Principal& who, std::int64_t user_id) const;
    /// Creates an agent or admin without a password and mails an invitation. Admins only.
    Result<void> create_agent(const Principal& who, const NewAgent& agent, const RequestMeta& meta);
    /// Ends every session of the user; returns how many ended. Admins only.
    Result<std::int64_t> end_all_sessions(const Principal& who, std::int64_t user_id, const RequestMeta& meta);
    /// Role (within the user's kind: contact or staff) and active. Admins
    /// only, never on themselves.
    Result<void> set_user(const Principal& who, std::int64_t user_id, const UserChange& change,
                          const RequestMeta& meta);

  private:
    storage::Database& db_;
    const Sessions& sessions_;
    const audit::AuditLog& audit_;
    Clock clock_;
    std::int64_t invitation_ttl_ = kDefaultInvitationTtlSeconds;
};

}  // namespace comptoir::accounts
