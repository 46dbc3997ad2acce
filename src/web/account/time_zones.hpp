#pragma once
// Time zones for the profile form: a short list of common IANA names to offer,
// and a check (through ICU's tz data) that a posted name is a real zone.
#include <string>
#include <string_view>
#include <vector>

namespace comptoir::web {

/// True for an IANA zone name ICU knows ("Europe/Paris", "UTC"); false for
/// unknown names, custom offsets ("GMT+3") and anything not UTF-8/ASCII.
bool time_zone_exists(std::string_view name);

/// Common zones, grouped by region in name order, offered in the form's select.
const std::vector<std::string>& common_time_zones();

}  // namespace comptoir::web
