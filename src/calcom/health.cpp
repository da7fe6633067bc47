#include "calcom/health.hpp"

#include <algorithm>

namespace poblysh::calcom {
namespace {

// Our error codes already say who must act: a rejected or under-privileged key (or a wrong
// API version) is upstream_failed / not_found — "denied"; no answer or throttling is
// "unreachable". The reason is the error's user message, which says what to do.
CapabilityCheck from_error(std::string name, std::string label, const Error& error) {
  CheckState state = CheckState::denied;
  if (error.code == ErrorCode::upstream_unavailable || error.code == ErrorCode::rate_limited) {
    state = CheckState::unreachable;
  }
  return CapabilityCheck{std::move(name), std::move(label), state, error.message};
}

template <class T>
CapabilityCheck probe(std::string name, std::string label, const Result<T>& result) {
  if (result) return CapabilityCheck{std::move(name), std::move(label), CheckState::ok, {}};
  return from_error(std::move(name), std::move(label), result.error());
}

}  // namespace

const char* check_state_name(CheckState state) {
  switch (state) {
    case CheckState::ok: return "ok";
    case CheckState::denied: return "denied";
    case CheckState::unreachable: return "unreachable";
  }
  return "unreachable";
}

HealthReport check_health(Client& client, const CallContext& ctx) {
  HealthReport report;
  auto me = client.me(ctx);
  report.checks.push_back(probe("identity", "Sign-in with the API key", me));
  if (me) {
    report.identity = *me;
    EventTypesQuery fresh;
    fresh.skip_cache = true;
    report.checks.push_back(probe("event_types", "Read event types", client.event_types(fresh, ctx)));
    report.checks.push_back(probe("webhooks", "Read webhooks", client.list_webhooks(ctx)));
  } else {
    std::string reason = "Not checked: " + me.error().message;
    CheckState state = report.checks.front().state;
    report.checks.push_back(CapabilityCheck{"event_types", "Read event types", state, reason});
    report.checks.push_back(CapabilityCheck{"webhooks", "Read webhooks", state, reason});
  }
  report.ok = true;
  for (const auto& check : report.checks) report.ok = report.ok && check.state == CheckState::ok;
  return report;
}

std::vector<std::string> render_health_text(const HealthReport& report) {
  std::vector<std::string> lines;
  std::string head = report.ok ? "Cal.com: working" : "Cal.com: NOT working";
  if (report.identity) {
    head += " — signed in as " + report.identity->username;
    if (!report.identity->email.empty()) head += " (" + report.identity->email + ")";
  }
  lines.push_back(head);
  for (const auto& check : report.checks) {
    std::string tag = std::string("[") + check_state_name(check.state) + "]";
    tag.resize(std::max<std::size_t>(tag.size(), 13), ' ');
    std::string line = "  " + tag + " " + check.label;
    if (!check.reason.empty()) line += " — " + check.reason;
    lines.push_back(line);
  }
  return lines;
}

}  // namespace poblysh::calcom
