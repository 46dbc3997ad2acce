#include "http/assets.hpp"
#include "http/text.hpp"

#include <sodium.h>
#include <zlib.h>

#include <array>
#include <cctype>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace comptoir::http {

struct AssetStore::Asset {
    std::string logical;        // "css/app.css"
    std::string fingerprinted;  // "css/app.3f2a1b9c0d1e2f30.css"
    std::string content_type;
    std::string etag;       // "\"3f2a1b9c0d1e2f30\""
    std::string gzip_etag;  // "\"3f2a1b9c0d1e2f30-gz\"": another representation, another strong tag
    std::string body;
    std::string gzip;  // empty when not worth it
};

namespace {

constexpr std::string_view kStaticPrefix = "/static/";

struct TypeInfo {
    std::string_view extension, content_type;
    bool text;  // worth compressing
};

constexpr std::array<TypeInfo, 14> kTypes{{
    {"css", "text/css; charset=utf-8", true},
    {"js", "text/javascript; charset=utf-8", true},
    {"mjs", "text/javascript; charset=utf-8", true},
    {"svg", "image/svg+xml", true},
    {"png", "image/png", false},
    {"jpg", "image/jpeg", false},
    {"jpeg", "image/jpeg", false},
    {"webp", "image/webp", false},
    {"ico", "image/x-icon", true},
    {"woff2", "font/woff2", false},
    {"txt", "text/plain; charset=utf-8", true},
    {"json", "application/json", true},
    {"map", "application/json", true},
    {"html", "text/html; charset=utf-8", true},
}};

// Position of the extension's dot in the file name part, or npos.
std::size_t extension_dot(std::string_view path) {
    auto slash = path.rfind('/');
    auto dot = path.rfind('.');
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash))
        return std::string_view::npos;
    if (dot == (slash == std::string_view::npos ? 0 : slash + 1)) return std::string_view::npos;  // ".hidden"
    return dot;
}

const TypeInfo* type_of(std::string_view path) {
    auto dot = extension_dot(path);
    if (dot == std::string_view::npos) return nullptr;
    std::string extension(path.substr(dot + 1));
    for (auto& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& type : kTypes) {
        if (type.extension == extension) return &type;
    }
    return nullptr;
}

std::string hex(const unsigned char* data, std::size_t size) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out += digits[data[i] >> 4];
        out += digits[data[i] & 0xF];
    }
    return out;
}

