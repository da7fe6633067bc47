#include "http/api/integration_handlers.hpp"

#include "calcom/health_json.hpp"

namespace poblysh::http::api {

Result<Response> IntegrationHandlers::calcom(Request& request, const Caller& caller) {
  std::optional<calcom::HealthReport> report;
  if (request.query_param("refresh") == std::optional<std::string>("true")) {
    if (caller.user().role != domain::Role::admin)
      return fail(ErrorCode::forbidden, "Only administrators can re-check Cal.com.");
    report = calcom_.refresh();
  } else {
    report = calcom_.last_report();
  }
  json body{{"configured", calcom_.configured()},
            {"sandbox", calcom_.sandbox()},
            {"base_url", base_url_},
            {"checked", report.has_value()},
            {"healthy", report && report->ok}};
  if (report) {
    body["report"] = calcom::to_json(*report);
    for (const auto& check : report->checks) {
      if (check.state != calcom::CheckState::ok) {
        body["reason"] = check.reason;
        break;
      }
    }
  }
  if (calcom_.sandbox()) {
    body["notice"] =
        "Sandbox: bookings go to the built-in Cal.com simulator, not to Cal.com. No real invitations are sent.";
  }
  return json_response(200, body);
}

}  // namespace poblysh::http::api
