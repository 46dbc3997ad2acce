// GET /api/v1/whoami — the calling key's name and scopes, to check a set-up.
#include <boost/json.hpp>

#include "web/api/actions.hpp"
#include "web/api/api.hpp"

namespace comptoir::web {

http::Response api_whoami(const Deps&, http::Request&, const accounts::ApiPrincipal& caller) {
    boost::json::array scopes;
    for (const auto& scope : caller.scopes) scopes.emplace_back(scope);
    return api::json(
        200,
        boost::json::object{
            {"key", boost::json::object{{"id", caller.key_id}, {"name", caller.name}, {"scopes", std::move(scopes)}}}});
}

}  // namespace comptoir::web
