#include "store.hpp"

#include <algorithm>

#include "signer.hpp"
#include "webhook_payload.hpp"

namespace poblysh::calcom_sim {
namespace {

bool is_valid_subscriber_url(const std::string& url) {
  return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
}

const std::vector<std::string>& known_triggers() {
  static const std::vector<std::string> kTriggers{
      "BOOKING_CREATED", "BOOKING_PAYMENT_INITIATED", "BOOKING_PAID", "BOOKING_RESCHEDULED", "BOOKING_REQUESTED",
      "BOOKING_CANCELLED", "BOOKING_REJECTED", "BOOKING_NO_SHOW_UPDATED", "FORM_SUBMITTED", "MEETING_ENDED",
      "MEETING_STARTED", "RECORDING_READY", "INSTANT_MEETING", "RECORDING_TRANSCRIPTION_GENERATED", "OOO_CREATED",
      "AFTER_HOSTS_CAL_VIDEO_NO_SHOW", "AFTER_GUESTS_CAL_VIDEO_NO_SHOW", "FORM_SUBMITTED_NO_EVENT",
      "ROUTING_FORM_FALLBACK_HIT", "DELEGATION_CREDENTIAL_ERROR", "WRONG_ASSIGNMENT_REPORT"};
  return kTriggers;
}

// Cal.com's booking-list status buckets, evaluated at `now`.
bool in_status_bucket(const Booking& booking, const std::string& bucket, SystemTime now) {
  const bool cancelled = booking.status == "cancelled" || booking.status == "rejected";
  if (bucket == "upcoming") return !cancelled && booking.end >= now;
  if (bucket == "past") return !cancelled && booking.end < now;
  if (bucket == "cancelled") return cancelled;
  if (bucket == "unconfirmed") return booking.status == "pending" && booking.end >= now;
  return false;  // "recurring": the simulator has no recurring event types
}

}  // namespace

Store::Store(Fixture fixture, const Clock& clock)
    : fixture_(std::move(fixture)), clock_(clock), random_(std::random_device{}()) {}

void Store::reset() {
  std::lock_guard lock(mutex_);
  bookings_.clear();
  webhooks_.clear();
  next_booking_id_ = 1001;
}

const ApiKey* Store::find_key(std::string_view key) const {
  for (const auto& item : fixture_.api_keys) if (item.key == key) return &item;
  return nullptr;
}
const User* Store::user(int id) const {
  for (const auto& item : fixture_.users) if (item.id == id) return &item;
  return nullptr;
}
const User* Store::user_by_username(std::string_view username) const {
  for (const auto& item : fixture_.users) if (item.username == username) return &item;
  return nullptr;
}
const EventType* Store::event_type(int id) const {
  for (const auto& item : fixture_.event_types) if (item.id == id) return &item;
  return nullptr;
}
const Team* Store::team(int id) const {
  for (const auto& item : fixture_.teams) if (item.id == id) return &item;
  return nullptr;
}
const Team* Store::team_by_slug(std::string_view slug) const {
  for (const auto& item : fixture_.teams) if (item.slug == slug) return &item;
  return nullptr;
}

std::vector<int> Store::hosts_of(const EventType& type) const {
  if (type.owner_id) return {*type.owner_id};
  return type.host_ids;
}

bool Store::manages(int actor, int user_id) const {
  if (actor == user_id) return true;
  for (const auto& team : fixture_.teams) {
    bool actor_admin = false;
    bool has_user = false;
    for (const auto& member : team.members) {
      if (member.user_id == actor && member.accepted && (member.role == "OWNER" || member.role == "ADMIN")) {
        actor_admin = true;
      }
      if (member.user_id == user_id && member.accepted) has_user = true;  // pending invites grant nothing
    }
    if (actor_admin && has_user) return true;
  }
  return false;
}

std::string Store::new_uid() {
  // 22 base62 characters, the shape of Cal.com's translated-UUID booking uids.
  static constexpr char kAlphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::uniform_int_distribution<std::size_t> pick(0, sizeof(kAlphabet) - 2);
  std::string uid;
  for (int i = 0; i < 22; ++i) uid += kAlphabet[pick(random_)];
  return uid;
}

Booking* Store::find_locked(std::string_view uid) {
  for (auto& booking : bookings_) if (booking.uid == uid) return &booking;
  return nullptr;
}

SimResult<Booking> Store::get_booking(std::string_view uid) const {
  std::lock_guard lock(mutex_);
  for (const auto& booking : bookings_) if (booking.uid == uid) return booking;
  return not_found("Booking with uid=" + std::string(uid) + " was not found in the database");
}

std::vector<Booking> Store::all_bookings() const {
  std::lock_guard lock(mutex_);
  return bookings_;
}

BookingPage Store::list_bookings(int actor, const BookingFilter& filter) const {
  const SystemTime now = clock_.now();
  const User* viewer = user(actor);
  std::vector<Booking> matched;
  {
    std::lock_guard lock(mutex_);
    for (const auto& booking : bookings_) {
      const bool visible =
          std::any_of(booking.host_ids.begin(), booking.host_ids.end(), [&](int host) { return manages(actor, host); }) ||
          (viewer && std::any_of(booking.attendees.begin(), booking.attendees.end(),
                                 [&](const Attendee& a) { return a.email == viewer->email; }));
      if (!visible) continue;
      if (!filter.statuses.empty() &&
          std::none_of(filter.statuses.begin(), filter.statuses.end(),
                       [&](const std::string& bucket) { return in_status_bucket(booking, bucket, now); })) {
        continue;
      }
      if (!filter.attendee_email.empty() &&
          std::none_of(booking.attendees.begin(), booking.attendees.end(),
                       [&](const Attendee& a) { return a.email == filter.attendee_email; })) {
        continue;
      }
      if (!filter.attendee_name.empty() &&
          std::none_of(booking.attendees.begin(), booking.attendees.end(),
                       [&](const Attendee& a) { return a.name == filter.attendee_name; })) {
        continue;
      }
      if (!filter.event_type_ids.empty() &&
          std::find(filter.event_type_ids.begin(), filter.event_type_ids.end(), booking.event_type_id) ==
              filter.event_type_ids.end()) {
        continue;
      }
      if (filter.after_start && booking.start < *filter.after_start) continue;
      if (filter.before_end && booking.end > *filter.before_end) continue;
      if (filter.after_created && booking.created_at < *filter.after_created) continue;
      if (filter.before_created && booking.created_at > *filter.before_created) continue;
      if (filter.after_updated && booking.updated_at < *filter.after_updated) continue;
      if (filter.before_updated && booking.updated_at > *filter.before_updated) continue;
      matched.push_back(booking);
    }
  }
  auto key = [&](const Booking& b) {
    if (filter.sort_field == "end") return b.end;
    if (filter.sort_field == "createdAt") return b.created_at;
    if (filter.sort_field == "updatedAt") return b.updated_at;
    return b.start;
  };
  std::stable_sort(matched.begin(), matched.end(), [&](const Booking& a, const Booking& b) {
    return filter.descending ? key(b) < key(a) : key(a) < key(b);
  });
  BookingPage page;
  page.total = static_cast<int>(matched.size());
  const auto skip = std::min<std::size_t>(static_cast<std::size_t>(std::max(filter.skip, 0)), matched.size());
  const auto take = std::min<std::size_t>(static_cast<std::size_t>(std::max(filter.take, 0)), matched.size() - skip);
  page.items.assign(matched.begin() + static_cast<std::ptrdiff_t>(skip),
                    matched.begin() + static_cast<std::ptrdiff_t>(skip + take));
  return page;
}

std::vector<Webhook> Store::webhooks(int user_id) const {
  std::lock_guard lock(mutex_);
  std::vector<Webhook> out;
  for (const auto& hook : webhooks_) if (hook.user_id == user_id) out.push_back(hook);
  return out;
}

SimResult<Webhook> Store::webhook(int user_id, std::string_view id) const {
  std::lock_guard lock(mutex_);
  for (const auto& hook : webhooks_) if (hook.id == id && hook.user_id == user_id) return hook;
  return not_found("Webhook with id=" + std::string(id) + " not found");
}

namespace {

SimResult<void> validate_webhook_fields(const WebhookInput& input) {
  if (input.subscriber_url && !is_valid_subscriber_url(*input.subscriber_url)) {
    return bad_request("subscriberUrl must be a URL address");
  }
  if (input.triggers) {
    for (const auto& trigger : *input.triggers) {
      const auto& known = known_triggers();
      if (std::find(known.begin(), known.end(), trigger) == known.end()) {
        return bad_request("each value in triggers must be one of the following values: " + [&] {
          std::string list;
          for (const auto& name : known) list += (list.empty() ? "" : ", ") + name;
          return list;
        }());
      }
    }
  }
  return {};
}

}  // namespace

SimResult<Webhook> Store::create_webhook(int user_id, const WebhookInput& input) {
  if (auto valid = validate_webhook_fields(input); !valid) return tl::unexpected(valid.error());
  std::lock_guard lock(mutex_);
  for (const auto& hook : webhooks_) {
    if (hook.user_id == user_id && hook.subscriber_url == input.subscriber_url.value_or("")) {
      return conflict("Webhook with this subscriber url already exists for this user");
    }
  }
  // Version 4 UUID text: real webhook ids are UUID strings.
  std::uniform_int_distribution<int> hex(0, 15);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) id += '-';
    if (i == 12) id += '4';
    else if (i == 16) id += kHex[8 + hex(random_) % 4];
    else id += kHex[hex(random_)];
  }
  Webhook hook{id, user_id, input.subscriber_url.value_or(""), input.triggers.value_or(std::vector<std::string>{}),
               input.active.value_or(true), input.secret, input.payload_template};
  webhooks_.push_back(hook);
  return hook;
}

