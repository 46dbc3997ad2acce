#include "text/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <memory>
#include <mutex>

namespace comptoir::text {
namespace {

// Parse options: replace invalid UTF-8 (output must be valid). Render
// options: the default, i.e. without CMARK_OPT_UNSAFE, so that even a raw
// HTML node or dangerous URL missed by `make_safe` would be dropped by cmark.
constexpr int kParseOptions = CMARK_OPT_VALIDATE_UTF8;
constexpr int kRenderOptions = CMARK_OPT_DEFAULT;

constexpr std::array kExtensionNames = {"table", "tasklist", "autolink", "strikethrough"};
constexpr std::array<std::string_view, 4> kAllowedSchemes = {"http", "https", "mailto", "tel"};

struct NodeDeleter {
    void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct ParserDeleter {
    void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};
struct IterDeleter {
    void operator()(cmark_iter* iter) const { cmark_iter_free(iter); }
};
using NodePtr = std::unique_ptr<cmark_node, NodeDeleter>;
using ParserPtr = std::unique_ptr<cmark_parser, ParserDeleter>;
using IterPtr = std::unique_ptr<cmark_iter, IterDeleter>;

/// The GFM extensions, registered once per process: registration writes
/// cmark-gfm's process-wide extension registry, which is not thread-safe.
const std::array<cmark_syntax_extension*, kExtensionNames.size()>& extensions() {
    static std::once_flag once;
    static std::array<cmark_syntax_extension*, kExtensionNames.size()> found{};
    std::call_once(once, [] {
        cmark_gfm_core_extensions_ensure_registered();
        for (std::size_t i = 0; i < kExtensionNames.size(); ++i) {
            found[i] = cmark_find_syntax_extension(kExtensionNames[i]);
        }
    });
    return found;
}

/// cmark-gfm 0.29.0.gfm.6 keeps the table of characters that start inline
/// syntax in a process-wide array, and each parse adds and then removes its
/// extensions' characters ('~' for strikethrough, ':' and 'w' for autolinks)
/// there: two parses at once lose each other's strikethrough and autolinks
/// (measured: thousands of wrong renders in 80,000 parses on 4 threads).
/// Parses are therefore serialised (about 1 ms for a 3 KB article measured on
/// this busy 2-core machine, far less when idle); rendering and the tree
/// walks run outside the lock. A huge input holds the lock for as long as it
/// parses: callers bound what they render.
std::mutex& parse_mutex() {
    static std::mutex mutex;
    return mutex;
}

/// A parsed document. The parser is kept alive because the HTML renderer
/// needs its list of attached extensions.
struct Document {
    ParserPtr parser;
    NodePtr root;
};

Document parse(std::string_view md) {
    Document document{ParserPtr(cmark_parser_new(kParseOptions)), nullptr};
    for (auto* extension : extensions()) {
        if (extension) cmark_parser_attach_syntax_extension(document.parser.get(), extension);
    }
    std::lock_guard lock(parse_mutex());
    cmark_parser_feed(document.parser.get(), md.data(), md.size());
    document.root.reset(cmark_parser_finish(document.parser.get()));
    return document;
}

std::string_view literal_of(cmark_node* node) {
    const char* literal = cmark_node_get_literal(node);
    return literal ? std::string_view(literal) : std::string_view();
}

std::string_view url_of(cmark_node* node) {
    const char* url = cmark_node_get_url(node);
    return url ? std::string_view(url) : std::string_view();
}

/// Where a link or image destination points.
struct Destination {
    enum class Kind { allowed, article, attachment, refused } kind;
    std::int64_t id = 0;
};

/// Positive decimal id, as written after `kb:` or `attachment:`.
std::optional<std::int64_t> parse_id(std::string_view digits) {
    std::int64_t id = 0;
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (error != std::errc() || end != digits.data() + digits.size() || id <= 0) return std::nullopt;
    return id;
}

Destination classify(std::string_view url) {
    // Browsers ignore tabs and newlines anywhere in a URL and strip control
    // characters and spaces around it ("java\tscript:" is javascript:), so
    // the scheme is judged on the URL without any of them.
    std::string cleaned;
    cleaned.reserve(url.size());
    for (char c : url) {
        if (static_cast<unsigned char>(c) > 0x20 && c != 0x7F) cleaned += c;
    }
    const std::size_t end = cleaned.find_first_of(":/?#");
    if (end == std::string::npos || cleaned[end] != ':') return {Destination::Kind::allowed};  // relative
    std::string scheme = cleaned.substr(0, end);
    std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                   [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });
    const std::string_view rest = std::string_view(cleaned).substr(end + 1);
    if (scheme == "kb" || scheme == "attachment") {
        const auto id = parse_id(rest);
        if (!id) return {Destination::Kind::refused};
        return {scheme == "kb" ? Destination::Kind::article : Destination::Kind::attachment, *id};
    }
    if (std::find(kAllowedSchemes.begin(), kAllowedSchemes.end(), scheme) != kAllowedSchemes.end())
        return {Destination::Kind::allowed};
    return {Destination::Kind::refused};
}

/// Replaces a link or image by its content (link text, image alt text).
void unwrap(cmark_node* node) {
    while (cmark_node* child = cmark_node_first_child(node)) {
        if (!cmark_node_insert_before(node, child)) break;  // cannot happen for inline content; never loop
    }
    cmark_node_free(node);
}

cmark_node* text_node(std::string_view text) {
    cmark_node* node = cmark_node_new(CMARK_NODE_TEXT);
    cmark_node_set_literal(node, std::string(text).c_str());
    return node;
}

/// Raw HTML becomes the text it was typed as: an inline tag a text node, an
/// HTML block a paragraph of its lines.
void html_to_text(cmark_node* node) {
    std::string_view literal = literal_of(node);
    if (cmark_node_get_type(node) == CMARK_NODE_HTML_INLINE) {
        cmark_node_replace(node, text_node(literal));
        cmark_node_free(node);
        return;
    }
    while (!literal.empty() && (literal.back() == '\n' || literal.back() == '\r')) literal.remove_suffix(1);
    if (literal.empty()) {
        cmark_node_free(node);
        return;
    }
    cmark_node* paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH);
    for (std::size_t start = 0;;) {
        const std::size_t end = literal.find('\n', start);
        cmark_node_append_child(paragraph, text_node(literal.substr(start, end - start)));
        if (end == std::string_view::npos) break;
        cmark_node_append_child(paragraph, cmark_node_new(CMARK_NODE_SOFTBREAK));
        start = end + 1;
    }
    cmark_node_replace(node, paragraph);
    cmark_node_free(node);
}

/// Applies the safety rules and the rewriters to the tree (see markdown.hpp).
/// Nodes are collected first and changed after the walk: cmark's iterator
/// does not survive the nodes around it being replaced.
void make_safe(cmark_node* root, const LinkRewriter& article_url, const LinkRewriter& attachment_url) {
    std::vector<cmark_node*> html, targets;
    {
        IterPtr iter(cmark_iter_new(root));
        for (cmark_event_type event; (event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
            if (event != CMARK_EVENT_ENTER) continue;
            cmark_node* node = cmark_iter_get_node(iter.get());
            switch (cmark_node_get_type(node)) {
                case CMARK_NODE_HTML_BLOCK:
                case CMARK_NODE_HTML_INLINE:
                    html.push_back(node);
                    break;
                case CMARK_NODE_LINK:
                case CMARK_NODE_IMAGE:
                    targets.push_back(node);
                    break;
                default:
                    break;
            }
        }
    }
    for (cmark_node* node : html) html_to_text(node);

    // Each id is resolved once per render: rewriters may query a database.
    std::map<std::pair<Destination::Kind, std::int64_t>, std::optional<std::string>> resolved;
    const auto resolve = [&](const Destination& target, const LinkRewriter& rewriter) -> std::optional<std::string> {
        if (!rewriter) return std::nullopt;
        const auto key = std::pair(target.kind, target.id);
        auto found = resolved.find(key);
        if (found == resolved.end()) found = resolved.emplace(key, rewriter(target.id)).first;
        return found->second;
    };
    for (cmark_node* node : targets) {
        const Destination target = classify(url_of(node));
        const bool is_link = cmark_node_get_type(node) == CMARK_NODE_LINK;
        std::optional<std::string> url;
        switch (target.kind) {
            case Destination::Kind::allowed:
                continue;
            case Destination::Kind::article:
                if (is_link) url = resolve(target, article_url);  // an image of an article means nothing
                break;
            case Destination::Kind::attachment:
                url = resolve(target, attachment_url);
                break;
            case Destination::Kind::refused:
                break;
        }
        if (url) {
            cmark_node_set_url(node, url->c_str());
        } else {
            unwrap(node);
        }
    }
}

/// Frees what cmark allocated with its default allocator.
struct CmarkStringDeleter {
    void operator()(char* text) const { cmark_get_default_mem_allocator()->free(text); }
};

void collapse_whitespace(std::string& text) {
    const auto is_space = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    };
    std::size_t out = 0;
    bool pending_space = false;
    for (char c : text) {
        if (is_space(c)) {
            pending_space = true;
            continue;
        }
        if (pending_space && out > 0) text[out++] = ' ';
        pending_space = false;
        text[out++] = c;
    }
    text.resize(out);
}

}  // namespace

