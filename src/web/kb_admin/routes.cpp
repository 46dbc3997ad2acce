// Routes of the knowledge-base authoring area. Staff only (agents and
// admins): anyone else gets 404 (guards.hpp), and every POST passes the CSRF
// check first — except the multipart upload, whose token is inside the
// multipart body: attachment_upload.cpp checks it after parsing.
#include "web/routes.hpp"
#include "domain/kb/article_service.hpp"
#include "web/guards.hpp"
#include "web/kb_admin/actions.hpp"

namespace comptoir::web {

void register_kb_admin_routes(http::Router& router, const Deps& deps) {
    router.get("/admin/kb", staff_page(deps, kb_admin_articles_page));
    router.post("/admin/kb/preview", staff_form(deps, kb_admin_preview));

    router.get("/admin/kb/articles/new", staff_page(deps, kb_admin_article_new));
    router.post("/admin/kb/articles/new", staff_form(deps, kb_admin_article_create));
    router.get("/admin/kb/articles/{id}", staff_page(deps, kb_admin_article_page));
    router.post("/admin/kb/articles/{id}/save", staff_form(deps, kb_admin_article_save));
    router.post("/admin/kb/articles/{id}/settings", staff_form(deps, kb_admin_article_settings));
    router.post("/admin/kb/articles/{id}/status", staff_form(deps, kb_admin_article_status));
    router.post("/admin/kb/articles/{id}/move", staff_form(deps, kb_admin_article_move));
    router.get("/admin/kb/articles/{id}/history", staff_page(deps, kb_admin_article_history));
    router.get("/admin/kb/articles/{id}/diff", staff_page(deps, kb_admin_article_diff));
    router.post("/admin/kb/articles/{id}/restore", staff_form(deps, kb_admin_article_restore));
    // The CSRF token travels in the multipart body; the action checks it. The
    // body may hold the largest attachment, with room for the form around it.
    router.post_upload("/admin/kb/articles/{id}/attachments", staff_page(deps, kb_admin_attachment_upload),
                       kb::kMaxAttachmentBytes + 64 * 1024);
    router.post("/admin/kb/articles/{id}/attachments/{att}/delete", staff_form(deps, kb_admin_attachment_delete));

    router.get("/admin/kb/categories", staff_page(deps, kb_admin_categories_page));
    router.post("/admin/kb/categories", staff_form(deps, kb_admin_category_create));
    router.get("/admin/kb/categories/{id}", staff_page(deps, kb_admin_category_page));
    router.post("/admin/kb/categories/{id}", staff_form(deps, kb_admin_category_save));
    router.post("/admin/kb/categories/{id}/delete", staff_form(deps, kb_admin_category_delete));
    router.post("/admin/kb/categories/{id}/move", staff_form(deps, kb_admin_category_move));
    router.post("/admin/kb/categories/{id}/sections", staff_form(deps, kb_admin_section_create));
    router.post("/admin/kb/sections/{id}", staff_form(deps, kb_admin_section_save));
    router.post("/admin/kb/sections/{id}/delete", staff_form(deps, kb_admin_section_delete));
    router.post("/admin/kb/sections/{id}/move", staff_form(deps, kb_admin_section_move));

    router.get("/admin/kb/feedback", staff_page(deps, kb_admin_feedback_page));
    router.post("/admin/kb/feedback/{id}/handled", staff_form(deps, kb_admin_feedback_handled));
    router.get("/admin/kb/searches", staff_page(deps, kb_admin_searches_page));
}

}  // namespace comptoir::web
