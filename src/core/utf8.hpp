#pragma once
// UTF-8 well-formedness, checked wherever text arrives from outside (request
// targets, form fields, API parameters, article text) before it is stored or
// shown.
#include <string_view>

namespace comptoir {

/// True when `s` is well-formed UTF-8: no stray continuation bytes, no
/// overlong forms, no UTF-16 surrogates, nothing beyond U+10FFFF.
bool is_valid_utf8(std::string_view s);

}  // namespace comptoir
