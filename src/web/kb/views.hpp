#pragma once
// What the public knowledge-base pages share: the reader a visitor is for
// the services, the language taken from the URL, error pages in that
// language, the area's assets and language links, breadcrumbs, labels and
// dates, the voter identity, and Markdown rendered with its links resolved.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "domain/kb/model.hpp"
#include "http/message.hpp"
#include "web/auth.hpp"
#include "web/deps.hpp"
#include "web/page.hpp"

namespace comptoir::web::kb_public {

/// True when the knowledge-base services are built (they are, except in some tests).
bool services_ready(const Deps& deps);

/// The visitor as a knowledge-base reader: signed in, or anonymous (also
/// while a required second factor is not set up).
kb::Reader reader_of(const Visitor& visitor);

/// The {lang} path parameter when the site is written in it.
std::optional<std::string> url_language(const Deps& deps, const http::Request& request);

/// The error page in `lang` (the URL's language), never cached.
http::Response error_in(const Deps& deps, const http::Request& request, const Visitor& visitor, std::string_view lang,
                        int status);
/// An expected failure as a page in `lang` (status from its code; internal detail logged).
http::Response error_in(const Deps& deps, const http::Request& request, const Visitor& visitor, std::string_view lang,
                        const Error& error);

/// KB_CSS_URL for the page template.
void add_assets(Page& page, const Deps& deps);

/// The language switcher leads to path_in(code) for every language; the
/// hreflang alternates name the `existing` languages (all when empty) plus
/// x-default (the default language's, else the first existing); the canonical
/// URL is path_in(page language).
void set_language_urls(Page& page, const Deps& deps, const std::function<std::string(std::string_view)>& path_in,
                       const std::vector<std::string>& existing = {});

/// One step of the breadcrumbs; the last one is the current page (no link).
struct Crumb {
    std::string name;
    std::string href;
};
/// Fills the BREADCRUMBS include (pages/kb/breadcrumbs) of the page template.
void add_breadcrumbs(Page& page, const Deps& deps, const std::vector<Crumb>& crumbs);

/// A language's name in the page's language ("French" on an English page).
std::string language_name(const Page& page, const Deps& deps, std::string_view code);
std::string status_label(const Page& page, kb::Status status);
std::string visibility_label(const Page& page, kb::Visibility visibility);
/// A date in the page's language, in the signed-in reader's time zone (UTC otherwise).
std::string date_text(const Deps& deps, const Page& page, const Visitor& visitor, std::int64_t unix_seconds);
/// "2026-03-01T10:00:00Z" for <time datetime>.
std::string iso_time(std::int64_t unix_seconds);
/// "12 KB", "1.5 MB" in the page's language.
std::string size_text(const Page& page, std::int64_t bytes);
/// "{count} articles" in the page's language.
std::string article_count_text(const Page& page, std::int64_t count);

/// The anonymous visitor cookie: 128 random bits as hex, HttpOnly, one year.
inline constexpr std::string_view kVisitorCookie = "comptoir_visitor";
/// The cookie's value when well-formed (32 lowercase hex digits).
std::optional<std::string> visitor_cookie(const http::Request& request);
/// Set-Cookie for a new visitor cookie value.
void set_visitor_cookie(http::Response& response, const http::Request& request, std::string_view value);
/// The voter of the feedback service: "u:<user id>" when signed in, "v:" +
/// SHA-256 of the visitor cookie otherwise, nullopt for an anonymous visitor
/// without the cookie (who has not voted).
std::optional<std::string> voter_of(const Visitor& visitor, const http::Request& request);
std::string anonymous_voter(std::string_view cookie);

/// The generation part of ETags: the runtime's, else the fingerprints of the
/// stylesheet and script (a restart with other templates may then answer 304
/// for an old rendering: installations run with a runtime).
std::string generation_of(const Deps& deps);

/// A positive integer query parameter ("?page=2"), nullopt otherwise.
std::optional<std::int64_t> positive_param(const http::Request& request, std::string_view name);

/// Markdown as safe HTML in `lang`: kb:<id> links to articles the reader may
/// see (their page in `lang`), others plain text; attachment:<id> to those
/// of `attachments` (the article's), others plain text.
std::string article_html(const Deps& deps, const kb::Reader& reader, std::string_view lang, std::int64_t article_id,
                         std::string_view markdown, const std::vector<kb::Attachment>& attachments);

}  // namespace comptoir::web::kb_public
