// calcom: the Cal.com connection as the rest of the service sees it — the client, whether
// it works (checked at start-up and on demand), and whether it is the sandbox simulator.
#pragma once

#include <memory>
#include <mutex>
#include <optional>

#include "calcom/client.hpp"
#include "calcom/health.hpp"

namespace poblysh::calcom {

class Integration {
 public:
  // `client` may be null when no API key is configured at all.
  Integration(std::shared_ptr<Client> client, bool sandbox, std::optional<std::int64_t> team_id = {});

  // Runs the health check now and keeps the report.
  HealthReport refresh();
  std::optional<HealthReport> last_report() const;
  bool sandbox() const { return sandbox_; }
  bool configured() const { return client_ != nullptr; }
  // The Cal.com team whose event types can be booked too, if configured.
  std::optional<std::int64_t> team_id() const { return team_id_; }

  // The client, or an error that tells the user what to do (a rejected key, no key at all).
  // Before the first check completes, the client is handed out: the call itself will tell.
  Result<Client*> usable() const;

 private:
  std::shared_ptr<Client> client_;
  bool sandbox_;
  std::optional<std::int64_t> team_id_;
  mutable std::mutex mutex_;
  std::optional<HealthReport> report_;
};

}  // namespace poblysh::calcom
