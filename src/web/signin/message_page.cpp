// A short page that tells the visitor what happened and where to go next.
#include "web/dictionary.hpp"
#include "web/page.hpp"
#include "web/signin/actions.hpp"

namespace comptoir::web {

http::Response message_page(const Deps& deps, const http::Request& request, const Visitor& visitor,
                            std::string_view title_key, std::string_view text_key, std::string_view link,
                            std::string_view link_key, int status) {
    Page page(deps, request, visitor, "pages/signin/message", title_key);
    page.dict().SetValue("HEADING", std::string(page.t(title_key)));
    page.dict().SetValue("TEXT", std::string(page.t(text_key)));
    if (!link.empty()) {
        auto* next = page.dict().AddSectionDictionary("LINK");
        next->SetValue("HREF", std::string(link));
        next->SetValue("LABEL", std::string(page.t(link_key)));
    }
    page.headers().set("Referrer-Policy", "same-origin");
    return page.finish(status);
}

}  // namespace comptoir::web
