// Seeds a SQLite database with a realistic, deterministic data set for the API benchmark:
// startups with contacts, team members, and interviews (team, guests, questions, history) in
// every status, spread over four years, with the Cal.com webhook deliveries that brought a
// booked interview to its status (BOOKING_CREATED, and BOOKING_CANCELLED for a cancelled one:
// bodies as the simulator sends them, keyed as the receiver keys them). Writes through the
// repositories, so the rows are what the service itself would have written, in large
// transactions so 100,000 interviews take seconds.
//
//   seed_interviews --database /tmp/bench.db [--interviews 100000] [--startups 2000]
//                   [--team-members 40]
// Interview ids are 1..N in a fresh file (the benchmark's detail requests pick among them).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/interview.hpp"
#include "store/interview_repo.hpp"
#include "store/sqlite/sqlite_database.hpp"
#include "store/startup_repo.hpp"
#include "store/team_member_repo.hpp"
#include "store/webhook_delivery_repo.hpp"
#include "webhook_payload.hpp"
#include "webhooks/calcom_event.hpp"

namespace {

using namespace poblysh;
using domain::InterviewStatus;
using std::chrono::hours;
using std::chrono::minutes;

struct Args {
  std::string database;
  int interviews = 100000;
  int startups = 2000;
  int team_members = 40;
  int batch = 5000;
};

Args parse_args(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) throw std::runtime_error("missing value after " + flag);
    const std::string value = argv[++i];
    if (flag == "--database") args.database = value;
    else if (flag == "--interviews") args.interviews = std::stoi(value);
    else if (flag == "--startups") args.startups = std::stoi(value);
    else if (flag == "--team-members") args.team_members = std::stoi(value);
    else throw std::runtime_error("unknown option " + flag);
  }
  if (args.database.empty()) throw std::runtime_error("--database is required");
  if (args.interviews < 1 || args.startups < 1 || args.team_members < 3) throw std::runtime_error("counts too small");
  return args;
}

template <class T>
T ok(Result<T> result, const char* what) {
  if (!result) throw std::runtime_error(std::string(what) + ": " + result.error().message + " " + result.error().internal);
  return std::move(*result);
}

void ok(const Status& status, const char* what) {
  if (!status) throw std::runtime_error(std::string(what) + ": " + status.error().message + " " + status.error().internal);
}

constexpr const char* kPrefixes[] = {"North", "Helio", "Quill", "Tide", "Lumen", "Brisk", "Cedar", "Atlas", "Nimbus",
                                     "Vector", "Ember", "Harbor", "Pixel", "Orbit", "Juniper", "Cobalt", "Sable",
                                     "Falcon", "Meadow", "Quantum"};
constexpr const char* kSuffixes[] = {"wind Robotics", " Grid", " Health", "water Analytics", " Learning Labs",
                                     " Logistics", " Bio", " Security", " Foods", " Mobility", " Finance", " Energy",
                                     " Studio", " Systems", " Materials"};
constexpr const char* kFirst[] = {"Ada", "Grace", "Alan", "Tomás", "Mei", "Priya", "Jonas", "Amara", "Lucía", "Kenji",
                                  "Fatima", "Noah", "Elif", "Olu", "Sven", "Ines"};
constexpr const char* kLast[] = {"Lovelace", "Hopper", "Turing", "Álvarez", "Chen", "Patel", "Berg", "Okafor",
                                 "García", "Sato", "Haddad", "Miller", "Yılmaz", "Adeyemi", "Larsen", "Costa"};
constexpr const char* kZones[] = {"Europe/Berlin", "Europe/London", "America/New_York", "Asia/Tokyo", "UTC",
                                  "America/Los_Angeles", "Africa/Lagos", "Asia/Kolkata"};
constexpr const char* kTitles[] = {"founder interview", "first conversation", "deep dive", "intro", "follow-up",
                                   "product walkthrough", "market review"};
