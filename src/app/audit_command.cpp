#include "app/audit_command.hpp"

#include <iostream>

#include "app/components.hpp"
#include "domain/audit/audit_log.hpp"

namespace comptoir::app {

int audit_verify(const Config& config) {
    auto db = open_database(config, /*require_current=*/true);
    if (!db) {
        std::cerr << "comptoir: " << db.error().public_message << "\n";
        return 2;
    }
    const audit::AuditLog log((*db)->backend());
    auto report = log.verify(**db);
    if (!report) {
        std::cerr << "comptoir: cannot read the audit trail: " << report.error().public_message << "\n";
        return 2;
    }
    if (report->first_broken_id) {
        std::cout << "audit trail broken at entry " << *report->first_broken_id << "\n";
        return 1;
    }
    std::cout << "audit trail intact: " << report->entries << " entries\n";
    return 0;
}

}  // namespace comptoir::app
