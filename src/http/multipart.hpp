#pragma once
// multipart/form-data request bodies (RFC 7578), for uploads: article
// attachments now, ticket attachments later. The parser is strict (anything it
// cannot read unambiguously is an error, never a guess) and bounded by
// MultipartLimits, so a hostile body costs at most one linear pass.
//
// Errors carry a message key for the catalogues as public_message:
//   upload.error.not_multipart   invalid_input  Content-Type is not multipart/form-data
//   upload.error.malformed       invalid_input  syntax error, bad boundary, missing name, non-UTF-8 field...
//   upload.error.filename        invalid_input  a file name with control characters, invalid UTF-8, "..", ...
//   upload.error.too_many_parts  too_large      more than max_parts parts
//   upload.error.too_many_files  too_large      more than max_files files
//   upload.error.file_too_large  too_large      a file above max_file_bytes
//   upload.error.field_too_large too_large      a field value above max_field_bytes
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace comptoir::http {

struct Request;

/// Upper bounds on what one multipart body may contain. The whole body is
/// already bounded by the server's max_body_bytes, which upload routes must
/// raise above max_file_bytes.
struct MultipartLimits {
    std::size_t max_parts = 50;                                  // fields and files together
    std::size_t max_files = 10;                                  // parts with a file name
    std::size_t max_field_bytes = std::size_t{256} * 1024;       // one field value (an article's Markdown fits)
    std::size_t max_file_bytes = std::size_t{10} * 1024 * 1024;  // one file
    std::size_t max_header_bytes = std::size_t{8} * 1024;        // one part's header section
};

/// Longest file name kept, in bytes; longer names are shortened (extension kept).
inline constexpr std::size_t max_upload_filename_bytes = 200;

/// A text field: name and value as sent, the value valid UTF-8 (CRLF line breaks kept).
struct FormField {
    std::string name;
    std::string value;
};

/// A file part. `data` points into the request body: the body must outlive it.
struct UploadedFile {
    std::string field;         // form field name ("attachment")
    std::string filename;      // sanitised: last path component, valid UTF-8, no control chars, <= 200 bytes
    std::string content_type;  // as declared by the client ("image/png"), empty when none; untrusted
    std::string_view data;     // the bytes, untouched (binary-safe)
};

/// A parsed form: fields and files in arrival order.
class MultipartForm {
  public:
    /// First value of a text field; nullopt when absent (files do not count).
    std::optional<std::string> field(std::string_view name) const;
    /// Every value of a repeated text field, in order.
    std::vector<std::string> field_values(std::string_view name) const;
    /// Files sent under field `name` (an <input type=file multiple> sends several).
    std::vector<UploadedFile> files(std::string_view name) const;

    const std::vector<FormField>& fields() const { return fields_; }
    const std::vector<UploadedFile>& files() const { return files_; }

    void add_field(std::string name, std::string value);
    void add_file(UploadedFile file);

  private:
    std::vector<FormField> fields_;
    std::vector<UploadedFile> files_;
};

/// Parses `body` sent with `content_type` (the Content-Type header's value).
/// The returned files point into `body`. A browser's empty file input
/// (filename="" and no data) yields no file.
Result<MultipartForm> parse_multipart(std::string_view content_type, std::string_view body,
                                      const MultipartLimits& limits);
/// A temporary body would leave the files' data dangling.
Result<MultipartForm> parse_multipart(std::string_view content_type, std::string&& body,
                                      const MultipartLimits& limits) = delete;

/// Parses a request's body using its Content-Type header; the form points into `request.body`.
Result<MultipartForm> parse_multipart(const Request& request, const MultipartLimits& limits);
Result<MultipartForm> parse_multipart(Request&& request, const MultipartLimits& limits) = delete;

/// A client-supplied file name made safe to store and show: the last path
/// component ("C:\\x\\y.png" gives "y.png"), shortened to 200 bytes keeping the
/// extension. Fails (upload.error.filename) on invalid UTF-8, control or bidi
/// override characters, and on names that are empty, "." or "..". It is still
/// not a safe file system path: store files under generated names.
Result<std::string> sanitize_upload_filename(std::string_view raw);

}  // namespace comptoir::http