constexpr const char* kQuestions[] = {"Which customers renewed after the pilot?", "What breaks first at 10x volume?",
                                      "How do you price against incumbents?", "Who is your next hire, and why?",
                                      "What did the last quarter teach you?"};

template <class T, std::size_t N>
const T& pick(std::mt19937_64& random, const T (&options)[N]) {
  return options[std::uniform_int_distribution<std::size_t>(0, N - 1)(random)];
}

std::string person(std::mt19937_64& random) { return std::string(pick(random, kFirst)) + " " + pick(random, kLast); }

struct SeededContact {
  std::int64_t id;
  std::string name;
  std::string email;
};

struct Startup {
  std::int64_t id;
  std::string name;
  std::vector<SeededContact> contacts;
};

// A status that fits the meeting time: past meetings mostly took place, future ones are booked.
InterviewStatus status_for(std::mt19937_64& random, bool past) {
  const int roll = std::uniform_int_distribution<int>(0, 99)(random);
  if (past) return roll < 78 ? InterviewStatus::completed : roll < 93 ? InterviewStatus::cancelled : InterviewStatus::confirmed;
  return roll < 55 ? InterviewStatus::confirmed : roll < 85 ? InterviewStatus::scheduled : InterviewStatus::cancelled;
}

domain::Interview make_interview(std::mt19937_64& random, const Startup& startup, int team_members, SystemTime now,
                                 std::int64_t serial) {
  domain::Interview i;
  i.startup_id = startup.id;
  i.contact_id =
      startup.contacts[std::uniform_int_distribution<std::size_t>(0, startup.contacts.size() - 1)(random)].id;
  i.title = startup.name + " — " + pick(random, kTitles);
  i.timezone = pick(random, kZones);
  // Meetings from three years ago to one year ahead, at whole half hours.
  const auto offset = std::uniform_int_distribution<int>(-3 * 365 * 48, 365 * 48)(random);
  const auto created = now + minutes(30) * std::min(offset, 0) - hours(24 * 7);
  i.created_at = created;
  i.updated_at = created + hours(1);
  const bool draft = std::uniform_int_distribution<int>(0, 99)(random) < 8;
  i.status = draft ? InterviewStatus::draft : status_for(random, offset < 0);
  const int primary = std::uniform_int_distribution<int>(1, team_members)(random);
  i.team.push_back({primary, true});
  const int extra = std::uniform_int_distribution<int>(0, 2)(random);
  for (int k = 1; k <= extra; ++k) i.team.push_back({(primary + k * 7 - 1) % team_members + 1, false});
  if (!draft) {
    i.event_type_id = 1000 + std::uniform_int_distribution<int>(0, 5)(random);
    i.event_type_slug = "founder-interview";
    i.event_type_title = "Founder interview";
    i.duration_minutes = std::uniform_int_distribution<int>(0, 2)(random) == 0 ? 60 : 30;
    i.start = now + minutes(30) * offset;
    i.end = *i.start + minutes(i.duration_minutes);
    i.calcom_booking_id = 500000 + serial;
    i.calcom_booking_uid = "bench-" + std::to_string(serial);
    i.ical_uid = i.calcom_booking_uid + "@Cal.com";
    i.calcom_sequence = 0;
    i.meeting_url = "https://app.cal.com/video/" + i.calcom_booking_uid;
    i.meeting_provider = "Cal Video";
    if (i.status == InterviewStatus::cancelled) i.cancellation_reason = "The founder is travelling.";
  }
  i.prep_notes_markdown = "## Focus\n\n- **Unit economics** of the pilots\n- Hiring plan for the next 12 months\n\n"
                          "Read the [deck](https://example.com/deck) before the call.";
  const int questions = std::uniform_int_distribution<int>(0, 3)(random);
  for (int k = 0; k < questions; ++k) i.custom_questions.push_back(kQuestions[(serial + k) % 5]);
  const int guests = std::uniform_int_distribution<int>(0, 2)(random);
  for (int k = 0; k < guests; ++k) {
    const auto name = person(random);
    i.guests.push_back({0, name, "guest" + std::to_string(serial) + "-" + std::to_string(k) + "@example.com", "Advisor",
                        startup.name, std::nullopt,
                        i.status == InterviewStatus::draft ? domain::GuestInvitation::pending : domain::GuestInvitation::sent,
                        std::nullopt, std::nullopt});
  }
  return i;
}

