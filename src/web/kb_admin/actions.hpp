#pragma once
// Page actions of the knowledge-base authoring area (staff only), one per
// file; bound in routes.cpp.
#include "http/message.hpp"
#include "web/auth.hpp"
#include "web/deps.hpp"

namespace comptoir::web {

// articles_page.cpp      GET  /admin/kb
http::Response kb_admin_articles_page(const Deps& deps, http::Request& request, const Visitor& visitor);
// article_new.cpp        GET  /admin/kb/articles/new
http::Response kb_admin_article_new(const Deps& deps, http::Request& request, const Visitor& visitor);
// article_create.cpp     POST /admin/kb/articles/new
http::Response kb_admin_article_create(const Deps& deps, http::Request& request, const Visitor& visitor);
// article_page.cpp       GET  /admin/kb/articles/{id}
http::Response kb_admin_article_page(const Deps& deps, http::Request& request, const Visitor& visitor);
// article_save.cpp       POST …/{id}/save
http::Response kb_admin_article_save(const Deps& deps, http::Request& request, const Visitor& visitor);
// article_settings.cpp   POST …/{id}/settings
http::Response kb_admin_article_settings(const Deps& deps, http::Request& request, const Visitor& visitor);
// article_status.cpp     POST …/{id}/status
http::Response kb_admin_article_status(const Deps& deps, http::Request& request, const Visitor& visitor);
// article_move.cpp       POST …/{id}/move
http::Response kb_admin_article_move(const Deps& deps, http::Request& request, const Visitor& visitor);
// article_history.cpp    GET  …/{id}/history
http::Response kb_admin_article_history(const Deps& deps, http::Request& request, const Visitor& visitor);
// article_diff.cpp       GET  …/{id}/diff
http::Response kb_admin_article_diff(const Deps& deps, http::Request& request, const Visitor& visitor);
// article_restore.cpp    POST …/{id}/restore
http::Response kb_admin_article_restore(const Deps& deps, http::Request& request, const Visitor& visitor);
// attachment_upload.cpp  POST …/{id}/attachments
http::Response kb_admin_attachment_upload(const Deps& deps, http::Request& request, const Visitor& visitor);
// attachment_delete.cpp  POST …/{id}/attachments/{att}/delete
http::Response kb_admin_attachment_delete(const Deps& deps, http::Request& request, const Visitor& visitor);
// preview.cpp            POST /admin/kb/preview
http::Response kb_admin_preview(const Deps& deps, http::Request& request, const Visitor& visitor);
// categories_page.cpp    GET  /admin/kb/categories
http::Response kb_admin_categories_page(const Deps& deps, http::Request& request, const Visitor& visitor);
// category_create.cpp    POST /admin/kb/categories
http::Response kb_admin_category_create(const Deps& deps, http::Request& request, const Visitor& visitor);
// category_page.cpp      GET  /admin/kb/categories/{id}
http::Response kb_admin_category_page(const Deps& deps, http::Request& request, const Visitor& visitor);
// category_save.cpp      POST /admin/kb/categories/{id}
http::Response kb_admin_category_save(const Deps& deps, http::Request& request, const Visitor& visitor);
// category_delete.cpp    POST …/categories/{id}/delete
http::Response kb_admin_category_delete(const Deps& deps, http::Request& request, const Visitor& visitor);
// category_move.cpp      POST …/categories/{id}/move
http::Response kb_admin_category_move(const Deps& deps, http::Request& request, const Visitor& visitor);
// section_create.cpp     POST …/categories/{id}/sections
http::Response kb_admin_section_create(const Deps& deps, http::Request& request, const Visitor& visitor);
// section_save.cpp       POST /admin/kb/sections/{id}
http::Response kb_admin_section_save(const Deps& deps, http::Request& request, const Visitor& visitor);
// section_delete.cpp     POST …/sections/{id}/delete
http::Response kb_admin_section_delete(const Deps& deps, http::Request& request, const Visitor& visitor);
// section_move.cpp       POST …/sections/{id}/move
http::Response kb_admin_section_move(const Deps& deps, http::Request& request, const Visitor& visitor);
// feedback_page.cpp      GET  /admin/kb/feedback
http::Response kb_admin_feedback_page(const Deps& deps, http::Request& request, const Visitor& visitor);
// feedback_handled.cpp   POST …/feedback/{id}/handled
http::Response kb_admin_feedback_handled(const Deps& deps, http::Request& request, const Visitor& visitor);
// searches_page.cpp      GET  /admin/kb/searches
http::Response kb_admin_searches_page(const Deps& deps, http::Request& request, const Visitor& visitor);

}  // namespace comptoir::web
