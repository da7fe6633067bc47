// store: Cal.com webhook deliveries as received (with their outcome) and the sync cursor.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace poblysh::store {

// applied: changed an interview; duplicate: seen before (or its effect was already there);
// ignored: a trigger we do not act on (PING, MEETING_ENDED…); unmatched: no interview of ours;
// stale: older than what the interview already shows; rejected: malformed, nothing changed.
enum class DeliveryOutcome { applied, duplicate, ignored, unmatched, stale, rejected };
const char* outcome_name(DeliveryOutcome outcome);
std::optional<DeliveryOutcome> parse_outcome(std::string_view name);

// webhook: POSTed by Cal.com; sync: made up by the reconciler from the bookings API.
enum class DeliverySource { webhook, sync };

// What a delivery's row says of it, the same written (NewDelivery) and read back (Delivery).
struct DeliveryRecord {
  std::optional<std::int64_t> duplicate_of;
  DeliverySource source = DeliverySource::webhook;
  std::string trigger;
  std::string booking_uid;
  std::optional<SystemTime> event_created_at;
  SystemTime received_at;
  DeliveryOutcome outcome = DeliveryOutcome::ignored;
  std::optional<std::int64_t> interview_id;
  std::string detail;
  std::string raw_body;  // read back by find() alone: lists leave it out (it holds personal data)
};

struct NewDelivery : DeliveryRecord {
  std::optional<std::string> dedupe_key;  // nullopt for the row recording a repeat
};

struct Delivery : DeliveryRecord {
  std::int64_t id = 0;
  std::optional<SystemTime> reapplied_at;
};

// What an interview's detail shows of a delivery: read from webhook_deliveries_by_interview
// alone, so the detail does not read the rows and their raw bodies.
struct DeliverySummary {
  std::int64_t id = 0;
  DeliverySource source = DeliverySource::webhook;
  std::string trigger;
  SystemTime received_at;
  DeliveryOutcome outcome = DeliveryOutcome::ignored;
};

struct DeliveryFilter {
  std::optional<DeliveryOutcome> outcome;
  std::optional<std::int64_t> interview_id;
};

class WebhookDeliveryRepo {
 public:
  // Inserts unless a row with the same dedupe_key exists; then returns that row's id and
  // created = false. ON CONFLICT keeps a PostgreSQL transaction usable after the clash.
  struct Inserted {
    std::int64_t id = 0;
    bool created = false;
  };
  Result<Inserted> insert(Connection& db, const NewDelivery& delivery);
  // The delivery already recorded under `dedupe_key`, if any: its id and interview.
  struct Recorded {
    std::int64_t id = 0;
    std::optional<std::int64_t> interview_id;
  };
  Result<std::optional<Recorded>> find_by_dedupe_key(Connection& db, const std::string& dedupe_key);
  Status set_outcome(Connection& db, std::int64_t id, DeliveryOutcome outcome, std::optional<std::int64_t> interview_id,
                     std::string_view detail);
  Status mark_reapplied(Connection& db, std::int64_t id, SystemTime at);

  Result<std::optional<Delivery>> find(Connection& db, std::int64_t id);
  // Newest first; resume with PageRequest::after_id.
  Result<Page<Delivery>> list(Connection& db, const DeliveryFilter& filter, const PageRequest& page);
  // Oldest first: the story of one interview as Cal.com told it.
  Result<std::vector<DeliverySummary>> for_interview(Connection& db, std::int64_t interview_id);

  // The reconciliation cursor of one job (e.g. "bookings").
  struct SyncState {
    std::optional<SystemTime> cursor_at;
    std::optional<SystemTime> last_run_at;
    std::string last_result;
  };
  Result<SyncState> sync_state(Connection& db, std::string_view name);
  Status save_sync_state(Connection& db, std::string_view name, const SyncState& state);
};

}  // namespace poblysh::store
