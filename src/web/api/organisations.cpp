// The organisations resource: GET /api/v1/organisations?q=&page= (scope
// organisations:read) and GET /api/v1/organisations/{id}/users (scope users:read).
#include <boost/json.hpp>

#include "web/api/actions.hpp"
#include "web/api/api.hpp"

namespace comptoir::web {
using api::parse_positive;

http::Response api_organisations(const Deps& deps, http::Request& request, const accounts::ApiPrincipal& caller) {
    const std::string query = request.query_param("q").value_or("");
    if (query.size() > 200) return api::json_error(400, "invalid_request", "q is too long.");
    int page = 1;
    if (auto text = request.query_param("page")) {
        auto value = parse_positive(*text);
        if (!value || *value > 100000)
            return api::json_error(400, "invalid_request", "page must be a positive number.");
        page = static_cast<int>(*value);
    }
    auto found = deps.services.api_keys->organisations(caller, query, page);
    if (!found) return api::json_error(request, found.error());
    boost::json::array items;
    for (const auto& organisation : found->items)
        items.emplace_back(boost::json::object{{"id", organisation.id},
                                               {"slug", organisation.slug},
                                               {"name", organisation.name},
                                               {"member_count", organisation.members}});
    return api::json(
        200,
        boost::json::object{{"organisations", std::move(items)}, {"page", found->page}, {"has_more", found->has_more}});
}

http::Response api_organisation_users(const Deps& deps, http::Request& request, const accounts::ApiPrincipal& caller) {
    const auto id = parse_positive(request.params["id"]);
    if (!id) return api::json_error(404, "not_found", "No such resource.");
    auto found = deps.services.api_keys->organisation_users(caller, *id);
    if (!found) return api::json_error(request, found.error());
    boost::json::array users;
    for (const auto& user : *found)
        users.emplace_back(boost::json::object{{"id", user.id},
                                               {"email", user.email},
                                               {"display_name", user.display_name},
                                               {"role", accounts::to_string(user.role)},
                                               {"active", user.active},
                                               {"created_at", user.created_at}});
    return api::json(200, boost::json::object{{"organisation_id", *id}, {"users", std::move(users)}});
}

}  // namespace comptoir::web