SimResult<Webhook> Store::update_webhook(int user_id, std::string_view id, const WebhookInput& input) {
  if (auto valid = validate_webhook_fields(input); !valid) return tl::unexpected(valid.error());
  std::lock_guard lock(mutex_);
  for (auto& hook : webhooks_) {
    if (hook.id != id || hook.user_id != user_id) continue;
    if (input.subscriber_url) hook.subscriber_url = *input.subscriber_url;
    if (input.triggers) hook.triggers = *input.triggers;
    if (input.active) hook.active = *input.active;
    if (input.secret) hook.secret = *input.secret;
    if (input.payload_template) hook.payload_template = *input.payload_template;
    return hook;
  }
  return not_found("Webhook with id=" + std::string(id) + " not found");
}

SimResult<Webhook> Store::delete_webhook(int user_id, std::string_view id) {
  std::lock_guard lock(mutex_);
  for (auto it = webhooks_.begin(); it != webhooks_.end(); ++it) {
    if (it->id != id || it->user_id != user_id) continue;
    Webhook removed = *it;
    webhooks_.erase(it);
    return removed;
  }
  return not_found("Webhook with id=" + std::string(id) + " not found");
}

std::vector<DeliveryJob> Store::deliveries_for(const std::string& trigger, const Booking& booking,
                                               const Booking* previous) const {
  const EventType* type = event_type(booking.event_type_id);
  const User* organizer = booking.host_ids.empty() ? nullptr : user(booking.host_ids.front());
  if (!type || !organizer) return {};
  PayloadContext context{booking, previous, *type, *organizer, nullptr, {}, clock_.now()};
  if (type->team_id) {
    context.team = team(*type->team_id);
    for (std::size_t i = 1; i < booking.host_ids.size(); ++i) context.other_hosts.push_back(user(booking.host_ids[i]));
  }
  return deliveries_with_body(trigger, booking, booking_webhook_body(trigger, context));
}

