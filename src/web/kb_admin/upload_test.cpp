// Attachment types are decided from the bytes, and only what an article
// needs passes: a file named .png that is a program, HTML or SVG is refused.
#include "web/kb_admin/upload.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace comptoir::web::kb_admin {
namespace {

std::string from_hex(std::string_view hex) {
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
    return out;
}

// A real 1×1 PNG.
const std::string kPng = from_hex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b49444154789c6360000200000500017a5eab3f"
    "0000000049454e44ae426082");

TEST(KbAdminUpload, TypesAreSniffedFromTheBytes) {
    EXPECT_EQ(sniff_content_type(kPng), "image/png");
    EXPECT_EQ(sniff_content_type(std::string("\xff\xd8\xff\xe0\x00\x10JFIF\x00", 11)), "image/jpeg");
    EXPECT_EQ(sniff_content_type(std::string("GIF89a\x01\x00\x01\x00\x00\x00\x00", 13)), "image/gif");
    EXPECT_EQ(sniff_content_type(std::string("RIFF\x24\x00\x00\x00WEBPVP8 ", 16)), "image/webp");
    EXPECT_EQ(sniff_content_type("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), "application/pdf");
    EXPECT_EQ(sniff_content_type("Bonjour, voici la procédure.\n"), "text/plain");
    EXPECT_EQ(sniff_content_type(""), "application/x-empty");
}

TEST(KbAdminUpload, OnlyImagesAndDocumentsAreAllowed) {
    for (const char* type :
         {"image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain", "text/csv"})
        EXPECT_TRUE(attachment_type_allowed(type)) << type;
    for (const char* type : {"text/html", "image/svg+xml", "application/x-dosexec", "application/x-executable",
                             "application/octet-stream", "application/x-empty", "application/javascript", "text/xml",
                             "application/zip", "", "image/png; charset=binary", "IMAGE/PNG"})
        EXPECT_FALSE(attachment_type_allowed(type)) << type;
}

TEST(KbAdminUpload, DangerousContentIsRefusedWhateverItsName) {
    const std::string html = "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>";
    const std::string svg = "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>";
    std::string exe_bytes = "MZ";
    exe_bytes += std::string("\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00", 14);
    exe_bytes += std::string(64, '\0');
    const std::string exe = exe_bytes;
    const std::string elf = std::string(
                                "\x7f"
                                "ELF\x02\x01\x01\x00",
                                8) +
                            std::string(56, '\0');
    for (const auto* bytes : {&html, &svg, &exe, &elf})
        EXPECT_FALSE(attachment_type_allowed(sniff_content_type(*bytes))) << sniff_content_type(*bytes);
}

TEST(KbAdminUpload, SniffingWorksFromSeveralThreads) {
    std::vector<std::thread> threads;
    std::vector<std::string> seen(4);
    for (std::size_t i = 0; i < seen.size(); ++i)
        threads.emplace_back([&seen, i] { seen[i] = sniff_content_type(kPng); });
    for (auto& t : threads) t.join();
    for (const auto& type : seen) EXPECT_EQ(type, "image/png");
}

TEST(KbAdminUpload, MarkdownToPaste) {
    kb::Attachment image{.id = 7, .file_name = "screen [1].png", .content_type = "image/png"};
    EXPECT_EQ(attachment_markdown(image), "![screen \\[1\\].png](attachment:7)");
    kb::Attachment pdf{.id = 12, .file_name = "tarifs.pdf", .content_type = "application/pdf"};
    EXPECT_EQ(attachment_markdown(pdf), "[tarifs.pdf](attachment:12)");
}

}  // namespace
}  // namespace comptoir::web::kb_admin
