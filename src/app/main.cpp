// poblysh-interviews: the service and its operator commands.
#include <unistd.h>

#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "app/calcom_commands.hpp"
#include "app/config.hpp"
#include "app/logging.hpp"
#include "app/service.hpp"
#include "app/webhook_commands.hpp"
#include "auth/auth_service.hpp"
#include "auth/secrets.hpp"
#include "core/log_line.hpp"

namespace {

using namespace poblysh;

int add_user(const app::Config& config, spdlog::logger& log, const std::string& email, const std::string& name,
             const std::string& role_text) {
  auth::initialise_crypto();
  auto db = app::open_database(config, log);
  if (!db) {
    log.critical(LogLine("cannot open the database").text("reason", db.error().message).str());
    return 1;
  }
  // The password comes from standard input when something is piped in; otherwise one is generated.
  std::string password;
  if (!::isatty(STDIN_FILENO)) std::getline(std::cin, password);
  SystemClock clock;
  store::AccountRepo accounts;
  auth::AuthService service(**db, accounts, clock, {});
  auto created = service.create_user({email, name, *domain::parse_role(role_text)}, password);
  if (!created) {
    std::string reason = created.error().message;
    for (const auto& [field, problem] : created.error().fields) reason += " " + field + " " + problem + ".";
    log.error(LogLine("account not created").text("reason", reason).str());
    return 1;
  }
  std::cout << "Created " << domain::role_name(created->first.role) << " " << created->first.email << " (id "
            << created->first.id << ")\n";
  if (password.empty()) std::cout << "Generated password (shown once): " << created->second << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Poblysh Interviews: schedule startup interviews through Cal.com"};
  cli.require_subcommand(1);
  std::string config_path;
  cli.add_option("--config", config_path, "TOML configuration file (POBLYSH_* environment variables override it)")
      ->check(CLI::ExistingFile);

  auto* serve = cli.add_subcommand("serve", "Run the HTTP service");
  auto* migrate = cli.add_subcommand("migrate", "Apply pending database migrations and exit");
  auto* user = cli.add_subcommand("user", "Manage accounts");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "Create an account (password from stdin, or generated and printed once)");
  std::string email, name, role = "member";
  user_add->add_option("--email", email, "Email address")->required();
  user_add->add_option("--name", name, "Full name")->required();
  user_add->add_option("--role", role, "admin or member")->check(CLI::IsMember({"admin", "member"}));
  auto* calcom_cmd = cli.add_subcommand("calcom", "Operator commands for the Cal.com integration");
  calcom_cmd->require_subcommand(1);
  auto* calcom_check = calcom_cmd->add_subcommand("check", "Check the Cal.com API key and what it may do (exit 0 when healthy)");
  bool check_json = false;
  calcom_check->add_flag("--json", check_json, "Print the report as JSON");
  auto* calcom_sync = calcom_cmd->add_subcommand("sync", "Apply Cal.com booking changes that webhooks did not bring");
  auto* calcom_webhooks = calcom_cmd->add_subcommand("webhooks", "Manage the Cal.com webhook that calls this service");
  calcom_webhooks->require_subcommand(1);
  auto* webhooks_install = calcom_webhooks->add_subcommand(
      "install", "Register (or update) our /webhooks/calcom endpoint at Cal.com and print the secret to configure");
  std::string webhook_url;
  bool rotate_secret = false;
  webhooks_install->add_option("--url", webhook_url, "Public URL of /webhooks/calcom, e.g. https://interviews.example.com/webhooks/calcom")
      ->required();
  webhooks_install->add_flag("--rotate-secret", rotate_secret, "Generate a new secret even if one is configured");

  CLI11_PARSE(cli, argc, argv);

  auto config = app::load_config(config_path.empty() ? std::nullopt : std::optional(config_path),
                                 app::process_environment());
  if (!config) {
    // Standard error is the log, one JSON object a line, from the first line on.
    app::make_json_logger("poblysh", "info")
        ->critical(LogLine("configuration error").text("reason", config.error().message).str());
    return 2;
  }
  auto log = app::make_json_logger("poblysh", config->log_level);

  if (*serve) return app::serve(*config, log);
  if (*migrate) {
    auto db = app::open_database(*config, *log);
    if (!db) {
      log->critical(LogLine("cannot open the database").text("reason", db.error().message).str());
      return 1;
    }
    std::cout << "Database is up to date.\n";
    return 0;
  }
  if (*user_add) return add_user(*config, *log, email, name, role);
  if (*calcom_check) return app::calcom_check(*config, log, check_json, std::cout);
  if (*calcom_sync) return app::calcom_sync(*config, log, std::cout);
  if (*webhooks_install) return app::calcom_webhooks_install(*config, log, webhook_url, rotate_secret, std::cout);
  return 0;
}
