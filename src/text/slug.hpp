#pragma once
// URL slugs for article titles ("Télécharger une facture (PDF)" ->
// "telecharger-une-facture-pdf"): readable in any language because every
// script is transliterated to ASCII Latin first, and safe in a URL path
// segment without escaping (only [a-z0-9-]).
#include <cstddef>
#include <string>
#include <string_view>

namespace comptoir::text {

/// Lower-case ASCII slug of a title: ICU "Any-Latin; Latin-ASCII; Lower", then
/// every run of characters other than [a-z0-9] becomes one '-', with no '-' at
/// either end. Longer than max_bytes: cut at the last '-' that keeps it within
/// max_bytes (mid-word only when the first word alone is too long). Never
/// empty: a title with nothing to keep gives "article".
std::string slugify(std::string_view title, std::size_t max_bytes = 80);

}  // namespace comptoir::text
