// calcom: the real Client — Cal.com API v2 over a Transport (libcurl by default).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "calcom/client.hpp"
#include "calcom/executor.hpp"
#include "calcom/rate_limiter.hpp"
#include "calcom/retry.hpp"
#include "calcom/transport.hpp"
#include "calcom/ttl_cache.hpp"

namespace spdlog {
class logger;
}

namespace poblysh::calcom {

// Everything the client needs from the outside world; empty members get the real thing
// (CurlTransport, SystemClock, ThreadSleeper, SystemRandom). Tests pass fakes.
struct ClientDeps {
  std::shared_ptr<Transport> transport;
  std::shared_ptr<const Clock> clock;
  std::shared_ptr<Sleeper> sleeper;
  std::shared_ptr<RandomSource> random;
  // Where failed attempts are logged (one JSON object per message). The service passes its
  // own logger; null gets a private stderr logger, never spdlog's global default.
  std::shared_ptr<spdlog::logger> logger;
};

// Thread-safe: one instance serves all request handlers. Retries, rate limiting, caching and
// logging happen here; see executor.hpp for which calls are repeated and why.
class CurlClient final : public Client {
 public:
  explicit CurlClient(ClientOptions options, ClientDeps deps = {});
  CurlClient(const CurlClient&) = delete;
  CurlClient& operator=(const CurlClient&) = delete;

  Result<Me> me(const CallContext& ctx = {}) override;
  Result<std::vector<EventType>> event_types(const EventTypesQuery& query,
                                             const CallContext& ctx = {}) override;
  Result<Slots> slots(const SlotsQuery& query, const CallContext& ctx = {}) override;
  std::vector<Result<Slots>> slots_many(const std::vector<SlotsQuery>& queries,
                                        const CallContext& ctx = {}) override;

  Result<Booking> create_booking(const CreateBookingRequest& request,
                                 const CallContext& ctx = {}) override;
  Result<Booking> get_booking(const std::string& uid, const CallContext& ctx = {}) override;
  Result<Booking> cancel_booking(const std::string& uid, const std::string& reason,
                                 const CallContext& ctx = {}) override;
  Result<Booking> reschedule_booking(const std::string& uid, const RescheduleRequest& request,
                                     const CallContext& ctx = {}) override;
  Result<Booking> add_guests(const std::string& uid, const std::vector<GuestInput>& guests,
                             const CallContext& ctx = {}) override;
  Result<Booking> mark_absent(const std::string& uid, std::optional<bool> host_absent,
                              const std::vector<AbsentMark>& attendees, const CallContext& ctx = {}) override;
  Result<BookingsPage> list_bookings(const BookingsQuery& query, const CallContext& ctx = {}) override;
  Result<std::optional<Booking>> find_booking_by_interview(const std::string& interview_id,
                                                           const BookingsQuery& scope,
                                                           const CallContext& ctx = {}) override;

  Result<std::vector<Webhook>> list_webhooks(const CallContext& ctx = {}) override;
  Result<Webhook> create_webhook(const WebhookInput& input, const CallContext& ctx = {}) override;
  Result<Webhook> update_webhook(const std::string& id, const WebhookPatch& patch,
                                 const CallContext& ctx = {}) override;

 private:
  template <class T, class Parse>
  Result<T> call(const ApiCall& call, const CallContext& ctx, Repeat repeat, Parse parse);

  // An unsafe call with lookup-before-retry: after an ambiguous failure (or an unreadable
  // answer), `find_applied` asks Cal.com whether the change happened; only if it certainly did
  // not is the request sent again.
  template <class T, class Parse, class FindApplied>
  Result<T> call_checked(const ApiCall& call, const CallContext& ctx, Parse parse,
                         FindApplied find_applied);

  // Cal.com's default slots answer carries starts only (when format=range is not honoured):
  // each slot then lasts the meeting asked for, or the event type's length, never zero minutes.
  Result<Slots> with_ends(Slots slots, const SlotsQuery& query, const CallContext& ctx);

  std::string cache_key(const ApiCall& call) const;
  std::string version_of(const std::string& api) const;

  ClientOptions options_;
  ClientDeps deps_;
  RateLimiter limiter_;
  Executor executor_;
  TtlCache<std::vector<EventType>> event_types_cache_;
  TtlCache<Slots> slots_cache_;
};

}  // namespace poblysh::calcom
