#pragma once
// The knowledge base as plain types: categories → sections → articles, one
// translation per language, revisions, attachments, feedback.
//
// Who reads decides what exists: a `Reader` is the acting principal or none
// (an anonymous visitor). Services filter every list, page, search, related
// list and sitemap through one visibility rule (kb/visibility.hpp), so a
// draft, archived, scheduled or internal article never reaches a customer.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/accounts/model.hpp"

namespace comptoir::kb {

enum class Status { draft, review, published, archived };
enum class Visibility { public_, customers, organisations, internal };
enum class CategoryKind { kb, faq };

std::string_view to_string(Status status);
std::string_view to_string(Visibility visibility);  // "public", "customers", "organisations", "internal"
std::string_view to_string(CategoryKind kind);
std::optional<Status> parse_status(std::string_view text);
std::optional<Visibility> parse_visibility(std::string_view text);
std::optional<CategoryKind> parse_category_kind(std::string_view text);

/// Who is reading: a signed-in principal, or nobody (an anonymous visitor).
struct Reader {
    const accounts::Principal* principal = nullptr;

    bool signed_in() const { return principal != nullptr; }
    bool staff() const { return principal && principal->staff(); }
    static Reader anonymous() { return {}; }
};

/// A name and description in one language.
struct LocalText {
    std::string language;
    std::string name;
    std::string description;
};

struct Category {
    std::int64_t id = 0;
    CategoryKind kind = CategoryKind::kb;
    int position = 0;
    std::string icon;
    std::string language;  // of name/description (the requested one, else the fallback)
    std::string name;
    std::string description;
    std::int64_t article_count = 0;  // articles this reader may see
};

struct Section {
    std::int64_t id = 0;
    std::int64_t category_id = 0;
    int position = 0;
    std::string language;
    std::string name;
    std::string description;
    std::int64_t article_count = 0;  // articles this reader may see
};

/// An article as lists show it, in one language.
struct ArticleSummary {
    std::int64_t id = 0;
    std::int64_t section_id = 0;
    std::int64_t category_id = 0;
    int position = 0;
    std::string language;  // of title/summary: the requested one, or the fallback when `fallback`
    bool fallback = false;
    std::string title;
    std::string slug;
    std::string summary;
    Status status = Status::draft;
    Visibility visibility = Visibility::public_;
    std::optional<std::int64_t> publish_at;
    std::int64_t updated_at = 0;
    std::optional<std::int64_t> published_at;
    std::int64_t view_count = 0;
    std::int64_t helpful_count = 0;
    std::int64_t unhelpful_count = 0;
    bool outdated = false;  // this translation is behind the source language (authors only)
};

/// One translation of an article that exists, for language links and author lists.
struct TranslationInfo {
    std::string language;
    std::string title;
    std::string slug;
    bool outdated = false;
    std::int64_t updated_at = 0;
};

/// An article with its text, for the article page, the editor and the API.
struct Article {
    ArticleSummary summary;
    std::string source_language;
    std::string body;  // Markdown
    std::vector<std::string> labels;
    std::vector<TranslationInfo> translations;
    std::vector<std::int64_t> organisation_ids;  // visibility organisations (authors only)
    std::optional<std::int64_t> author_id;
    std::int64_t created_at = 0;
    // Breadcrumbs, in the article's language (or its fallback).
    CategoryKind category_kind = CategoryKind::kb;
    std::string category_name;
    std::string section_name;
    // Version stamp for ETags and caches: changes whenever anything shown changes.
    std::int64_t revision_id = 0;
};

struct Revision {
    std::int64_t id = 0;
    std::int64_t article_id = 0;
    std::string language;
    std::string title;
    std::string body;
    std::vector<std::string> labels;
    std::string note;
    std::optional<std::int64_t> author_id;
    std::string author_name;
    std::int64_t created_at = 0;
};

struct Attachment {
    std::int64_t id = 0;
    std::int64_t article_id = 0;
    std::string file_name;
    std::string content_type;
    std::int64_t byte_size = 0;
    std::string sha256;
    std::int64_t created_at = 0;
};

/// An attachment with its bytes, to serve it.
struct AttachmentData {
    Attachment info;
    std::string bytes;
};

/// A public article in one language, for sitemap.xml.
struct SitemapEntry {
    std::int64_t article_id = 0;
    std::string language;
    std::string slug;
    std::int64_t updated_at = 0;
};

/// A comment left with a vote, in the authors' inbox.
struct FeedbackItem {
    std::int64_t id = 0;
    std::int64_t article_id = 0;
    std::string article_title;
    std::string language;
    bool helpful = false;
    std::string comment;
    std::optional<std::int64_t> user_id;
    std::string user_name;
    std::int64_t created_at = 0;
    std::optional<std::int64_t> handled_at;
    std::string handled_by_name;
};

/// A page of a longer list.
template <class T>
struct Paged {
    std::vector<T> items;
    std::int64_t total = 0;
    int page = 1;
    int per_page = 20;
    int pages() const { return total == 0 ? 1 : static_cast<int>((total + per_page - 1) / per_page); }
};

}  // namespace comptoir::kb