std::vector<DeliveryJob> Store::deliveries_with_body(const std::string& trigger, const Booking& booking,
                                                     const nlohmann::ordered_json& payload) const {
  const std::string body = payload.dump();
  std::vector<DeliveryJob> jobs;
  std::lock_guard lock(mutex_);
  for (const auto& hook : webhooks_) {
    if (!hook.active || std::find(hook.triggers.begin(), hook.triggers.end(), trigger) == hook.triggers.end()) continue;
    if (std::none_of(booking.host_ids.begin(), booking.host_ids.end(), [&](int host) { return manages(hook.user_id, host); })) {
      continue;
    }
    DeliveryJob job{hook.id, hook.subscriber_url, trigger, booking.uid, body, {}, "application/json"};
    // Cal Video's no-show payload names the webhook it is sent to (its secret left out).
    if (payload.contains("payload") && payload["payload"].contains("webhook")) {
      auto named = payload;
      named["payload"]["webhook"]["id"] = hook.id;
      named["payload"]["webhook"]["subscriberUrl"] = hook.subscriber_url;
      named["payload"]["webhook"]["eventTriggers"] = hook.triggers;
      named["payload"]["webhook"]["active"] = hook.active;
      job.body = named.dump();
    }
    if (hook.payload_template && !hook.payload_template->empty()) {
      job.body = render_payload_template(*hook.payload_template, nlohmann::ordered_json::parse(job.body));
      // Cal.com sends a rendered template as JSON only when it parses as JSON.
      if (!nlohmann::json::accept(job.body)) job.content_type = "application/x-www-form-urlencoded";
    }
    job.signature = webhook_signature(hook.secret, job.body);
    jobs.push_back(std::move(job));
  }
  return jobs;
}

