#pragma once
// Load-time processing of a template's text, before ctemplate parses it:
// the mandatory AUTOESCAPE pragma and the [[t:key]] translation markers.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace comptoir::render {

/// The context of the `{{%AUTOESCAPE context="HTML"}}` pragma on the first
/// line ("HTML"), or nothing when the first line is not such a pragma.
std::optional<std::string> autoescape_context(std::string_view source);

/// Text safe to place in HTML text or a quoted attribute; braces become
/// entities too, so a message can never open a ctemplate marker.
std::string html_escape(std::string_view text);

/// Replaces each `[[t:key]]` with the message of `catalogue`, HTML-escaped for
/// HTML and XML templates, verbatim otherwise. A missing key, a malformed
/// marker, or a verbatim message containing "{{" is an error naming the key.
Result<std::string> expand_translations(std::string_view source, std::string_view context,
                                        const std::map<std::string, std::string, std::less<>>& catalogue);

}  // namespace comptoir::render
