#include "domain/accounts/model.hpp"

namespace comptoir::accounts {

std::string_view to_string(Role role) {
    switch (role) {
        case Role::customer:
            return "customer";
        case Role::org_admin:
            return "org_admin";
        case Role::agent:
            return "agent";
        case Role::admin:
            return "admin";
    }
    return "customer";
}

std::optional<Role> parse_role(std::string_view text) {
    for (Role role : {Role::customer, Role::org_admin, Role::agent, Role::admin})
        if (to_string(role) == text) return role;
    return std::nullopt;
}

}  // namespace comptoir::accounts
