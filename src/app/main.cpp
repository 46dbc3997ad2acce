// comptoir — the self-service customer portal. Entry point: parses the
// command line and the configuration, then runs one subcommand.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "app/audit_command.hpp"
#include "app/commands.hpp"
#include "app/config.hpp"

#ifndef COMPTOIR_VERSION
#define COMPTOIR_VERSION "dev"
#endif

int main(int argc, char** argv) {
    CLI::App cli{"Comptoir, the self-service customer portal", "comptoir"};
    std::string config_file;
    cli.add_option("-c,--config", config_file,
                   "Configuration file (default: ./comptoir.toml when present, or $COMPTOIR_CONFIG)");
    cli.require_subcommand(1);
    auto* serve = cli.add_subcommand("serve", "Serve the portal over HTTP");
    auto* migrate = cli.add_subcommand("migrate", "Create or upgrade the database schema");
    auto* seed = cli.add_subcommand("seed-demo", "Load the demo company and print its logins (idempotent)");
    auto* version = cli.add_subcommand("version", "Print the version");
    auto* check = cli.add_subcommand("check-config",
                                     "Validate the configuration, templates and catalogues, and reach the database");
    auto* audit = cli.add_subcommand("audit", "Audit trail tools");
    audit->require_subcommand(1);
    auto* audit_verify = audit->add_subcommand("verify", "Check that no audit entry was altered or removed");
    CLI11_PARSE(cli, argc, argv);

    if (version->parsed()) {
        std::cout << "comptoir " << COMPTOIR_VERSION << "\n";
        return 0;
    }

    auto env = comptoir::app::process_environment();
    if (config_file.empty()) {
        if (auto it = env.find("COMPTOIR_CONFIG"); it != env.end())
            config_file = it->second;
        else if (std::filesystem::exists("comptoir.toml"))
            config_file = "comptoir.toml";
    } else if (!std::filesystem::exists(config_file)) {
        std::cerr << "comptoir: config error: " << config_file << ": no such file\n";
        return 1;
    }
    auto config = comptoir::app::load_config(config_file, env);
    if (!config) {
        std::cerr << "comptoir: config error: " << config.error().public_message << "\n";
        return 1;
    }
    for (const auto& warning : config->warnings) std::cerr << "comptoir: warning: " << warning << "\n";

    if (serve->parsed()) return comptoir::app::serve(*config);
    if (migrate->parsed()) return comptoir::app::migrate(*config);
    if (seed->parsed()) return comptoir::app::seed_demo(*config);
    if (check->parsed()) return comptoir::app::check_config(*config);
    if (audit_verify->parsed()) return comptoir::app::audit_verify(*config);
    return 2;
}
