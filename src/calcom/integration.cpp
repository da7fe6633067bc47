#include "calcom/integration.hpp"

namespace poblysh::calcom {

Integration::Integration(std::shared_ptr<Client> client, bool sandbox,
                                     std::optional<std::int64_t> team_id)
    : client_(std::move(client)), sandbox_(sandbox), team_id_(team_id) {}

HealthReport Integration::refresh() {
  HealthReport report;
  if (client_) {
    report = check_health(*client_);
  } else {
    report.checks.push_back({"identity", "Sign-in with the API key", CheckState::denied,
                             "No Cal.com API key is configured — create one in Cal.com settings and set "
                             "POBLYSH_CALCOM_API_KEY."});
  }
  std::lock_guard lock(mutex_);
  report_ = report;
  return report;
}

std::optional<HealthReport> Integration::last_report() const {
  std::lock_guard lock(mutex_);
  return report_;
}

Result<Client*> Integration::usable() const {
  if (!client_) {
    return fail(ErrorCode::upstream_unavailable,
                "Cal.com is not connected: no API key is configured. Ask an administrator to set POBLYSH_CALCOM_API_KEY.");
  }
  std::lock_guard lock(mutex_);
  if (report_ && !report_->checks.empty() && report_->checks.front().name == "identity" &&
      report_->checks.front().state == CheckState::denied) {
    return fail(ErrorCode::upstream_unavailable, report_->checks.front().reason);
  }
  return client_.get();
}

}  // namespace poblysh::calcom
