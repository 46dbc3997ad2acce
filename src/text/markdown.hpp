#pragma once
// Markdown of knowledge-base articles (and other texts people write) turned
// into HTML that is safe to show to anyone, and into plain text for search
// and summaries.
//
// GitHub-flavoured Markdown through cmark-gfm with the table, task list,
// autolink and strikethrough extensions. Safety does not rest on cleaning
// HTML afterwards but on the syntax tree, before rendering:
//  - raw HTML (blocks and inline tags) is turned into text, so `<script>` or
//    `<img onerror=…>` is shown as typed, escaped, never interpreted (and a
//    writer who types "press <Enter>" sees it rather than losing it);
//  - a link or image destination must be relative or use http, https,
//    mailto or tel; any other scheme (javascript:, vbscript:, data:, file:…)
//    turns the link into its plain text and the image into its alt text;
//  - `kb:<id>` links (to another article) and `attachment:<id>` links and
//    images (files attached to the article) are resolved by the caller's
//    rewriters; a target the rewriter does not know becomes plain text.
// cmark-gfm renders without CMARK_OPT_UNSAFE as a second line of defence.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::text {

/// The URL for an id written in Markdown as `kb:<id>` or `attachment:<id>`,
/// or nullopt when there is no such target (or the reader may not see it):
/// the link is then rendered as its plain text. Called at most once per id
/// and render; its URL is used as given (cmark escapes it for the attribute).
using LinkRewriter = std::function<std::optional<std::string>(std::int64_t id)>;

/// Safe HTML for GFM Markdown (see the header comment). `article_url`
/// resolves links to `kb:<id>`, `attachment_url` links and images to
/// `attachment:<id>`; an empty rewriter resolves nothing. Invalid UTF-8 is
/// replaced by U+FFFD. Headings get no ids. Safe to call from many threads.
/// cmark-gfm 0.29.0.gfm.6 has known slow (quadratic) inputs: callers bound
/// the size of what they render.
std::string markdown_to_html(std::string_view md, const LinkRewriter& article_url = {},
                             const LinkRewriter& attachment_url = {});

/// What a reader of the rendered Markdown reads, as one line of plain text
/// (not HTML-escaped): text, code, link text, image alt text, table cells and
/// raw HTML as typed; every run of whitespace becomes one space.
std::string markdown_to_text(std::string_view md);

/// The article ids linked as `kb:<id>` (links only, not images), each once,
/// in order of first appearance.
std::vector<std::int64_t> internal_links(std::string_view md);

/// `text` (trimmed) if it fits in max_bytes; otherwise its beginning cut at a
/// word boundary, trailing spaces and punctuation dropped, followed by "…",
/// the whole within max_bytes. A word longer than half the room is cut
/// inside, on a UTF-8 character boundary. Empty if max_bytes cannot hold "…".
std::string summarize(std::string_view text, std::size_t max_bytes);

}  // namespace comptoir::text
