// POST /admin/kb/sections/{id}/delete — deletes an empty section; one that
// still has articles is refused and its category page says why.
#include "domain/kb/catalogue_service.hpp"
#include "web/errors.hpp"
#include "web/kb_admin/actions.hpp"
#include "web/kb_admin/catalogue_views.hpp"
#include "web/kb_admin/views.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {

http::Response kb_admin_section_delete(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_admin;
    if (!services_ready(deps)) return unavailable(deps, request);
    const auto id = id_param(request, "id");
    if (!id) return error_page(deps, 404, request);
    auto& catalogue = *deps.services.kb_catalogue;
    auto section = catalogue.section(reader_of(visitor), *id, "");
    if (!section) return error_page(deps, section.error(), request);
    auto deleted = catalogue.delete_section(*visitor.principal, *id, request_meta(deps, request));
    if (!deleted) {
        if (!is_input_error(deleted.error())) return error_page(deps, deleted.error(), request);
        CategoryPageState state;
        state.error_form = "section";
        state.error_section = *id;
        state.error_key = error_key(deleted.error());
        state.status = status_for(deleted.error().code);
        return render_category(deps, request, visitor, section->category_id, state);
    }
    content_changed(deps);
    return http::Response::redirect("/admin/kb/categories/" + std::to_string(section->category_id) +
                                    "?done=section_deleted");
}

}  // namespace comptoir::web