SimResult<std::vector<DeliveryJob>> Store::scheduled_deliveries(const std::string& trigger, std::string_view uid,
                                                                const std::string& host_email,
                                                                const std::vector<std::string>& absent_emails) {
  Booking booking;
  {
    std::lock_guard lock(mutex_);
    Booking* found = find_locked(uid);
    if (!found) return not_found("Booking with uid=" + std::string(uid) + " was not found in the database");
    if (trigger == "AFTER_GUESTS_CAL_VIDEO_NO_SHOW") {
      for (auto& attendee : found->attendees) {
        if (absent_emails.empty() ||
            std::find(absent_emails.begin(), absent_emails.end(), attendee.email) != absent_emails.end()) {
          attendee.absent = true;
        }
      }
    }
    if (trigger == "AFTER_HOSTS_CAL_VIDEO_NO_SHOW" && host_email.empty()) found->absent_host = true;
    booking = *found;
  }
  const EventType* type = event_type(booking.event_type_id);
  const User* organizer = booking.host_ids.empty() ? nullptr : user(booking.host_ids.front());
  if (!type || !organizer)
    return not_found("Event type with id=" + std::to_string(booking.event_type_id) + " not found");
  const SystemTime now = clock_.now();
  if (trigger == "MEETING_ENDED" || trigger == "MEETING_STARTED") {
    return deliveries_with_body(trigger, booking, meeting_row_body(trigger, booking, *organizer));
  }
  if (trigger == "AFTER_HOSTS_CAL_VIDEO_NO_SHOW" || trigger == "AFTER_GUESTS_CAL_VIDEO_NO_SHOW") {
    const std::string host =
        trigger == "AFTER_HOSTS_CAL_VIDEO_NO_SHOW" ? (host_email.empty() ? organizer->email : host_email) : "";
    return deliveries_with_body(trigger, booking, cal_video_no_show_body(trigger, booking, *type, host, now));
  }
  return deliveries_for(trigger, booking, nullptr);
}

}  // namespace poblysh::calcom_sim
