#include "app/calcom_commands.hpp"

#include <nlohmann/json.hpp>

#include "app/service.hpp"
#include "calcom/health.hpp"
#include "calcom/health_json.hpp"

namespace poblysh::app {
namespace {

constexpr const char* kNoKeyReason =
    "No Cal.com API key is configured — create one in Cal.com settings (Settings → Developer → "
    "API keys) and set POBLYSH_CALCOM_API_KEY or POBLYSH_CALCOM_API_KEY_FILE.";

// Says which Cal.com and which key were checked, so a report pasted into a support chat
// answers "which configuration was this?" without revealing the key.
nlohmann::json target_json(const Config& config) {
  return {{"base_url", config.calcom_base_url},
          {"api_key", calcom::redact_key(config.calcom_api_key)},
          {"sandbox", config.calcom_sandbox}};
}

void print_target(const Config& config, std::ostream& out) {
  out << "Cal.com at " << config.calcom_base_url;
  if (config.calcom_sandbox) out << " (sandbox: the built-in simulator)";
  out << ", API key " << calcom::redact_key(config.calcom_api_key) << "\n";
}

}  // namespace

int calcom_check(const Config& config, std::shared_ptr<spdlog::logger> log, bool as_json, std::ostream& out) {
  auto client = make_calcom_client(config, std::move(log));
  if (!client) {
    if (as_json) {
      auto body = target_json(config);
      body["ok"] = false;
      body["configured"] = false;
      body["reason"] = kNoKeyReason;
      out << body.dump(2) << "\n";
    } else {
      out << "Cal.com: NOT working — " << kNoKeyReason << "\n";
    }
    return 1;
  }

  calcom::HealthReport report = calcom::check_health(*client, calcom::CallContext{"calcom-check"});
  if (as_json) {
    auto body = target_json(config);
    body["configured"] = true;
    body.update(calcom::to_json(report));
    out << body.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    print_target(config, out);
    for (const auto& line : calcom::render_health_text(report)) out << line << "\n";
  }
  return report.ok ? 0 : 1;
}

}  // namespace poblysh::app
