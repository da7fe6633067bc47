#include "webhooks/reconciler.hpp"

#include <nlohmann/json.hpp>
#include <set>

#include "core/log_line.hpp"
#include "core/time.hpp"
#include "webhooks/meeting_location.hpp"

namespace poblysh::webhooks {
namespace {

constexpr std::string_view kCursorName = "bookings";

const char* upper_status(calcom::BookingStatus status) {
  switch (status) {
    case calcom::BookingStatus::accepted: return "ACCEPTED";
    case calcom::BookingStatus::pending: return "PENDING";
    case calcom::BookingStatus::cancelled: return "CANCELLED";
    case calcom::BookingStatus::rejected: return "REJECTED";
    case calcom::BookingStatus::unknown: break;
  }
  return "";
}

// The event a webhook would have carried for `booking` in its current state.
CalcomEvent event_for(std::string_view trigger, const calcom::Booking& booking, int sequence, SystemTime now) {
  CalcomEvent event;
  event.trigger = std::string(trigger);
  event.created_at = booking.updated_at.value_or(now);
  event.uid = booking.uid;
  if (booking.id > 0) event.booking_id = booking.id;
  event.start = booking.start;
  event.end = booking.end;
  event.status = upper_status(booking.status);
  event.ical_uid = booking.ical_uid;
  event.ical_sequence = sequence;
  event.reason = booking.cancellation_reason;
  auto place = meeting_place(booking.meeting_url, "", "", booking.location);
  event.meeting_url = place.url;
  event.meeting_provider = place.provider;
  event.place = place.place;
  if (auto id = booking.interview_id()) event.interview_id = std::stoll(*id);
  return event;
}

bool is_number(const std::string& text) {
  return !text.empty() && text.size() < 19 && text.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

Reconciler::Reconciler(store::Database& db, store::InterviewRepo& interviews, store::WebhookDeliveryRepo& deliveries,
                       WebhookReceiver& receiver, calcom::Integration& calcom, const Clock& clock,
                       ReconcilerOptions options, std::shared_ptr<spdlog::logger> log)
    : db_(db),
      interviews_(interviews),
      deliveries_(deliveries),
      receiver_(receiver),
      calcom_(calcom),
      clock_(clock),
      options_(options),
      log_(std::move(log)) {}

void Reconciler::count(const Result<Receipt>& receipt, SyncReport& report) {
  if (!receipt) {
    ++report.failed;
  } else if (receipt->outcome == store::DeliveryOutcome::applied) {
    ++report.applied;
  } else {
    ++report.unchanged;
  }
}

Result<SyncReport> Reconciler::run_once() {
  std::lock_guard lock(run_mutex_);
  ASSIGN_OR_RETURN(auto client, calcom_.usable());
  const auto read_state = [&](store::Connection& db) { return deliveries_.sync_state(db, kCursorName); };
  ASSIGN_OR_RETURN(auto state, store::read_with(db_, read_state));
  const auto started = clock_.now();
  calcom::BookingsQuery query;
  query.after_updated_at = state.cursor_at ? *state.cursor_at - options_.overlap : started - options_.first_lookback;
  query.sort_updated_at = "asc";
  query.take = 100;

  SyncReport report;
  std::optional<SystemTime> newest = state.cursor_at;
  std::set<std::int64_t> interview_ids;
  for (int page = 0; page < options_.max_pages; ++page) {
    ASSIGN_OR_RETURN(auto listed, client->list_bookings(query, {"sync"}));
    for (const auto& booking : listed.bookings) {
      ++report.bookings_seen;
      if (booking.updated_at && (!newest || *booking.updated_at > *newest)) newest = booking.updated_at;
      if (auto id = booking.interview_id(); id && is_number(*id)) {
        interview_ids.insert(std::stoll(*id));
        continue;
      }
      // A booking made without our metadata may still be one we hold (an older client).
      auto held = store::read_with(
          db_, [&](store::Connection& db) { return interviews_.find_by_booking_uid(db, booking.uid); });
      if (held && *held) interview_ids.insert((*held)->id);
    }
    if (!listed.has_next_page || listed.bookings.empty()) break;
    query.skip += static_cast<int>(listed.bookings.size());
  }
  for (auto id : interview_ids) {
    ++report.interviews_checked;
    const int counted = report.applied + report.unchanged + report.failed;
    auto done = reconcile(*client, id, report);
    // An interview whose state already matched Cal.com's brought no event: it is up to date.
    if (done && report.applied + report.unchanged + report.failed == counted) ++report.unchanged;
    if (!done) {
      ++report.failed;
      log_->warn(LogLine("sync could not check an interview")
                     .number("interview_id", id)
                     .text("code", code_name(done.error().code))
                     .str());
    }
  }
  // The cursor only moves when every interview was checked: a failure is retried next run.
  const store::WebhookDeliveryRepo::SyncState next{
      report.failed == 0 ? newest : state.cursor_at, started,
      nlohmann::json{{"bookings_seen", report.bookings_seen}, {"applied", report.applied}, {"failed", report.failed}}
          .dump()};
  RETURN_IF_ERROR(store::transact(db_, [&](store::Connection& db) -> Result<bool> {
    RETURN_IF_ERROR(deliveries_.save_sync_state(db, kCursorName, next));
    return true;
  }));
  log_->info(LogLine("cal.com sync")
                 .number("bookings_seen", report.bookings_seen)
                 .number("interviews_checked", report.interviews_checked)
                 .number("applied", report.applied)
                 .number("unchanged", report.unchanged)
                 .number("failed", report.failed)
                 .str());
  return report;
}

Status Reconciler::reconcile(calcom::Client& client, std::int64_t interview_id, SyncReport& report) {
  ASSIGN_OR_RETURN(auto found,
                   store::read_with(db_, [&](store::Connection& db) { return interviews_.find(db, interview_id); }));
  // Drafts are the confirm's business (it looks its booking up itself); finished ones stay.
  if (!found || found->calcom_booking_uid.empty() || found->status == domain::InterviewStatus::completed) return {};
  const domain::Interview& interview = *found;

  // Follow reschedules from the booking we hold to the one that is current now.
  ASSIGN_OR_RETURN(auto booking, client.get_booking(interview.calcom_booking_uid, {"sync"}));
  int hops = 0;
  while (!booking.rescheduled_to_uid.empty() && hops < options_.max_hops) {
    ASSIGN_OR_RETURN(auto next, client.get_booking(booking.rescheduled_to_uid, {"sync"}));
    booking = std::move(next);
    ++hops;
  }
  // Cal.com raises iCalSequence once per reschedule; the API does not report it, so count.
  const int sequence = std::max(interview.calcom_sequence, 0) + hops;
  const auto now = clock_.now();
  if (hops > 0) {
    auto event = event_for(kBookingRescheduled, booking, sequence, now);
    event.reschedule_uid = interview.calcom_booking_uid;
    count(receiver_.apply_synced(event), report);
  }
  using S = domain::InterviewStatus;
  // A booking cancelled at the host's request for a new time is the interview's state already.
  const bool open = interview.status != S::cancelled && interview.status != S::reschedule_requested;
  switch (booking.status) {
    case calcom::BookingStatus::cancelled:
      if (open) count(receiver_.apply_synced(event_for(kBookingCancelled, booking, sequence, now)), report);
      break;
    case calcom::BookingStatus::rejected:
      if (open) count(receiver_.apply_synced(event_for(kBookingRejected, booking, sequence, now)), report);
      break;
    case calcom::BookingStatus::accepted:
      if ((interview.status == S::scheduled || interview.status == S::awaiting_host) && hops == 0) {
        count(receiver_.apply_synced(event_for(kBookingCreated, booking, sequence, now)), report);
      }
      break;
    case calcom::BookingStatus::pending:
      if (interview.status == S::scheduled && hops == 0) {
        count(receiver_.apply_synced(event_for(kBookingRequested, booking, sequence, now)), report);
      }
      break;
    case calcom::BookingStatus::unknown: break;
  }
  return {};
}

SyncJob::SyncJob(Reconciler& reconciler, std::chrono::seconds interval, std::shared_ptr<spdlog::logger> log)
    : reconciler_(reconciler), interval_(interval), log_(std::move(log)) {}

SyncJob::~SyncJob() { stop(); }

void SyncJob::start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!changed_.wait_for(lock, interval_, [this] { return stopping_; })) {
      lock.unlock();
      if (auto report = reconciler_.run_once(); !report) {
        log_->warn(LogLine("cal.com sync failed").text("code", code_name(report.error().code)).str());
      }
      lock.lock();
    }
  });
}

void SyncJob::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace poblysh::webhooks
