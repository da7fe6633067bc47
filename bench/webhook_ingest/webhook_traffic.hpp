// bench/webhook_ingest: signed Cal.com deliveries for interviews seeded straight into SQLite,
// and a load generator sending them over concurrent keep-alive connections. Shared by the
// ingest benchmark and the webhook fault tests (tests/fault/webhooks).
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace poblysh::webhook_traffic {

// What a delivery does to its interview (one delivery per interview, so order never matters).
enum class Change { created, rescheduled, cancelled };

struct Delivery {
  int interview_id = 0;
  Change change = Change::created;
  std::string body;
  std::string signature;  // X-Cal-Signature-256
};

// Adds `count` interviews (ids 1..count, status scheduled, Cal.com booking "load-<id>") with a
// startup, its contact and a two-person team to a migrated, otherwise empty database. Throws.
void seed_interviews(const std::string& database_path, int count);

// One signed delivery per interview 1..count: BOOKING_CREATED, _RESCHEDULED, _CANCELLED in turn,
// with the body the simulator sends (Cal.com's fields and size, ~1.5 KB).
std::vector<Delivery> make_deliveries(int count, const std::string& secret);

// The booking uid an interview holds once its delivery is applied.
std::string booking_uid_after(const Delivery& delivery);
const char* status_after(const Delivery& delivery);

struct Sent {
  long status = 0;  // HTTP status; 0: no answer (connection refused or dropped)
  std::chrono::microseconds latency{0};
};

// POSTs deliveries[i] for each i in `which` to `url` over `connections` concurrent keep-alive
// connections (libcurl multi, one thread). `answered` counts answers as they come (may be null).
std::vector<Sent> send_all(const std::string& url, const std::vector<Delivery>& deliveries,
                           const std::vector<std::size_t>& which, int connections,
                           std::atomic<std::size_t>* answered = nullptr);

// The same load for the ingest benchmark, with a sender that costs the shared cores far less
// (lean_sender.cpp): one epoll loop over pre-serialised requests. Throws on any connection
// failure (the benchmark's service never drops one); every answer's status is kept.
std::vector<Sent> send_all_lean(const std::string& url, const std::vector<Delivery>& deliveries,
                                const std::vector<std::size_t>& which, int connections);

}  // namespace poblysh::webhook_traffic
