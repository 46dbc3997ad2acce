#pragma once
// `comptoir audit verify`: walks the audit trail's hash chain.
#include "app/config.hpp"

namespace comptoir::app {

/// Prints "audit trail intact: N entries" and returns 0, or "audit trail
/// broken at entry ID" and returns 1 (2 when the database cannot be read).
int audit_verify(const Config& config);

}  // namespace comptoir::app