std::string markdown_to_html(std::string_view md, const LinkRewriter& article_url, const LinkRewriter& attachment_url) {
    Document document = parse(md);
    make_safe(document.root.get(), article_url, attachment_url);
    std::unique_ptr<char, CmarkStringDeleter> html(cmark_render_html(
        document.root.get(), kRenderOptions, cmark_parser_get_syntax_extensions(document.parser.get())));
    return html ? std::string(html.get()) : std::string();
}

std::string markdown_to_text(std::string_view md) {
    Document document = parse(md);
    std::string text;
    IterPtr iter(cmark_iter_new(document.root.get()));
    for (cmark_event_type event; (event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
        cmark_node* node = cmark_iter_get_node(iter.get());
        const cmark_node_type type = cmark_node_get_type(node);
        switch (type) {
            case CMARK_NODE_TEXT:
            case CMARK_NODE_CODE:
            case CMARK_NODE_HTML_INLINE:  // shown as typed by markdown_to_html
                text += literal_of(node);
                break;
            case CMARK_NODE_SOFTBREAK:
            case CMARK_NODE_LINEBREAK:
                text += ' ';
                break;
            default:
                // Blocks (paragraphs, code, raw HTML, table cells…) are
                // separated by a space on entry and exit.
                if ((type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK) {
                    text += ' ';
                    if (event == CMARK_EVENT_ENTER) text += literal_of(node);
                    text += ' ';
                }
                break;
        }
    }
    collapse_whitespace(text);
    return text;
}

std::vector<std::int64_t> internal_links(std::string_view md) {
    Document document = parse(md);
    std::vector<std::int64_t> ids;
    IterPtr iter(cmark_iter_new(document.root.get()));
    for (cmark_event_type event; (event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
        cmark_node* node = cmark_iter_get_node(iter.get());
        if (event != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_LINK) continue;
        const Destination target = classify(url_of(node));
        if (target.kind == Destination::Kind::article && std::find(ids.begin(), ids.end(), target.id) == ids.end())
            ids.push_back(target.id);
    }
    return ids;
}

std::string summarize(std::string_view text, std::size_t max_bytes) {
    constexpr std::string_view kEllipsis = "…";
    const auto is_space = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    };
    const auto is_trailing_junk = [&](char c) {
        return is_space(c) || c == ',' || c == ';' || c == ':' || c == '.' || c == '-';
    };
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    if (text.size() <= max_bytes) return std::string(text);
    if (max_bytes < kEllipsis.size()) return {};

    const std::size_t room = max_bytes - kEllipsis.size();
    // text[cut] is the first byte left out (text is longer than room); move it
    // back to the start of a UTF-8 character.
    std::size_t cut = room;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    if (!is_space(text[cut])) {  // inside a word: end before it, unless that leaves too little
        std::size_t space = cut;
        while (space > 0 && !is_space(text[space - 1])) --space;
        if (space > 0 && space - 1 >= room / 2) cut = space - 1;
    }
    std::string_view kept = text.substr(0, cut);
    while (!kept.empty() && is_trailing_junk(kept.back())) kept.remove_suffix(1);
    std::string out(kept);
    out += kEllipsis;
    return out;
}

}  // namespace comptoir::text