std::string gzip_compress(std::string_view input) {
    z_stream stream{};
    // 15 + 16: a gzip wrapper rather than raw zlib, which is what Content-Encoding: gzip means.
    if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return {};
    std::string out(deflateBound(&stream, input.size()), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    stream.avail_in = static_cast<uInt>(input.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return rc == Z_STREAM_END ? out : std::string();
}

std::shared_ptr<const AssetStore::Asset> make_asset(std::string logical, std::string content) {
    auto asset = std::make_shared<AssetStore::Asset>();
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(content.data()), content.size());
    std::string fingerprint = hex(digest.data(), 8);

    auto dot = extension_dot(logical);
    if (dot == std::string::npos) {
        asset->fingerprinted = logical + "." + fingerprint;
    } else {
        asset->fingerprinted = logical.substr(0, dot) + "." + fingerprint + logical.substr(dot);
    }
    const TypeInfo* type = type_of(logical);
    asset->content_type = type ? type->content_type : "application/octet-stream";
    asset->etag = "\"" + fingerprint + "\"";
    asset->gzip_etag = "\"" + fingerprint + "-gz\"";
    if (type && type->text) {
        std::string compressed = gzip_compress(content);
        if (!compressed.empty() && compressed.size() < content.size()) asset->gzip = std::move(compressed);
    }
    asset->logical = std::move(logical);
    asset->body = std::move(content);
    return asset;
}

// Calls `f(token, q)` for each element of a comma-separated list with optional ";q=" weights.
template <class F>
void for_each_weighted(std::string_view list, F f) {
    while (!list.empty()) {
        auto comma = list.find(',');
        std::string_view item = list.substr(0, comma);
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
        auto semicolon = item.find(';');
        std::string_view token = trim(item.substr(0, semicolon));
        double q = 1.0;
        while (semicolon != std::string_view::npos) {
            item.remove_prefix(semicolon + 1);
            semicolon = item.find(';');
            std::string_view parameter = trim(item.substr(0, semicolon));
            if (parameter.size() > 2 && (parameter[0] == 'q' || parameter[0] == 'Q') && parameter[1] == '=') {
                try {
                    q = std::stod(std::string(parameter.substr(2)));
                } catch (const std::exception&) {
                    q = 0;  // unreadable weight: do not assume the client wants it
                }
            }
        }
        if (!token.empty()) f(token, q);
    }
}

bool accepts_gzip(std::string_view accept_encoding) {
    std::optional<bool> gzip, any;
    for_each_weighted(accept_encoding, [&](std::string_view token, double q) {
        if (iequals(token, "gzip") || iequals(token, "x-gzip")) gzip = q > 0;
        if (token == "*") any = q > 0;
    });
    return gzip.value_or(any.value_or(false));
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
    bool found = false;
    std::string_view rest = if_none_match;
    while (!rest.empty() && !found) {
        auto comma = rest.find(',');
        std::string_view tag = trim(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        if (tag.starts_with("W/")) tag.remove_prefix(2);  // If-None-Match compares weakly
        found = tag == "*" || tag == etag;
    }
    return found;
}

// The server already rejects these; the store refuses them again so that it
// stays safe if it is ever reached another way.
bool is_safe_relative(std::string_view path) {
    if (path.empty() || path.front() == '/') return false;
    if (path.find('\\') != std::string_view::npos || path.find('\0') != std::string_view::npos) return false;
    std::string_view rest = path;
    for (;;) {
        auto slash = rest.find('/');
        std::string_view segment = rest.substr(0, slash);
        if (segment.empty() || segment == "." || segment == "..") return false;
        if (slash == std::string_view::npos) return true;
        rest.remove_prefix(slash + 1);
    }
}

}  // namespace

Result<AssetStore> AssetStore::load(const std::vector<std::filesystem::path>& theme_dirs) {
    namespace fs = std::filesystem;
    if (sodium_init() < 0) return fail(ErrorCode::internal, "assets", "libsodium failed to initialise");
    AssetStore store;
    for (const auto& dir : theme_dirs) {
        fs::path root = dir / "static";
        std::error_code ec;
        if (!fs::is_directory(root, ec)) continue;
        for (fs::recursive_directory_iterator it(root, ec), end; it != end && !ec; it.increment(ec)) {
            if (!it->is_regular_file(ec)) continue;
            std::string logical = it->path().lexically_relative(root).generic_string();
            if (!is_safe_relative(logical) || logical.find("/.") != std::string::npos || logical.front() == '.') {
                continue;  // hidden files (.DS_Store, .gitkeep) are not published
            }
            if (store.by_logical_.contains(logical)) continue;  // an earlier theme wins
            std::ifstream in(it->path(), std::ios::binary);
            std::ostringstream content;
            content << in.rdbuf();
            if (!in) return fail(ErrorCode::internal, "assets", "cannot read " + it->path().string());
            store.add(std::move(logical), std::move(content).str());
        }
        if (ec) return fail(ErrorCode::internal, "assets", "cannot list " + root.string() + ": " + ec.message());
    }
    return store;
}

void AssetStore::add(std::string logical_path, std::string content) {
    if (auto old = by_logical_.find(logical_path); old != by_logical_.end()) {
        by_fingerprinted_.erase(old->second->fingerprinted);
    }
    auto asset = make_asset(logical_path, std::move(content));
    by_fingerprinted_[asset->fingerprinted] = asset;
    by_logical_[std::move(logical_path)] = std::move(asset);
}

std::string AssetStore::url(std::string_view logical_path) const {
    auto it = by_logical_.find(logical_path);
    if (it == by_logical_.end()) throw std::out_of_range("unknown asset " + std::string(logical_path));
    return std::string(kStaticPrefix) + it->second->fingerprinted;
}

std::map<std::string, std::string> AssetStore::urls() const {
    std::map<std::string, std::string> result;
    for (const auto& [logical, asset] : by_logical_)
        result.emplace(logical, std::string(kStaticPrefix) + asset->fingerprinted);
    return result;
}

Response AssetStore::serve(const Request& request) const {
    std::string_view rest;
    if (auto param = request.params.find("rest"); param != request.params.end()) {
        rest = param->second;
    } else if (std::string_view(request.path).starts_with(kStaticPrefix)) {
        rest = std::string_view(request.path).substr(kStaticPrefix.size());
    }
    Response response;
    response.status = 404;
    if (!is_safe_relative(rest)) return response;

    bool immutable = true;
    auto it = by_fingerprinted_.find(rest);
    if (it == by_fingerprinted_.end()) {
        immutable = false;
        it = by_logical_.find(rest);
        if (it == by_logical_.end()) return response;
    }
    const Asset& asset = *it->second;
    response.headers.set("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
    auto accept_encoding = request.headers.get("Accept-Encoding");
    bool gzip = !asset.gzip.empty() && accept_encoding && accepts_gzip(*accept_encoding);
    const std::string& etag = gzip ? asset.gzip_etag : asset.etag;
    response.headers.set("ETag", etag);
    // Caches must key on Accept-Encoding as soon as two representations exist.
    if (!asset.gzip.empty()) response.headers.set("Vary", "Accept-Encoding");

    auto if_none_match = request.headers.get("If-None-Match");
    if (if_none_match && etag_matches(*if_none_match, etag)) {
        response.status = 304;
        return response;
    }
    response.status = 200;
    response.headers.set("Content-Type", asset.content_type);
    if (gzip) {
        response.headers.set("Content-Encoding", "gzip");
        response.body = asset.gzip;
    } else {
        response.body = asset.body;
    }
    return response;
}

}  // namespace comptoir::http
