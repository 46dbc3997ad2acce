#pragma once
// Page actions of the public knowledge base, FAQ and search, one per file;
// bound in routes.cpp. What they share lives in views.hpp (pages),
// article_view.hpp (the article page), urls.hpp and sitemap.hpp (pure rules).
// The search page itself is declared with the foundation's actions
// (web/actions.hpp: search_page) and lives in search_page.cpp here.
#include <optional>

#include "http/message.hpp"
#include "web/auth.hpp"
#include "web/deps.hpp"

namespace comptoir::web {

http::Response kb_root(const Deps& deps, http::Request& request, const Visitor& visitor);       // root.cpp
http::Response kb_home_page(const Deps& deps, http::Request& request, const Visitor& visitor);  // home_page.cpp
http::Response kb_category_page(const Deps& deps, http::Request& request,
                                const Visitor& visitor);                                           // category_page.cpp
http::Response kb_article_page(const Deps& deps, http::Request& request, const Visitor& visitor);  // article_page.cpp
/// The same page from KbRuntime's cache on the network thread, for a visitor
/// with no session, vote cookie or query: nullopt when it is not there.
std::optional<http::Response> kb_article_from_cache(const Deps& deps, http::Request& request);     // article_page.cpp
http::Response kb_vote(const Deps& deps, http::Request& request, const Visitor& visitor);          // vote.cpp
http::Response kb_attachment(const Deps& deps, http::Request& request, const Visitor& visitor);    // attachment.cpp
http::Response kb_faq_page(const Deps& deps, http::Request& request, const Visitor& visitor);      // faq_page.cpp
http::Response kb_suggest(const Deps& deps, http::Request& request, const Visitor& visitor);       // suggest.cpp
http::Response kb_sitemap(const Deps& deps, http::Request& request, const Visitor& visitor);       // sitemap_xml.cpp
http::Response kb_sitemap_part(const Deps& deps, http::Request& request, const Visitor& visitor);  // sitemap_xml.cpp
http::Response kb_robots(const Deps& deps, http::Request& request, const Visitor& visitor);        // robots.cpp

}  // namespace comptoir::web
