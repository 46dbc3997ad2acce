// POST /admin/kb/articles/{id}/attachments?language=xx (multipart/form-data:
// csrf_token, file) — attaches an image or document to the article. The
// type is sniffed from the bytes (libmagic) and must be one an article
// needs; the declared type and the name's extension are not believed.
//
// The route is bound without the guard's CSRF check, which reads urlencoded
// bodies only: the token is read here from the parsed multipart body and
// checked the same way (csrf_ok) before anything is stored.
#include "domain/kb/article_service.hpp"
#include "http/multipart.hpp"
#include "web/errors.hpp"
#include "web/kb_admin/actions.hpp"
#include "web/kb_admin/upload.hpp"
#include "web/kb_admin/views.hpp"
#include "web/organisation/views.hpp"

namespace comptoir::web {
namespace {

// The token travels in the body: present it to csrf_ok as the header it also accepts.
bool multipart_csrf_ok(const Deps& deps, const http::Request& request, const Visitor& visitor,
                       const std::optional<std::string>& token) {
    if (!token) return false;
    http::Request probe;
    probe.method = request.method;
    probe.headers = request.headers;
    probe.headers.set("X-CSRF-Token", *token);
    probe.secure = request.secure;
    return csrf_ok(deps, probe, visitor);
}

}  // namespace

http::Response kb_admin_attachment_upload(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_admin;
    if (!services_ready(deps)) return unavailable(deps, request);
    const auto id = id_param(request, "id");
    if (!id) return error_page(deps, 404, request);
    EditorView view;
    view.article_id = *id;
    view.language = language_param(deps, request, "");
    view.error_form = "attachments";
    const auto refuse = [&](std::string key, int status) {
        view.error_key = std::move(key);
        view.status = status;
        return render_editor(deps, request, visitor, view);
    };

    http::MultipartLimits limits;
    limits.max_parts = 8;
    limits.max_files = 1;
    limits.max_field_bytes = 4096;
    limits.max_file_bytes = kb::kMaxAttachmentBytes;
    auto form = http::parse_multipart(request, limits);
    // Without a readable body there is no token to check either; showing the
    // editor again changes nothing, so it needs none.
    if (!form) return refuse(error_key(form.error()), status_for(form.error().code));
    if (!multipart_csrf_ok(deps, request, visitor, form->field("csrf_token"))) return error_page(deps, 403, request);

    const auto files = form->files("file");
    if (files.empty()) return refuse("kb_admin.error.file_required", 400);
    const auto& file = files.front();
    const std::string type = sniff_content_type(file.data);
    if (!attachment_type_allowed(type)) return refuse("kb_admin.error.file_type", 415);

    auto added = deps.services.kb_articles->add_attachment(*visitor.principal, *id, file.filename, type, file.data,
                                                           request_meta(deps, request));
    if (!added) {
        if (!is_input_error(added.error())) return error_page(deps, added.error(), request);
        return refuse(error_key(added.error()), status_for(added.error().code));
    }
    content_changed(deps);
    return http::Response::redirect(editor_url(*id, view.language) + "&done=attachment_added");
}

}  // namespace comptoir::web
