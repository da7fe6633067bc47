#include "webhook_traffic.hpp"

#include <curl/curl.h>
#include <sqlite3.h>

#include <stdexcept>

#include "core/time.hpp"
#include "webhook_payload.hpp"
#include "webhooks/signature.hpp"

namespace poblysh::webhook_traffic {
namespace {

using namespace std::chrono;

// Interview i meets at kBase + i hours; a reschedule moves it one day later.
const sys_time<milliseconds> kBase = sys_days{year{2030} / January / 7} + hours{9};

sys_time<milliseconds> start_of(int id) { return kBase + hours{id}; }

void exec(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    throw std::runtime_error("seeding failed: " + text);
  }
}

}  // namespace

void seed_interviews(const std::string& database_path, int count) {
  sqlite3* db = nullptr;
  if (sqlite3_open(database_path.c_str(), &db) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + database_path);
  }
  const std::string base = std::to_string(duration_cast<milliseconds>(kBase.time_since_epoch()).count());
  try {
    exec(db, "PRAGMA foreign_keys=ON; BEGIN;"
             "INSERT INTO startups (id, name, name_sort, created_at, updated_at) "
             "VALUES (1, 'Northwind Robotics', 'northwind robotics', 0, 0);"
             "INSERT INTO contacts (id, startup_id, name, name_sort, email, email_normalized, title, company, created_at, updated_at) "
             "VALUES (1, 1, 'Lena Fischer', 'lena fischer', 'lena@northwind.example', 'lena@northwind.example', 'CEO', "
             "'Northwind Robotics', 0, 0);"
             "INSERT INTO team_members (id, name, name_sort, email, email_normalized, role, calcom_username, created_at, updated_at) "
             "VALUES (1, 'Alice Martin', 'alice martin', 'alice@poblysh.test', 'alice@poblysh.test', 'Editor', 'alice', 0, 0),"
             "(2, 'Bruno Keller', 'bruno keller', 'bruno@poblysh.test', 'bruno@poblysh.test', 'Partner', 'bruno', 0, 0);"
             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + std::to_string(count) + ") "
             "INSERT INTO interviews (id, startup_id, contact_id, title, status, event_type_id, event_type_slug, "
             "event_type_title, duration_minutes, timezone, start_at, end_at, calcom_booking_id, calcom_booking_uid, "
             "ical_uid, created_at, updated_at, sort_at) "
             "SELECT i, 1, 1, 'Interview ' || i, 'scheduled', 1001, '30min', '30 Minute Meeting', 30, 'Europe/Berlin', " +
                 base + " + i * 3600000, " + base + " + i * 3600000 + 1800000, i, 'load-' || i, 'load-' || i || '@Cal.com', 0, 0, " +
                 base + " + i * 3600000 FROM n;"
             "INSERT INTO interview_team (interview_id, team_member_id, is_primary) SELECT id, 1, 1 FROM interviews;"
             "INSERT INTO interview_team (interview_id, team_member_id, is_primary) SELECT id, 2, 0 FROM interviews;"
             "COMMIT; PRAGMA wal_checkpoint(TRUNCATE);");
  } catch (...) {
    sqlite3_close(db);
    throw;
  }
  sqlite3_close(db);
}

std::vector<Delivery> make_deliveries(int count, const std::string& secret) {
  std::vector<Delivery> out;
  out.reserve(static_cast<std::size_t>(count));
  const auto sent_at = time_point_cast<milliseconds>(system_clock::now());
  // The seeded interviews' Cal.com side: Alice's 30-minute event type, booked by the founder.
  calcom_sim::EventType event_type;
  event_type.id = 1001;
  event_type.slug = "30min";
  event_type.title = "30 Minute Meeting";
  event_type.length = 30;
  calcom_sim::User organizer;
  organizer.id = 1;
  organizer.username = "alice";
  organizer.email = "alice@poblysh.test";
  organizer.name = "Alice Martin";
  organizer.time_zone = "Europe/Berlin";
  for (int id = 1; id <= count; ++id) {
    Delivery delivery;
    delivery.interview_id = id;
    delivery.change = static_cast<Change>(id % 3);
    calcom_sim::Booking booking;
    booking.id = id;
    booking.uid = "load-" + std::to_string(id);
    booking.event_type_id = event_type.id;
    booking.title = "Interview " + std::to_string(id);
    booking.host_ids = {organizer.id};
    booking.start = start_of(id);
    booking.end = booking.start + minutes{30};
    booking.duration = 30;
    booking.location = "integrations:daily";
    booking.meeting_url = "https://cal.video/" + booking.uid;
    booking.attendees.push_back({"Lena Fischer", "lena@northwind.example", "Europe/Berlin", "en", "", false});
    booking.metadata = {{"poblysh_interview_id", std::to_string(id)}};
    booking.created_at = booking.updated_at = SystemTime(sent_at);
    booking.ical_uid = booking.uid + "@Cal.com";
    const SystemTime created_at(sent_at + milliseconds{id});
    std::string trigger = "BOOKING_CREATED";
    calcom_sim::Booking moved;
    const calcom_sim::Booking* sent = &booking;
    const calcom_sim::Booking* previous = nullptr;
    if (delivery.change == Change::rescheduled) {
      trigger = "BOOKING_RESCHEDULED";
      moved = booking;
      moved.id = 1'000'000 + id;
      moved.uid = booking.uid + "-moved";
      moved.start = booking.start + hours{24};
      moved.end = booking.end + hours{24};
      moved.ical_sequence = 1;
      moved.rescheduled_from_uid = booking.uid;
      moved.rescheduled_by = "lena@northwind.example";
      booking.status = "cancelled";
      booking.rescheduled_to_uid = moved.uid;
      sent = &moved;
      previous = &booking;
    } else if (delivery.change == Change::cancelled) {
      trigger = "BOOKING_CANCELLED";
      booking.status = "cancelled";
      booking.cancellation_reason = "The founder is travelling";
      booking.cancelled_by = "lena@northwind.example";
    }
    delivery.body =
        calcom_sim::booking_webhook_body(trigger, {*sent, previous, event_type, organizer, nullptr, {}, created_at})
            .dump();
    delivery.signature = webhooks::hmac_sha256_hex(secret, delivery.body);
    out.push_back(std::move(delivery));
  }
  return out;
}