void add_history(store::Connection& db, store::InterviewRepo& repo, std::int64_t id, const domain::Interview& i) {
  ok(repo.add_history(db, id, {i.created_at, "admin@poblysh.local", "created", "Draft started"}), "history");
  if (i.status == InterviewStatus::draft) return;
  ok(repo.add_history(db, id, {i.created_at + minutes(5), "admin@poblysh.local", "scheduled", "Booking sent to Cal.com"}),
     "history");
  if (i.status != InterviewStatus::scheduled) {
    ok(repo.add_history(db, id, {i.created_at + minutes(6), "cal.com", domain::status_name(i.status), ""}), "history");
  }
}

// The deliveries Cal.com sent for a booked interview: its BOOKING_CREATED six minutes after the
// draft was started, and a BOOKING_CANCELLED two days later for a cancelled one.
void add_deliveries(store::Connection& db, store::WebhookDeliveryRepo& repo, std::int64_t id,
                    const domain::Interview& i, const SeededContact& contact) {
  if (i.status == InterviewStatus::draft || i.status == InterviewStatus::scheduled) return;
  calcom_sim::Booking booking;
  booking.id = static_cast<int>(*i.calcom_booking_id);
  booking.uid = i.calcom_booking_uid;
  booking.event_type_id = static_cast<int>(*i.event_type_id);
  booking.title = i.title;
  booking.host_ids = {1};
  booking.start = *i.start;
  booking.end = *i.end;
  booking.duration = i.duration_minutes;
  booking.location = "integrations:daily";
  booking.meeting_url = i.meeting_url;
  booking.attendees.push_back({contact.name, contact.email, i.timezone, "en", "", false});
  for (const auto& guest : i.guests) {
    booking.attendees.push_back({guest.name, guest.email, i.timezone, "en", "", false});
    booking.guests.push_back(guest.email);
  }
  booking.metadata = {{"poblysh_interview_id", std::to_string(id)}, {"videoCallUrl", i.meeting_url}};
  booking.created_at = booking.updated_at = i.created_at + minutes(5);
  booking.ical_uid = i.ical_uid;
  calcom_sim::EventType event_type;
  event_type.id = booking.event_type_id;
  event_type.slug = i.event_type_slug;
  event_type.title = i.event_type_title;
  event_type.length = i.duration_minutes;
  calcom_sim::User organizer;
  organizer.id = 1;
  organizer.username = "member1";
  organizer.email = "member1@poblysh.example";
  organizer.name = "Poblysh Research";

  auto record = [&](const std::string& trigger, SystemTime at) {
    const auto body =
        calcom_sim::booking_webhook_body(trigger, {booking, nullptr, event_type, organizer, nullptr, {}, at}).dump();
    const auto event = ok(webhooks::parse_event(body), "delivery body");
    store::NewDelivery delivery;
    delivery.dedupe_key = webhooks::dedupe_key(event, body);
    delivery.trigger = trigger;
    delivery.booking_uid = booking.uid;
    delivery.event_created_at = at;
    delivery.received_at = at + std::chrono::seconds(1);
    delivery.outcome = store::DeliveryOutcome::applied;
    delivery.interview_id = id;
    delivery.raw_body = body;
    ok(repo.insert(db, delivery), "delivery");
  };
  record("BOOKING_CREATED", i.created_at + minutes(6));
  if (i.status == InterviewStatus::cancelled) {
    booking.status = "cancelled";
    booking.cancellation_reason = i.cancellation_reason;
    booking.cancelled_by = contact.email;
    record("BOOKING_CANCELLED", i.created_at + hours(48));
  }
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Args args = parse_args(argc, argv);
    const auto started = std::chrono::steady_clock::now();
    store::SqliteDatabase db(args.database, 1);
    ok(db.migrate(), "migrate");
    // A benchmark fixture needs no durability while it is written: no fsync, and a cache that
    // holds the indexes. (It stays in WAL mode: leaving it needs the only connection to the
    // file, and SqliteDatabase's checkpointer has its own.)
    ok(db.read([](store::Connection& c) -> Status {
         // read() runs its work in a read transaction; these settings are made outside one.
         if (auto ended = c.execute("COMMIT"); !ended) return tl::unexpected(ended.error());
         for (const char* pragma : {"PRAGMA synchronous=OFF", "PRAGMA cache_size=-131072"}) {
           if (auto done = c.query(pragma); !done) return tl::unexpected(done.error());
         }
         return {};
       }),
       "pragma");
    const SystemTime now = std::chrono::time_point_cast<SystemTime::duration>(std::chrono::system_clock::now());
    std::mt19937_64 random(8);
    store::StartupRepo startup_repo;
    store::ContactRepo contact_repo;
    store::TeamMemberRepo team_repo;
    store::InterviewRepo interview_repo;
    store::WebhookDeliveryRepo delivery_repo;

    std::vector<Startup> startups;
    ok(db.transaction([&](store::Connection& c) -> Status {
         for (int m = 1; m <= args.team_members; ++m) {
           domain::TeamMemberFields fields;
           fields.name = person(random);
           fields.email = "member" + std::to_string(m) + "@poblysh.example";
           fields.role = m % 5 == 0 ? "Head of Research" : "Editor";
           fields.calcom_username = "member" + std::to_string(m);
           ok(team_repo.insert(c, fields, now), "team member");
         }
         for (int s = 0; s < args.startups; ++s) {
           domain::StartupFields fields;
           fields.name = std::string(pick(random, kPrefixes)) + pick(random, kSuffixes) + " " + std::to_string(s + 1);
           fields.website = "https://startup" + std::to_string(s + 1) + ".example";
           fields.description = "A company interviewed for the benchmark.";
           auto startup = ok(startup_repo.insert(c, fields, now), "startup");
           Startup entry{startup.id, fields.name, {}};
           for (int k = 0; k < 2; ++k) {
             domain::ContactFields contact;
             contact.name = person(random);
             contact.email = "founder" + std::to_string(k) + "@startup" + std::to_string(s + 1) + ".example";
             contact.title = k == 0 ? "CEO" : "CTO";
             contact.company = fields.name;
             const auto id = ok(contact_repo.insert(c, startup.id, contact, now), "contact").id;
             entry.contacts.push_back({id, contact.name, contact.email});
           }
           startups.push_back(std::move(entry));
         }
         return {};
       }),
       "people");

    for (int done = 0; done < args.interviews;) {
      const int batch = std::min(args.batch, args.interviews - done);
      ok(db.transaction([&](store::Connection& c) -> Status {
           for (int k = 0; k < batch; ++k) {
             const auto serial = static_cast<std::int64_t>(done + k + 1);
             const auto& startup = startups[std::uniform_int_distribution<std::size_t>(0, startups.size() - 1)(random)];
             auto interview = make_interview(random, startup, args.team_members, now, serial);
             const auto id = ok(interview_repo.insert(c, interview), "interview");
             add_history(c, interview_repo, id, interview);
             const auto contact = std::find_if(startup.contacts.begin(), startup.contacts.end(),
                                               [&](const SeededContact& k) { return k.id == *interview.contact_id; });
             add_deliveries(c, delivery_repo, id, interview, *contact);
           }
           return {};
         }),
         "interviews");
      done += batch;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("seeded %d interviews, %d startups, %d contacts, %d team members in %.1f s\n", args.interviews,
                args.startups, args.startups * 2, args.team_members, seconds);
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "seed_interviews: %s\n", error.what());
    return 2;
  }
}
