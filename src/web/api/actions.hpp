#pragma once
// The API area: JSON resources under /api/v1 (one file per resource) and the
// admin pages that manage API keys and browse the audit trail (one per file).
#include "domain/accounts/api_keys.hpp"
#include "http/message.hpp"
#include "web/auth.hpp"
#include "web/deps.hpp"

namespace comptoir::web {

// JSON resources (called through api::guarded)
http::Response api_whoami(const Deps& deps, http::Request& request,
                          const accounts::ApiPrincipal& caller);  // whoami.cpp
http::Response api_organisations(const Deps& deps, http::Request& request,
                                 const accounts::ApiPrincipal& caller);  // organisations.cpp
http::Response api_organisation_users(const Deps& deps, http::Request& request,
                                      const accounts::ApiPrincipal& caller);  // organisations.cpp
http::Response api_kb_categories(const Deps& deps, http::Request& request,
                                 const accounts::ApiPrincipal& caller);  // kb.cpp
http::Response api_kb_sections(const Deps& deps, http::Request& request,
                               const accounts::ApiPrincipal& caller);  // kb.cpp
http::Response api_kb_articles(const Deps& deps, http::Request& request,
                               const accounts::ApiPrincipal& caller);  // kb.cpp
http::Response api_kb_article(const Deps& deps, http::Request& request,
                              const accounts::ApiPrincipal& caller);  // kb.cpp
http::Response api_kb_search(const Deps& deps, http::Request& request,
                             const accounts::ApiPrincipal& caller);  // kb.cpp

// Admin pages
http::Response api_keys_page(const Deps& deps, http::Request& request, const Visitor& visitor);   // api_keys_page.cpp
http::Response api_key_create(const Deps& deps, http::Request& request, const Visitor& visitor);  // api_key_create.cpp
http::Response api_key_revoke(const Deps& deps, http::Request& request, const Visitor& visitor);  // api_key_revoke.cpp
http::Response audit_page(const Deps& deps, http::Request& request, const Visitor& visitor);      // audit_page.cpp
http::Response audit_verify(const Deps& deps, http::Request& request, const Visitor& visitor);    // audit_page.cpp

}  // namespace comptoir::web
