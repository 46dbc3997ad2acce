#include "web/kb_admin/upload.hpp"

#include <magic.h>

#include <array>

namespace comptoir::web::kb_admin {
namespace {

// A magic cookie is not safe to share between threads and loading its
// database takes milliseconds: each worker thread opens one on first use.
class MagicCookie {
  public:
    MagicCookie() : cookie_(magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR)) {
        if (cookie_ && magic_load(cookie_, nullptr) != 0) {
            magic_close(cookie_);
            cookie_ = nullptr;
        }
    }
    ~MagicCookie() {
        if (cookie_) magic_close(cookie_);
    }
    MagicCookie(const MagicCookie&) = delete;
    MagicCookie& operator=(const MagicCookie&) = delete;

    magic_t get() const { return cookie_; }

  private:
    magic_t cookie_;
};

constexpr std::array<std::string_view, 4> kImageTypes = {"image/png", "image/jpeg", "image/gif", "image/webp"};
constexpr std::array<std::string_view, 3> kDocumentTypes = {"application/pdf", "text/plain", "text/csv"};

std::string escaped_link_text(std::string_view name) {
    std::string out;
    for (char c : name) {
        if (c == '[' || c == ']' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

}  // namespace

std::string sniff_content_type(std::string_view bytes) {
    if (bytes.empty()) return "application/x-empty";
    thread_local MagicCookie cookie;
    if (!cookie.get()) return "application/octet-stream";
    const char* type = magic_buffer(cookie.get(), bytes.data(), bytes.size());
    if (!type) return "application/octet-stream";
    return type;
}

bool is_image_type(std::string_view content_type) {
    for (auto t : kImageTypes)
        if (content_type == t) return true;
    return false;
}

bool attachment_type_allowed(std::string_view content_type) {
    if (is_image_type(content_type)) return true;
    for (auto t : kDocumentTypes)
        if (content_type == t) return true;
    return false;
}

std::string attachment_markdown(const kb::Attachment& attachment) {
    std::string text = escaped_link_text(attachment.file_name);
    std::string link = "[" + text + "](attachment:" + std::to_string(attachment.id) + ")";
    return is_image_type(attachment.content_type) ? "!" + link : link;
}

}  // namespace comptoir::web::kb_admin
