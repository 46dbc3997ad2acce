#include "http/assets.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

namespace comptoir::http {
namespace {

namespace fs = std::filesystem;

std::string gunzip(const std::string& data) {
    z_stream stream{};
    EXPECT_EQ(inflateInit2(&stream, 15 + 16), Z_OK);
    std::string out(1 << 20, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    EXPECT_EQ(inflate(&stream, Z_FINISH), Z_STREAM_END);
    out.resize(stream.total_out);
    inflateEnd(&stream);
    return out;
}

bool is_hex(std::string_view s) { return s.find_first_not_of("0123456789abcdef") == std::string_view::npos; }

class AssetsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        root = fs::temp_directory_path() / ("comptoir_assets_" + std::to_string(::getpid()) + "_" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(root);
        css = std::string(4000, ' ');
        for (int i = 0; i < 100; ++i) css += ".card-" + std::to_string(i) + " { color: var(--brand); }\n";
        write("default/static/css/app.css", css);
        write("default/static/js/app.js", "export const x = 1;\n");
        write("default/static/img/logo.png", std::string("\x89PNG\r\n\x1a\n", 8) + std::string(64, '\x01'));
        write("default/static/.hidden", "secret");
        write("brand/static/img/logo.png", "brand logo");
    }
    void TearDown() override { fs::remove_all(root); }
    void write(const std::string& relative, const std::string& content) {
        fs::path path = root / relative;
        fs::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << content;
    }
    AssetStore load() {
        auto store = AssetStore::load({root / "brand", root / "default"});
        EXPECT_TRUE(store.has_value());
        return std::move(*store);
    }
    static Request get(std::string path) {
        Request request;
        request.method = "GET";
        request.path = std::move(path);
        return request;
    }
    fs::path root;
    std::string css;
};

TEST_F(AssetsTest, FingerprintedUrlKeepsExtension) {
    auto store = load();
    std::string url = store.url("css/app.css");
    ASSERT_EQ(url.size(), std::string("/static/css/app.").size() + 16 + 4) << url;
    EXPECT_TRUE(url.starts_with("/static/css/app.")) << url;
    EXPECT_TRUE(url.ends_with(".css")) << url;
    EXPECT_TRUE(is_hex(url.substr(16, 16))) << url;
    EXPECT_EQ(store.urls().at("css/app.css"), url);
    EXPECT_THROW(store.url("css/missing.css"), std::out_of_range);
    EXPECT_FALSE(store.urls().contains(".hidden"));
}

TEST_F(AssetsTest, FingerprintIsStableAndFollowsContent) {
    std::string first = load().url("js/app.js");
    EXPECT_EQ(load().url("js/app.js"), first);
    write("default/static/js/app.js", "export const x = 2;\n");
    EXPECT_NE(load().url("js/app.js"), first);
}

TEST_F(AssetsTest, EarlierThemeDirectoryWins) {
    auto store = load();
    auto response = store.serve(get("/static/img/logo.png"));
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "brand logo");
    EXPECT_EQ(response.headers.get("Content-Type"), "image/png");
}

TEST_F(AssetsTest, FingerprintedNameIsImmutable) {
    auto store = load();
    auto response = store.serve(get(store.url("css/app.css")));
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, css);
    EXPECT_EQ(response.headers.get("Cache-Control"), "public, max-age=31536000, immutable");
    EXPECT_EQ(response.headers.get("Content-Type"), "text/css; charset=utf-8");
    auto etag = response.headers.get("ETag");
    ASSERT_TRUE(etag);
    ASSERT_EQ(etag->size(), 18u) << *etag;
    EXPECT_TRUE(etag->front() == '"' && etag->back() == '"') << *etag;
    EXPECT_TRUE(is_hex(etag->substr(1, 16))) << *etag;
}

TEST_F(AssetsTest, PlainNameRevalidates) {
    auto store = load();
    auto response = store.serve(get("/static/css/app.css"));
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.headers.get("Cache-Control"), "no-cache");
    EXPECT_TRUE(response.headers.has("ETag"));
}

TEST_F(AssetsTest, RouterParamIsPreferred) {
    auto store = load();
    Request request = get("/ignored");
    request.params["rest"] = "js/app.js";
    EXPECT_EQ(store.serve(request).body, "export const x = 1;\n");
}

