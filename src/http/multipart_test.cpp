#include "http/multipart.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <string>

#include "http/message.hpp"

namespace comptoir::http {
namespace {

using namespace std::string_literals;

constexpr std::string_view content_type = "multipart/form-data; boundary=XyZ";

// One part: `headers` are complete lines, each ending in CRLF.
std::string part(std::string_view headers, std::string_view content) {
    return "--XyZ\r\n" + std::string(headers) + "\r\n" + std::string(content) + "\r\n";
}

std::string field_part(std::string_view name, std::string_view value) {
    return part("Content-Disposition: form-data; name=\"" + std::string(name) + "\"\r\n", value);
}

std::string file_part(std::string_view name, std::string_view filename, std::string_view data,
                      std::string_view type = "application/octet-stream") {
    return part("Content-Disposition: form-data; name=\"" + std::string(name) + "\"; filename=\"" +
                    std::string(filename) + "\"\r\nContent-Type: " + std::string(type) + "\r\n",
                data);
}

const std::string closing = "--XyZ--\r\n";

// A part whose Content-Disposition is `disposition` and whose data is "x".
std::string disposition_part(std::string_view disposition) {
    return part("Content-Disposition: " + std::string(disposition) + "\r\n", "x") + closing;
}

// Files in the result point into `body`: tests that read file data keep the body in a variable.
Result<MultipartForm> parse(const std::string& body, const MultipartLimits& limits = {}) {
    return parse_multipart(content_type, body, limits);
}

void expect_error(const Result<MultipartForm>& result, std::string_view key, ErrorCode code) {
    ASSERT_FALSE(result.has_value()) << "expected " << key;
    EXPECT_EQ(result.error().public_message, key);
    EXPECT_EQ(result.error().code, code);
    EXPECT_FALSE(result.error().internal_detail.empty());
}

void expect_malformed(const Result<MultipartForm>& result) {
    expect_error(result, "upload.error.malformed", ErrorCode::invalid_input);
}

// --- well-formed bodies -------------------------------------------------

TEST(Multipart, ParsesFieldsAndFilesAsABrowserSendsThem) {
    const std::string body =
        "------WebKitFormBoundary7MA4YWxkTrZu0gW\r\n"
        "Content-Disposition: form-data; name=\"title\"\r\n"
        "\r\n"
        "Réinitialiser son mot de passe\r\n"
        "------WebKitFormBoundary7MA4YWxkTrZu0gW\r\n"
        "Content-Disposition: form-data; name=\"attachment\"; filename=\"capture.png\"\r\n"
        "Content-Type: image/png\r\n"
        "\r\n"
        "\x89PNG\r\n\x1a\n\r\n"
        "------WebKitFormBoundary7MA4YWxkTrZu0gW--\r\n";
    auto form = parse_multipart("multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW", body, {});
    ASSERT_TRUE(form) << form.error().internal_detail;
    EXPECT_EQ(form->field("title"), "Réinitialiser son mot de passe");
    ASSERT_EQ(form->files().size(), 1u);
    const auto& file = form->files()[0];
    EXPECT_EQ(file.field, "attachment");
    EXPECT_EQ(file.filename, "capture.png");
    EXPECT_EQ(file.content_type, "image/png");
    EXPECT_EQ(file.data, "\x89PNG\r\n\x1a\n"s);
    // The data is a view into the body, not a copy.
    EXPECT_GE(file.data.data(), body.data());
    EXPECT_LE(file.data.data() + file.data.size(), body.data() + body.size());
}

TEST(Multipart, BinaryDataWithNulCrLfAndBoundaryLookalikesIsKeptByteForByte) {
    std::string data = "\0\0\r\n\r\n\n\r"s;
    data += "--XyZ in the middle of a line\r\n";  // boundary text not at a line start
    data += "\r\n--XyZX not a delimiter\r\n";     // at a line start but followed by text
    data += "\r\n--XyZ--trailing\r\n";            // close-like, followed by text
    data += "\r\n--Xy\r\n\r\n-\r\n--";            // partial boundary
    for (int b = 0; b < 256; ++b) data.push_back(static_cast<char>(b));
    data += "\r\n";  // data ending in CRLF: the delimiter's own CRLF comes after it
    const std::string body = file_part("blob", "dump.bin", data) + closing;
    auto form = parse(body);
    ASSERT_TRUE(form) << form.error().internal_detail;
    ASSERT_EQ(form->files().size(), 1u);
    EXPECT_EQ(form->files()[0].data.size(), data.size());
    EXPECT_EQ(form->files()[0].data, data);
}

TEST(Multipart, EmptyFileAndEmptyFieldAreKept) {
    const std::string body = field_part("empty", "") + file_part("doc", "empty.txt", "", "text/plain") + closing;
    auto form = parse(body);
    ASSERT_TRUE(form) << form.error().internal_detail;
    EXPECT_EQ(form->field("empty"), "");
    ASSERT_EQ(form->files("doc").size(), 1u);
    EXPECT_EQ(form->files("doc")[0].data, "");
    EXPECT_EQ(form->files("doc")[0].filename, "empty.txt");
}

TEST(Multipart, FieldValuesKeepTheirLineBreaks) {
    auto form = parse(field_part("body", "# Titre\r\n\r\nParagraphe\r\n") + closing);
    ASSERT_TRUE(form);
    EXPECT_EQ(form->field("body"), "# Titre\r\n\r\nParagraphe\r\n");
}

TEST(Multipart, BoundaryMayBeQuotedAndCarryRfcCharacters) {
    const std::string boundary = "a'()+_,-./:=? z";  // every special bchar, with an inner space
    const std::string body =
        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"q\"\r\n\r\nv\r\n--" + boundary + "--\r\n";
    auto form = parse_multipart("multipart/form-data; boundary=\"" + boundary + "\"", body, {});
    ASSERT_TRUE(form) << form.error().internal_detail;
    EXPECT_EQ(form->field("q"), "v");
}

TEST(Multipart, MediaTypeIsCaseInsensitiveAndOtherParametersAreIgnored) {
    const std::string body = field_part("a", "1") + closing;
    for (std::string_view header :
         {"Multipart/Form-Data; BOUNDARY=XyZ", "multipart/form-data;charset=utf-8;boundary=XyZ",
          "multipart/form-data ; boundary=XyZ ; ", "multipart/form-data; boundary=\"XyZ\""}) {
        auto form = parse_multipart(header, body, {});
        ASSERT_TRUE(form) << header;
        EXPECT_EQ(form->field("a"), "1") << header;
    }
}

TEST(Multipart, LongestAllowedBoundaryWorks) {
    const std::string boundary(70, 'b');
    const std::string body =
        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--" + boundary + "--";
    auto form = parse_multipart("multipart/form-data; boundary=" + boundary, body, {});
    ASSERT_TRUE(form) << form.error().internal_detail;
    EXPECT_EQ(form->field("a"), "1");
}

TEST(Multipart, PreambleAndEpilogueAreIgnored) {
    auto form = parse("This is a preamble --XyZ not a delimiter\r\n" + field_part("a", "1") +
                      "--XyZ--\r\nepilogue\r\n--XyZ\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n");
    ASSERT_TRUE(form) << form.error().internal_detail;
    EXPECT_EQ(form->field("a"), "1");
    EXPECT_FALSE(form->field("b"));
    EXPECT_EQ(form->fields().size(), 1u);
}

TEST(Multipart, ClosingDelimiterMayEndTheBodyAndDelimitersMayHavePadding) {
    auto form = parse("--XyZ \t\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ-- ");
    ASSERT_TRUE(form) << form.error().internal_detail;
    EXPECT_EQ(form->field("a"), "1");
}

TEST(Multipart, BodyWithOnlyTheClosingDelimiterIsAnEmptyForm) {
    auto form = parse("--XyZ--\r\n");
    ASSERT_TRUE(form);
    EXPECT_TRUE(form->fields().empty());
    EXPECT_TRUE(form->files().empty());
}

TEST(Multipart, HeaderNamesAreCaseInsensitiveAndUnknownHeadersIgnored) {
    auto form = parse(part("content-disposition: FORM-DATA; NAME=\"doc\"; FileName=\"a.txt\"\r\n"
                           "CONTENT-TYPE: text/plain; charset=utf-8\r\n"
                           "X-Custom: whatever\r\n"
                           "Content-Transfer-Encoding: binary\r\n",
                           "hello") +
                      closing);
    ASSERT_TRUE(form) << form.error().internal_detail;
    ASSERT_EQ(form->files("doc").size(), 1u);
    EXPECT_EQ(form->files("doc")[0].filename, "a.txt");
    EXPECT_EQ(form->files("doc")[0].content_type, "text/plain; charset=utf-8");
}

TEST(Multipart, UndeclaredFileContentTypeIsEmpty) {
    auto form = parse(part("Content-Disposition: form-data; name=\"doc\"; filename=\"a.bin\"\r\n", "x") + closing);
    ASSERT_TRUE(form);
    ASSERT_EQ(form->files().size(), 1u);
    EXPECT_EQ(form->files()[0].content_type, "");
}

TEST(Multipart, UnquotedParameterValuesAreAccepted) {
    auto form = parse(disposition_part("form-data; name=plain; filename=report.pdf"));
    ASSERT_TRUE(form) << form.error().internal_detail;
    ASSERT_EQ(form->files("plain").size(), 1u);
    EXPECT_EQ(form->files("plain")[0].filename, "report.pdf");
}

TEST(Multipart, QuotedStringsUnescapeQuotesAndBackslashes) {
    auto form = parse(disposition_part(R"(form-data; name="say \"hi\" \\o/"; filename="a \"b\".txt")"));
    ASSERT_TRUE(form) << form.error().internal_detail;
    ASSERT_EQ(form->files().size(), 1u);
    EXPECT_EQ(form->files()[0].field, "say \"hi\" \\o/");
    EXPECT_EQ(form->files()[0].filename, "a \"b\".txt");
}

TEST(Multipart, HtmlStyleEscapedQuoteInFilenameIsDecoded) {
    // The HTML standard has browsers send '"' as %22 instead of a backslash escape.
    auto form = parse(disposition_part(R"(form-data; name="f"; filename="my %22best%22 shot.jpg")"));
    ASSERT_TRUE(form);
    ASSERT_EQ(form->files().size(), 1u);
    EXPECT_EQ(form->files()[0].filename, "my \"best\" shot.jpg");
}

TEST(Multipart, Utf8FilenameSentRawIsKept) {
    auto form = parse(disposition_part("form-data; name=\"f\"; filename=\"résumé 履歴書.pdf\""));
    ASSERT_TRUE(form);
    EXPECT_EQ(form->files()[0].filename, "résumé 履歴書.pdf");
}

TEST(Multipart, PathComponentsAreStrippedFromFilenames) {
    struct Case {
        std::string sent;
        std::string kept;
    };
    for (const auto& [sent, kept] : std::vector<Case>{{R"(C:\x\y.png)", "y.png"},
                                                      {"/etc/passwd", "passwd"},
                                                      {"../../secret.txt", "secret.txt"},
                                                      {R"(..\..\boot.ini)", "boot.ini"},
                                                      {R"(dir/sub\mixed.doc)", "mixed.doc"},
                                                      {"plain.txt", "plain.txt"}}) {
        auto form = parse(disposition_part("form-data; name=\"f\"; filename=\"" + sent + "\""));
        ASSERT_TRUE(form) << sent;
        ASSERT_EQ(form->files().size(), 1u) << sent;
        EXPECT_EQ(form->files()[0].filename, kept) << sent;
    }
}

TEST(Multipart, ExtendedFilenameIsPreferredOverPlainFilename) {
    auto form =
        parse(disposition_part("form-data; name=\"f\"; filename=\"EUR rates.pdf\"; "
                               "filename*=UTF-8''%E2%82%AC%20rates.pdf"));
    ASSERT_TRUE(form) << form.error().internal_detail;
    EXPECT_EQ(form->files()[0].filename, "€ rates.pdf");

    // Order does not matter, and the charset name is case-insensitive.
    form = parse(disposition_part("form-data; filename*=utf-8'fr'caf%C3%A9.txt; name=\"f\"; filename=\"cafe.txt\""));
    ASSERT_TRUE(form) << form.error().internal_detail;
    EXPECT_EQ(form->files()[0].filename, "café.txt");
}

TEST(Multipart, ExtendedFilenameInLatin1IsConvertedToUtf8) {
    auto form = parse(disposition_part("form-data; name=\"f\"; filename*=ISO-8859-1''caf%E9.txt"));
    ASSERT_TRUE(form) << form.error().internal_detail;
    EXPECT_EQ(form->files()[0].filename, "café.txt");
}

TEST(Multipart, ExtendedFilenameInUnknownCharsetFallsBackToFilename) {
    auto form = parse(disposition_part("form-data; name=\"f\"; filename*=KOI8-R''%C1.txt; filename=\"a.txt\""));
    ASSERT_TRUE(form) << form.error().internal_detail;
    EXPECT_EQ(form->files()[0].filename, "a.txt");

    expect_error(parse(disposition_part("form-data; name=\"f\"; filename*=KOI8-R''%C1.txt")), "upload.error.filename",
                 ErrorCode::invalid_input);
}

TEST(Multipart, ExtendedFilenameIsPathStrippedAndValidatedToo) {
    auto form = parse(disposition_part("form-data; name=\"f\"; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd"));
    ASSERT_TRUE(form);
    EXPECT_EQ(form->files()[0].filename, "passwd");
    expect_error(parse(disposition_part("form-data; name=\"f\"; filename*=UTF-8''a%00b.txt")), "upload.error.filename",
                 ErrorCode::invalid_input);
    expect_error(parse(disposition_part("form-data; name=\"f\"; filename*=UTF-8''%FF.txt")), "upload.error.filename",
                 ErrorCode::invalid_input);
}

TEST(Multipart, MalformedExtendedFilenameIsRejected) {
    for (std::string_view value : {"UTF-8%E2%82%AC.pdf", "UTF-8'%E2.pdf", "UTF-8''%E.pdf", "UTF-8''%GG.pdf",
                                   "UTF-8''a%2", "\"UTF-8''a b.pdf\""}) {
        expect_malformed(parse(disposition_part("form-data; name=\"f\"; filename*=" + std::string(value))));
    }
}

TEST(Multipart, EmptyFileInputYieldsNoFile) {
    // What a browser sends when the user chose no file.
    auto form = parse(field_part("title", "t") + file_part("attachment", "", "") + closing);
    ASSERT_TRUE(form) << form.error().internal_detail;
    EXPECT_TRUE(form->files().empty());
    EXPECT_TRUE(form->files("attachment").empty());
    EXPECT_FALSE(form->field("attachment"));  // and it is not a text field either
    EXPECT_EQ(form->field("title"), "t");
}

TEST(Multipart, EmptyFilenameWithDataIsRejected) {
    expect_error(parse(file_part("attachment", "", "data") + closing), "upload.error.filename",
                 ErrorCode::invalid_input);
}

TEST(Multipart, LongFilenamesAreShortenedKeepingExtensionAndWholeCharacters) {
    std::string stem;
    for (int i = 0; i < 150; ++i) stem += "é";  // 300 bytes
    auto form = parse(disposition_part("form-data; name=\"f\"; filename=\"" + stem + ".jpeg\""));
    ASSERT_TRUE(form);
    const std::string& name = form->files()[0].filename;
    EXPECT_LE(name.size(), max_upload_filename_bytes);
    EXPECT_GE(name.size(), max_upload_filename_bytes - 1);
    EXPECT_TRUE(name.ends_with(".jpeg"));
    EXPECT_TRUE(is_valid_utf8(name));
    EXPECT_TRUE(name.starts_with("éé"));

    // Exactly at the cap: unchanged.
    const std::string exact = std::string(196, 'a') + ".txt";
    form = parse(disposition_part("form-data; name=\"f\"; filename=\"" + exact + "\""));
    ASSERT_TRUE(form);
    EXPECT_EQ(form->files()[0].filename, exact);

    // No usable extension: a plain cut.
    form = parse(disposition_part("form-data; name=\"f\"; filename=\"" + std::string(300, 'z') + "\""));
    ASSERT_TRUE(form);
    EXPECT_EQ(form->files()[0].filename, std::string(200, 'z'));
}

// --- accessors ------------------------------------------------------------

TEST(MultipartForm, AccessorsFindFieldsAndFilesByName) {
    const std::string body = field_part("tag", "a") + field_part("tag", "b") + file_part("files", "1.txt", "one") +
                             field_part("lang", "fr") + file_part("files", "2.txt", "two") +
                             file_part("cover", "c.png", "c") + closing;
    auto form = parse(body);
    ASSERT_TRUE(form) << form.error().internal_detail;
    EXPECT_EQ(form->field("tag"), "a");
    EXPECT_EQ(form->field_values("tag"), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(form->field("lang"), "fr");
    EXPECT_FALSE(form->field("missing"));
    EXPECT_FALSE(form->field("files"));  // a file is not a text field
    EXPECT_TRUE(form->field_values("missing").empty());
    auto files = form->files("files");
    ASSERT_EQ(files.size(), 2u);
    EXPECT_EQ(files[0].filename, "1.txt");
    EXPECT_EQ(files[0].data, "one");
    EXPECT_EQ(files[1].filename, "2.txt");
    EXPECT_EQ(files[1].data, "two");
    EXPECT_EQ(form->files("cover").size(), 1u);
    EXPECT_TRUE(form->files("tag").empty());
    EXPECT_EQ(form->files().size(), 3u);
    EXPECT_EQ(form->fields().size(), 3u);
}

TEST(MultipartForm, NamesAreCaseSensitive) {
    auto form = parse(field_part("Title", "x") + closing);
    ASSERT_TRUE(form);
    EXPECT_EQ(form->field("Title"), "x");
    EXPECT_FALSE(form->field("title"));
}

TEST(MultipartForm, CanBeBuiltByHandForHandlerTests) {
    MultipartForm form;
    form.add_field("title", "t");
    form.add_file({"attachment", "a.txt", "text/plain", "data"});
    EXPECT_EQ(form.field("title"), "t");
    ASSERT_EQ(form.files("attachment").size(), 1u);
    EXPECT_EQ(form.files("attachment")[0].data, "data");
}

TEST(Multipart, RequestOverloadReadsContentTypeHeader) {
    Request request;
    request.headers.add("Content-Type", std::string(content_type));
    request.body = field_part("a", "1") + file_part("f", "x.txt", "xyz") + closing;
    auto form = parse_multipart(request, {});
    ASSERT_TRUE(form) << form.error().internal_detail;
    EXPECT_EQ(form->field("a"), "1");
    EXPECT_EQ(form->files("f")[0].data, "xyz");

    Request without_type;
    without_type.body = request.body;
    expect_error(parse_multipart(without_type, {}), "upload.error.not_multipart", ErrorCode::invalid_input);
}

// --- Content-Type and boundary errors -----------------------------------

TEST(Multipart, OtherMediaTypesAreNotMultipart) {
    const std::string body = field_part("a", "1") + closing;
    for (std::string_view header : {"application/x-www-form-urlencoded", "multipart/mixed; boundary=XyZ", "text/plain",
                                    "", "multipart/form-data-x; boundary=XyZ", "/; boundary=XyZ"}) {
        expect_error(parse_multipart(header, body, {}), "upload.error.not_multipart", ErrorCode::invalid_input);
    }
}

TEST(Multipart, BadBoundariesAreRejected) {
    const std::string body = field_part("a", "1") + closing;
    for (std::string header :
         {"multipart/form-data"s, "multipart/form-data; boundary="s, "multipart/form-data; boundary=\"\""s,
          "multipart/form-data; boundary=" + std::string(71, 'b'),
          "multipart/form-data; boundary=\"ab \""s,  // may not end with a space
          "multipart/form-data; boundary=\"a<b\""s, "multipart/form-data; boundary=\"a\\\"b\""s,
          "multipart/form-data; boundary=XyZ; boundary=XyZ"s,  // repeated parameter
          "multipart/form-data; boundary=\"XyZ"s,              // unterminated quote
          "multipart/form-data; boundary=Xy Z"s}) {
        auto result = parse_multipart(header, body, {});
        ASSERT_FALSE(result) << header;
        EXPECT_EQ(result.error().code, ErrorCode::invalid_input) << header;
        EXPECT_TRUE(result.error().public_message == "upload.error.malformed" ||
                    result.error().public_message == "upload.error.not_multipart")
            << header << ": " << result.error().public_message;
    }
    expect_malformed(parse_multipart("multipart/form-data", body, {}));
    expect_malformed(parse_multipart("multipart/form-data; boundary=" + std::string(71, 'b'), body, {}));
}

// --- body structure errors ------------------------------------------------

TEST(Multipart, MissingClosingBoundaryIsRejected) {
    expect_malformed(parse(field_part("a", "1")));            // ends after a part's CRLF
    expect_malformed(parse(field_part("a", "1") + "--XyZ"));  // a delimiter, not a closing one
    expect_malformed(parse(field_part("a", "1") + "--XyZ-"));
    expect_malformed(parse("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\ntruncated data"));
}

TEST(Multipart, BodyWithoutDelimiterIsRejected) {
    expect_malformed(parse(""));
    expect_malformed(parse("just some text"));
    expect_malformed(parse("--XyZZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZZ--\r\n"));
    expect_malformed(parse("--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--xyz--\r\n"));  // case
}

TEST(Multipart, BareLineFeedsAreRejected) {
    expect_malformed(parse("--XyZ\nContent-Disposition: form-data; name=\"a\"\n\n1\n--XyZ--\n"));
    // A bare LF inside the header section.
    expect_malformed(parse(part("Content-Disposition: form-data; name=\"a\"\nX: y\r\n", "1") + closing));
    // A bare CR inside a header line.
    expect_malformed(parse(part("Content-Disposition: form-data;\r name=\"a\"\r\n", "1") + closing));
}

TEST(Multipart, HeaderSectionAtTheLimitIsAcceptedAndBeyondRejected) {
    MultipartLimits limits;
    limits.max_header_bytes = 100;
    const std::string disposition = "Content-Disposition: form-data; name=\"a\"";
    auto with_header_bytes = [&](std::size_t n) {
        std::string filler = "X-Pad: " + std::string(n - disposition.size() - 2 - 7, 'p');
        return part(disposition + "\r\n" + filler + "\r\n", "1") + closing;
    };
    auto form = parse(with_header_bytes(100), limits);
    ASSERT_TRUE(form) << form.error().internal_detail;
    EXPECT_EQ(form->field("a"), "1");
    expect_malformed(parse(with_header_bytes(101), limits));
}

TEST(Multipart, EndlessHeaderSectionIsRejected) {
    expect_malformed(parse("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nX: " + std::string(100'000, 'h')));
    expect_malformed(parse("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"));  // no empty line at all
}

TEST(Multipart, MissingOrWrongContentDispositionIsRejected) {
    expect_malformed(parse(part("Content-Type: text/plain\r\n", "x") + closing));
    expect_malformed(parse(part("", "x") + closing));  // no headers at all
    expect_malformed(parse(disposition_part("attachment; name=\"a\"")));
    expect_malformed(parse(disposition_part("inline")));
    expect_malformed(parse(part("Content-Disposition: form-data; name=\"a\"\r\n"
                                "Content-Disposition: form-data; name=\"b\"\r\n",
                                "x") +
                           closing));
}

TEST(Multipart, PartWithoutNameIsRejected) {
    expect_malformed(parse(disposition_part("form-data")));
    expect_malformed(parse(disposition_part("form-data; filename=\"a.txt\"")));
    expect_malformed(parse(disposition_part("form-data; name=\"\"")));
    expect_malformed(parse(disposition_part("form-data; name=")));
}

TEST(Multipart, MalformedDispositionParametersAreRejected) {
    for (std::string_view disposition :
         {"form-data; name=\"a", "form-data; name=\"a\" x", "form-data; name", "form-data name=\"a\"",
          "form-data; name=\"a\"; name=\"b\"", "form-data; name=\"a\"; filename=\"x\"; filename=\"y\"",
          "form-data; =\"a\"", "form-data; name=a b", "form-data; na me=\"a\"", "form-data;; name=\"a\""}) {
        expect_malformed(parse(disposition_part(disposition)));
    }
}

TEST(Multipart, BadHeaderLinesAreRejected) {
    expect_malformed(parse(part("Content-Disposition: form-data;\r\n name=\"a\"\r\n", "x") + closing));  // folded
    expect_malformed(parse(part("Content-Disposition: form-data; name=\"a\"\r\nno colon here\r\n", "x") + closing));
    expect_malformed(parse(part("Content-Disposition: form-data; name=\"a\"\r\nBad Name: x\r\n", "x") + closing));
    expect_malformed(parse(part("Content-Disposition: form-data; name=\"a\"\r\n: empty\r\n", "x") + closing));
    expect_malformed(parse(part("Content-Disposition: form-data; name=\"a\x01\"\r\n", "x") + closing));
    expect_malformed(parse(part("Content-Disposition: form-data; name=\"a\"\r\nX: a\0b\r\n"s, "x") + closing));
}

TEST(Multipart, BadFieldNamesAreRejected) {
    expect_malformed(parse(disposition_part("form-data; name=\"\xff\"")));
    expect_malformed(
        parse(disposition_part("form-data; name=\"a\xe2\x80\xae"
                               "b\"")));  // right-to-left override
}

TEST(Multipart, EncodedPartsAreRejected) {
    expect_malformed(parse(part("Content-Disposition: form-data; name=\"f\"; filename=\"a.bin\"\r\n"
                                "Content-Transfer-Encoding: base64\r\n",
                                "aGVsbG8=") +
                           closing));
    expect_malformed(parse(part("Content-Disposition: form-data; name=\"a\"\r\n"
                                "Content-Transfer-Encoding: quoted-printable\r\n",
                                "x=3Dy") +
                           closing));
}

TEST(Multipart, BadPartContentTypeIsRejected) {
    expect_malformed(parse(file_part("f", "a.png", "x", "image png") + closing));
    expect_malformed(parse(file_part("f", "a.png", "x", "image/png; q") + closing));
    expect_malformed(parse(part("Content-Disposition: form-data; name=\"f\"; filename=\"a\"\r\n"
                                "Content-Type: a/b\r\nContent-Type: c/d\r\n",
                                "x") +
                           closing));
}

TEST(Multipart, FieldValueMustBeUtf8) {
    expect_malformed(parse(field_part("a", "caf\xe9") + closing));
    expect_malformed(parse(field_part("a", "\xed\xa0\x80") + closing));  // a UTF-16 surrogate
}

// --- file name errors -----------------------------------------------------

TEST(Multipart, UnsafeFilenamesAreRejected) {
    for (std::string name : {"tab\t.txt"s,     // the one control a header line may carry
                             "caf\xe9.txt"s,   // Latin-1, not UTF-8
                             "\xc0\xaf.txt"s,  // overlong '/'
                             "a\xc2\x85"
                             "b.txt"s,  // C1 control NEL
                             "invoice\xe2\x80\xae"
                             "fdp.exe"s,  // right-to-left override
                             "a\xe2\x81\xa6"
                             "b.txt"s,  // left-to-right isolate
                             "dir/"s, R"(C:\dir\x\..)"s, "."s, ".."s, "a/.."s, "/"s}) {
        auto result = parse(disposition_part("form-data; name=\"f\"; filename=\"" + name + "\""));
        expect_error(result, "upload.error.filename", ErrorCode::invalid_input);
    }
    // Percent-encoded controls reach the name check through filename*.
    for (std::string_view encoded : {"a%01.txt", "a%1F.txt", "a%7F.txt", "a%0D%0A.txt"}) {
        expect_error(parse(disposition_part("form-data; name=\"f\"; filename*=UTF-8''" + std::string(encoded))),
                     "upload.error.filename", ErrorCode::invalid_input);
    }
    // Raw controls break the header line itself.
    for (std::string name : {"a\x01.txt"s, "a\x1f.txt"s, "a\x7f.txt"s, "a\0.txt"s}) {
        expect_malformed(parse(disposition_part("form-data; name=\"f\"; filename=\"" + name + "\"")));
    }
}

TEST(SanitizeUploadFilename, KeepsTheLastPathComponent) {
    EXPECT_EQ(sanitize_upload_filename("C:\\x\\y.png"), "y.png");
    EXPECT_EQ(sanitize_upload_filename("a/b/c.tar.gz"), "c.tar.gz");
    EXPECT_EQ(sanitize_upload_filename(".htaccess"), ".htaccess");
    EXPECT_EQ(sanitize_upload_filename("résumé.pdf"), "résumé.pdf");
    EXPECT_FALSE(sanitize_upload_filename(""));
    EXPECT_FALSE(sanitize_upload_filename("a\0b"s));
    EXPECT_EQ(sanitize_upload_filename("a\nb").error().public_message, "upload.error.filename");
}

TEST(SanitizeUploadFilename, ShortensOnCodePointBoundaries) {
    // 4-byte characters: the cut must back off to a character start.
    std::string name = "a";
    for (int i = 0; i < 60; ++i) name += "\xf0\x9f\x93\x84";  // U+1F4C4: 241 bytes in all
    name += ".pdf";
    auto shortened = sanitize_upload_filename(name);
    ASSERT_TRUE(shortened);
    EXPECT_TRUE(is_valid_utf8(*shortened));
    // 196 bytes of stem would split the 49th character: "a" and 48 whole characters remain.
    EXPECT_EQ(*shortened, name.substr(0, 1 + 48 * 4) + ".pdf");
}

// --- limits -----------------------------------------------------------------

TEST(Multipart, PartCountLimit) {
    MultipartLimits limits;
    limits.max_parts = 5;
    std::string body;
    for (int i = 0; i < 5; ++i) body += field_part("f" + std::to_string(i), "v");
    auto form = parse(body + closing, limits);
    ASSERT_TRUE(form);
    EXPECT_EQ(form->fields().size(), 5u);
    body += field_part("f5", "v");
    expect_error(parse(body + closing, limits), "upload.error.too_many_parts", ErrorCode::too_large);
}

TEST(Multipart, DefaultPartCountLimitIsFifty) {
    std::string body;
    for (int i = 0; i < 50; ++i) body += field_part("f", "v");
    EXPECT_TRUE(parse(body + closing));
    expect_error(parse(body + field_part("f", "v") + closing), "upload.error.too_many_parts", ErrorCode::too_large);
}

TEST(Multipart, EmptyFileInputsCountAsPartsButNotFiles) {
    MultipartLimits limits;
    limits.max_files = 1;
    limits.max_parts = 3;
    auto form = parse(file_part("a", "", "") + file_part("b", "", "") + file_part("c", "c.txt", "c") + closing, limits);
    ASSERT_TRUE(form) << form.error().internal_detail;
    EXPECT_EQ(form->files().size(), 1u);
    expect_error(parse(file_part("a", "", "") + file_part("b", "", "") + file_part("c", "", "") +
                           file_part("d", "", "") + closing,
                       limits),
                 "upload.error.too_many_parts", ErrorCode::too_large);
}

TEST(Multipart, FileCountLimit) {
    MultipartLimits limits;
    limits.max_files = 2;
    auto form = parse(file_part("f", "1", "1") + file_part("f", "2", "2") + field_part("a", "b") + closing, limits);
    ASSERT_TRUE(form);
    EXPECT_EQ(form->files("f").size(), 2u);
    expect_error(
        parse(file_part("f", "1", "1") + file_part("f", "2", "2") + file_part("g", "3", "3") + closing, limits),
        "upload.error.too_many_files", ErrorCode::too_large);
}

TEST(Multipart, FileSizeLimit) {
    MultipartLimits limits;
    limits.max_file_bytes = 1000;
    const std::string body = file_part("f", "a.bin", std::string(1000, '\0')) + closing;
    auto form = parse(body, limits);
    ASSERT_TRUE(form);
    EXPECT_EQ(form->files()[0].data, std::string(1000, '\0'));
    expect_error(parse(file_part("f", "a.bin", std::string(1001, '\0')) + closing, limits),
                 "upload.error.file_too_large", ErrorCode::too_large);
    // The field limit does not apply to files, nor the file limit to fields.
    limits.max_field_bytes = 10;
    EXPECT_TRUE(parse(file_part("f", "a.bin", std::string(1000, 'x')) + field_part("a", std::string(10, 'y')) + closing,
                      limits));
}

TEST(Multipart, FieldSizeLimit) {
    MultipartLimits limits;
    limits.max_field_bytes = 16;
    auto form = parse(field_part("a", std::string(16, 'v')) + closing, limits);
    ASSERT_TRUE(form);
    EXPECT_EQ(form->field("a")->size(), 16u);
    expect_error(parse(field_part("a", std::string(17, 'v')) + closing, limits), "upload.error.field_too_large",
                 ErrorCode::too_large);
    limits.max_file_bytes = 1;
    EXPECT_TRUE(parse(field_part("a", std::string(16, 'v')) + closing, limits));
}

TEST(Multipart, HugeLimitsDoNotOverflow) {
    MultipartLimits limits;
    limits.max_header_bytes = std::numeric_limits<std::size_t>::max();
    limits.max_parts = limits.max_files = limits.max_field_bytes = limits.max_file_bytes = limits.max_header_bytes;
    auto form = parse(field_part("a", "1") + file_part("f", "x", "y") + closing, limits);
    ASSERT_TRUE(form) << form.error().internal_detail;
    EXPECT_EQ(form->field("a"), "1");
}

// --- robustness -------------------------------------------------------------

TEST(Multipart, EveryTruncationOfAValidBodyFailsCleanly) {
    const std::string full =
        "preamble\r\n" + field_part("title", "Titre") + file_part("f", "a.bin", "\0\r\n--XyZ-\r\n\0"s) + "--XyZ--";
    ASSERT_TRUE(parse(full));
    for (std::size_t n = 0; n < full.size(); ++n) {
        // Copied so ASan sees any read past the truncated end.
        const std::string prefix = full.substr(0, n);
        auto result = parse(prefix);
        EXPECT_FALSE(result) << "prefix of " << n << " bytes";
        if (!result) {
            EXPECT_EQ(result.error().public_message, "upload.error.malformed") << n;
        }
    }
}

TEST(Multipart, RandomMutationsNeverCrash) {
    const std::string seed = field_part("title", "Titre") + file_part("f", "C:\\a\\b.bin", "\0\r\n\xff"s) +
                             disposition_part("form-data; name=\"g\"; filename*=UTF-8''%C3%A9.txt");
    std::mt19937 random(1234);  // fixed: a failure must reproduce
    const std::string alphabet = "\r\n-\"\\;=:%'XyZ \0\xff"s;
    int accepted = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string body = seed;
        int edits = 1 + static_cast<int>(random() % 4);
        for (int e = 0; e < edits && !body.empty(); ++e) {
            std::size_t at = random() % body.size();
            switch (random() % 3) {
                case 0:
                    body[at] = alphabet[random() % alphabet.size()];
                    break;
                case 1:
                    body.erase(at, 1 + random() % 8);
                    break;
                default:
                    body.insert(at, 1, alphabet[random() % alphabet.size()]);
            }
        }
        auto result = parse(body);
        if (result) {
            ++accepted;
            for (const auto& file : result->files()) {
                EXPECT_TRUE(is_valid_utf8(file.filename));
                EXPECT_EQ(file.filename.find_first_of("/\\"), std::string::npos);
                EXPECT_GE(file.data.data(), body.data());
                EXPECT_LE(file.data.data() + file.data.size(), body.data() + body.size());
            }
            for (const auto& field : result->fields()) EXPECT_TRUE(is_valid_utf8(field.value));
        } else {
            EXPECT_TRUE(result.error().public_message.starts_with("upload.error.")) << result.error().public_message;
        }
    }
    EXPECT_GT(accepted, 0);  // the mutations are not all fatal, so the accepting path was exercised
}

}  // namespace
}  // namespace comptoir::http
