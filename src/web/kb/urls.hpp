#pragma once
// The knowledge base's URLs and the small pure rules of its public pages:
// "42-some-slug" path segments, ETags and conditional GET, attachment
// headers. No I/O here, so every rule is unit-tested (urls_test.cpp).
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace comptoir::web::kb_public {

/// A path segment "42" or "42-some-slug": the leading decimal id (1..10^15)
/// and what follows the first '-' (empty for "42").
struct IdSlug {
    std::int64_t id = 0;
    std::string_view slug;
};

/// nullopt for anything else ("", "0", "-1", "12abc", "9999999999999999").
std::optional<IdSlug> parse_id_slug(std::string_view segment);

/// "/kb/fr"
std::string kb_home_path(std::string_view lang);
/// "/kb/fr/faq"
std::string kb_faq_path(std::string_view lang);
/// "/kb/fr/articles/42-changer-mon-mot-de-passe" (just the id when the slug is empty).
std::string kb_article_path(std::string_view lang, std::int64_t id, std::string_view slug);
/// "/kb/fr/categories/3-facturation", the slug made from the category's name.
std::string kb_category_path(std::string_view lang, std::int64_t id, std::string_view name);
/// "/kb/fr/articles/42/attachments/7"
std::string kb_attachment_path(std::string_view lang, std::int64_t article_id, std::int64_t attachment_id);

/// A strong ETag ("\"<32 hex>\"") identifying the given parts (order matters;
/// no two different lists give the same tag).
std::string strong_etag(std::initializer_list<std::string_view> parts);

/// True when an If-None-Match value names `etag`: "*", or one of its
/// comma-separated tags compared weakly (W/ ignored), as RFC 9110 asks.
bool etag_matches(std::string_view if_none_match, std::string_view etag);

/// Images a browser shows inline without risk (png, jpeg, gif, webp); any
/// other type (SVG, HTML, PDF…) is downloaded.
bool is_inline_image(std::string_view content_type);

/// Content-Disposition for a stored attachment: "inline" for inline images,
/// else "attachment" with an ASCII filename="…" fallback and the exact name as
/// filename*=UTF-8''… (RFC 6266 / RFC 8187).
std::string content_disposition(std::string_view file_name, std::string_view content_type);

/// Number of Unicode code points of valid UTF-8 text.
std::size_t utf8_length(std::string_view text);

/// `text` without leading and trailing ASCII whitespace.
std::string_view trim_spaces(std::string_view text);

}  // namespace comptoir::web::kb_public