TEST_F(AssetsTest, GzipWhenAccepted) {
    auto store = load();
    Request request = get(store.url("css/app.css"));
    request.headers.add("Accept-Encoding", "br, gzip;q=0.8, deflate");
    auto response = store.serve(request);
    EXPECT_EQ(response.headers.get("Content-Encoding"), "gzip");
    EXPECT_EQ(response.headers.get("Vary"), "Accept-Encoding");
    EXPECT_LT(response.body.size(), css.size());
    EXPECT_EQ(gunzip(response.body), css);
}

TEST_F(AssetsTest, NoGzipWhenRefusedOrAbsent) {
    auto store = load();
    for (const char* accept : {"gzip;q=0", "identity", "br", "gzip; q=0.000, *;q=1", ""}) {
        Request request = get(store.url("css/app.css"));
        if (*accept) request.headers.add("Accept-Encoding", accept);
        auto response = store.serve(request);
        EXPECT_FALSE(response.headers.has("Content-Encoding")) << accept;
        EXPECT_EQ(response.body, css) << accept;
        EXPECT_EQ(response.headers.get("Vary"), "Accept-Encoding") << accept;
    }
    Request star = get(store.url("css/app.css"));
    star.headers.add("Accept-Encoding", "*");
    EXPECT_EQ(store.serve(star).headers.get("Content-Encoding"), "gzip");
}

TEST_F(AssetsTest, NoGzipForImagesOrTinyFiles) {
    auto store = load();
    for (const char* path : {"/static/img/logo.png", "/static/js/app.js"}) {
        Request request = get(path);
        request.headers.add("Accept-Encoding", "gzip");
        auto response = store.serve(request);
        EXPECT_FALSE(response.headers.has("Content-Encoding")) << path;
        EXPECT_FALSE(response.headers.has("Vary")) << path;
    }
}

TEST_F(AssetsTest, IfNoneMatchGives304WithoutBody) {
    auto store = load();
    auto first = store.serve(get(store.url("css/app.css")));
    std::string etag(*first.headers.get("ETag"));
    for (std::string header : {etag, "\"other\", " + etag, "W/" + etag, std::string("*")}) {
        Request request = get(store.url("css/app.css"));
        request.headers.add("If-None-Match", header);
        auto response = store.serve(request);
        EXPECT_EQ(response.status, 304) << header;
        EXPECT_TRUE(response.body.empty());
        EXPECT_EQ(response.headers.get("ETag"), etag);
    }
    Request stale = get(store.url("css/app.css"));
    stale.headers.add("If-None-Match", "\"0000000000000000\"");
    EXPECT_EQ(store.serve(stale).status, 200);
}

TEST_F(AssetsTest, GzipCopyHasItsOwnEtag) {
    auto store = load();
    Request request = get(store.url("css/app.css"));
    request.headers.add("Accept-Encoding", "gzip");
    auto gz = store.serve(request);
    auto plain = store.serve(get(store.url("css/app.css")));
    EXPECT_NE(gz.headers.get("ETag"), plain.headers.get("ETag"));
    request.headers.add("If-None-Match", std::string(*gz.headers.get("ETag")));
    EXPECT_EQ(store.serve(request).status, 304);
}

TEST_F(AssetsTest, UnknownAndTraversalAre404) {
    auto store = load();
    for (const char* path :
         {"/static/nope.css", "/static/", "/static/../default/static/css/app.css", "/static/css/../css/app.css",
          "/static/./css/app.css", "/static//css/app.css", "/static/css\\app.css", "/static/.hidden", "/elsewhere"}) {
        auto response = store.serve(get(path));
        EXPECT_EQ(response.status, 404) << path;
        EXPECT_TRUE(response.body.empty()) << path;
    }
}

TEST_F(AssetsTest, AddedAssetIsServedAndReplaceable) {
    auto store = load();
    store.add("css/brand.css", ":root { --brand: #c00; }");
    std::string old_url = store.url("css/brand.css");
    EXPECT_EQ(store.serve(get(old_url)).body, ":root { --brand: #c00; }");
    store.add("css/brand.css", ":root { --brand: #00c; }");
    EXPECT_NE(store.url("css/brand.css"), old_url);
    EXPECT_EQ(store.serve(get(old_url)).status, 404);
    EXPECT_EQ(store.serve(get("/static/css/brand.css")).body, ":root { --brand: #00c; }");
}

TEST_F(AssetsTest, MissingDirectoriesAreSkipped) {
    auto store = AssetStore::load({root / "nope", root / "default"});
    ASSERT_TRUE(store);
    EXPECT_NO_THROW(store->url("css/app.css"));
}

}  // namespace
}  // namespace comptoir::http