std::string booking_uid_after(const Delivery& delivery) {
  const std::string uid = "load-" + std::to_string(delivery.interview_id);
  return delivery.change == Change::rescheduled ? uid + "-moved" : uid;
}

const char* status_after(const Delivery& delivery) {
  return delivery.change == Change::cancelled ? "cancelled" : "confirmed";
}

namespace {

size_t discard(char*, size_t size, size_t count, void*) { return size * count; }

struct Slot {
  CURL* easy = nullptr;
  // The two request headers as a list curl reads when a transfer starts; the texts are ours
  // (built before the load), so nothing is allocated per request.
  curl_slist headers[2] = {};
  std::size_t index = 0;  // position in `which`
  steady_clock::time_point started;
};

}  // namespace

std::vector<Sent> send_all(const std::string& url, const std::vector<Delivery>& deliveries,
                           const std::vector<std::size_t>& which, int connections, std::atomic<std::size_t>* answered) {
  std::vector<Sent> results(which.size());
  static char content_type[] = "Content-Type: application/json";
  std::vector<std::string> signatures;
  signatures.reserve(which.size());
  for (auto i : which) signatures.push_back("X-Cal-Signature-256: " + deliveries.at(i).signature);
  CURLM* multi = curl_multi_init();
  curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(connections));
  std::vector<Slot> slots(static_cast<std::size_t>(std::max(connections, 1)));
  std::size_t next = 0, running = 0;
  auto start = [&](Slot& slot) {
    const auto& delivery = deliveries[which[next]];
    slot.headers[1].data = signatures[next].data();
    slot.index = next++;
    curl_easy_setopt(slot.easy, CURLOPT_POSTFIELDS, delivery.body.c_str());
    curl_easy_setopt(slot.easy, CURLOPT_POSTFIELDSIZE, static_cast<long>(delivery.body.size()));
    slot.started = steady_clock::now();
    curl_multi_add_handle(multi, slot.easy);
    ++running;
  };
  for (auto& slot : slots) {
    slot.easy = curl_easy_init();
    slot.headers[0] = {content_type, &slot.headers[1]};
    slot.headers[1] = {nullptr, nullptr};
    curl_easy_setopt(slot.easy, CURLOPT_URL, url.c_str());
    curl_easy_setopt(slot.easy, CURLOPT_HTTPHEADER, &slot.headers[0]);
    curl_easy_setopt(slot.easy, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(slot.easy, CURLOPT_TIMEOUT_MS, 30000L);
    curl_easy_setopt(slot.easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(slot.easy, CURLOPT_PRIVATE, &slot);
    if (next < which.size()) start(slot);
  }
  while (running > 0) {
    int still = 0;
    curl_multi_perform(multi, &still);
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi, &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      Slot* slot = nullptr;
      curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, reinterpret_cast<char**>(&slot));
      auto& result = results[slot->index];
      result.latency = duration_cast<microseconds>(steady_clock::now() - slot->started);
      if (message->data.result == CURLE_OK) curl_easy_getinfo(slot->easy, CURLINFO_RESPONSE_CODE, &result.status);
      if (answered && result.status != 0) ++*answered;
      curl_multi_remove_handle(multi, slot->easy);
      --running;
      if (next < which.size()) start(*slot);  // same handle: the connection is kept alive
    }
    if (running > 0) curl_multi_poll(multi, nullptr, 0, 100, nullptr);
  }
  for (auto& slot : slots) curl_easy_cleanup(slot.easy);
  curl_multi_cleanup(multi);
  return results;
}

}  // namespace poblysh::webhook_traffic
