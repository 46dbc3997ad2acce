// GET /kb/{lang}/articles/{id}/attachments/{attachment_id} — a file attached
// to an article the visitor may see, with its stored (sniffed) type. Only
// plain images are shown inline; anything else is downloaded under its name.
// Files of public articles may be kept by shared caches, others only by the
// visitor's browser.
#include "domain/kb/article_service.hpp"
#include "web/errors.hpp"
#include "web/kb/actions.hpp"
#include "web/kb/urls.hpp"
#include "web/kb/views.hpp"

namespace comptoir::web {

http::Response kb_attachment(const Deps& deps, http::Request& request, const Visitor& visitor) {
    using namespace kb_public;
    const auto lang = url_language(deps, request);
    if (!lang) return error_page(deps, 404, request);
    const auto id = parse_id_slug(request.params["id"]);
    const auto attachment_id = parse_id_slug(request.params["attachment_id"]);
    if (!id || !attachment_id || !attachment_id->slug.empty()) return error_in(deps, request, visitor, *lang, 404);
    if (!services_ready(deps)) return error_in(deps, request, visitor, *lang, 503);
    auto& articles = *deps.services.kb_articles;
    auto data = articles.attachment(reader_of(visitor), id->id, attachment_id->id);
    if (!data) return error_in(deps, request, visitor, *lang, data.error());

    // Public means: an anonymous visitor may see the article.
    const std::int64_t ids[] = {id->id};
    auto anonymous = articles.titles(kb::Reader::anonymous(), ids, *lang);
    const bool is_public = anonymous && !anonymous->empty();

    const std::string etag =
        data->info.sha256.size() >= 32 ? "\"" + data->info.sha256.substr(0, 32) + "\"" : strong_etag({data->bytes});
    http::Response response;
    response.headers.set("ETag", etag);
    response.headers.set("Cache-Control", is_public ? "public, max-age=3600" : "private, no-cache");
    response.headers.set("Vary", "Cookie");
    if (auto header = request.headers.get("If-None-Match"); header && etag_matches(*header, etag)) {
        response.status = 304;
        return response;
    }
    response.headers.set("Content-Type",
                         data->info.content_type.empty() ? "application/octet-stream" : data->info.content_type);
    response.headers.set("Content-Disposition", content_disposition(data->info.file_name, data->info.content_type));
    response.body = std::move(data->bytes);
    return response;
}

}  // namespace comptoir::web
