#pragma once
// Static assets of the theme, loaded once at start-up: each file gets a
// fingerprinted URL (/static/css/app.3f2a1b9c.css), a strong ETag,
// `Cache-Control: public, max-age=31536000, immutable`, and a gzip copy made
// once, served when the client accepts it.
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "http/message.hpp"

namespace comptoir::http {

class AssetStore {
  public:
    /// Loads every file under each `<dir>/static/`; an earlier directory
    /// overrides a later one for the same relative path (theme over default).
    static Result<AssetStore> load(const std::vector<std::filesystem::path>& theme_dirs);
    /// Adds a generated asset (brand.css from settings).
    void add(std::string logical_path, std::string content);

    /// "/static/css/app.3f2a1b9c.css" for "css/app.css"; throws std::out_of_range when unknown.
    std::string url(std::string_view logical_path) const;
    /// Map of logical path -> fingerprinted URL, for templates.
    std::map<std::string, std::string> urls() const;
    /// Serves GET /static/{rest}: the fingerprinted name (immutable) or the
    /// plain name (revalidated); 304 on a matching If-None-Match; 404 otherwise.
    Response serve(const Request& request) const;

    struct Asset;

  private:
    std::map<std::string, std::shared_ptr<const Asset>, std::less<>> by_logical_;
    std::map<std::string, std::shared_ptr<const Asset>, std::less<>> by_fingerprinted_;
};

}  // namespace comptoir::http
