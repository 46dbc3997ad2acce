#pragma once
// Attachments as authors upload them: the type is decided from the bytes
// (libmagic), never from the name or the type the browser declares, and only
// types a help article needs are accepted: images shown inline and documents
// to download. Anything that a browser could run (HTML, SVG, scripts,
// executables) is refused.
#include <string>
#include <string_view>

#include "domain/kb/model.hpp"

namespace comptoir::web::kb_admin {

/// The MIME type libmagic reads from the bytes ("image/png"); "application/x-empty"
/// for no bytes; "application/octet-stream" when libmagic cannot tell (or fails).
std::string sniff_content_type(std::string_view bytes);

/// True for png, jpeg, gif and webp images, pdf, plain text and csv.
bool attachment_type_allowed(std::string_view content_type);

/// True for the image types an article shows inline.
bool is_image_type(std::string_view content_type);

/// The Markdown an author pastes into the article: `![name](attachment:ID)`
/// for an image, `[name](attachment:ID)` for a file (brackets in the name escaped).
std::string attachment_markdown(const kb::Attachment& attachment);

}  // namespace comptoir::web::kb_admin
