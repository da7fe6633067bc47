// calcom: "is our Cal.com integration working?" — identity plus each capability we rely on.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "calcom/client.hpp"

namespace poblysh::calcom {

enum class CheckState { ok, denied, unreachable };
const char* check_state_name(CheckState state);

struct CapabilityCheck {
  std::string name;    // "identity", "event_types", "webhooks"
  std::string label;   // "Sign-in with the API key", for people
  CheckState state = CheckState::unreachable;
  std::string reason;  // plain language; empty when ok
};

struct HealthReport {
  bool ok = false;  // every check ok
  std::optional<Me> identity;
  std::vector<CapabilityCheck> checks;
};

// GET /v2/me first; if that fails for lack of access or connectivity, the other probes would
// only repeat the same failure, so they are reported as skipped with the same state.
HealthReport check_health(Client& client, const CallContext& ctx = {});

// Readable lines for `calcom check`, e.g.
//   "Cal.com: working — signed in as alice (alice@example.com)"
//   "  [ok]     Sign-in with the API key"
//   "  [denied] Read webhooks — …"
std::vector<std::string> render_health_text(const HealthReport& report);

}  // namespace poblysh::calcom
