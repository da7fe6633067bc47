// Two instances, one PostgreSQL: 500 signed Cal.com deliveries, each sent to BOTH instances at
// the same moment, in random order. Every change must take effect once — one applied row per
// delivery, no doubled history, one email per notice — and every interview must end as its
// newest event says.
#include <atomic>
#include <barrier>
#include <ctime>
#include <mutex>
#include <random>

#include "two_instances.hpp"

namespace poblysh::testing {
namespace {

constexpr int kInterviews = 25;
constexpr int kOperationsEach = 19;  // after the CREATED of the confirm: 25 × (1 + 19) = 500 deliveries
constexpr int kSenderPairs = 3;      // pairs of threads, each pair sending one delivery to A and B at once
constexpr int kRecipients = 4;       // Alice and Bruno, the founder, one guest

struct Signed {
  std::string body;
  std::string signature;
};

struct Booking {
  int interview_id = 0;
  std::string uid;       // the newest booking in Cal.com
  std::string start;     // its start time
  bool cancelled = false;
};

// Both the simulator's slots and our API write UTC ("…Z"); seconds are what must agree.
long long utc_seconds(const std::string& iso) {
  std::tm time{};
  strptime(iso.substr(0, 19).c_str(), "%Y-%m-%dT%H:%M:%S", &time);
  return static_cast<long long>(timegm(&time));
}

class WebhookRace : public TwoInstancesTest {
 protected:
  // Moves or cancels bookings at the simulator (as Cal.com users would) until each interview has
  // had kOperationsEach changes; every third interview ends cancelled.
  void change_bookings(std::vector<Booking>& bookings, const std::vector<std::string>& slots, std::mt19937& random) {
    for (int round = 0; round < kOperationsEach; ++round) {
      for (std::size_t i = 0; i < bookings.size(); ++i) {
        auto& booking = bookings[i];
        // Distinct createdAt for every event: the newest one is then well defined.
        sim_->admin_post("/_sim/clock", {{"advanceMs", 3}});
        if (round == kOperationsEach - 1 && i % 3 == 0) {
          auto cancelled = sim_booking_post(booking.uid + "/cancel", {{"cancellationReason", "Called off"}});
          ASSERT_LT(cancelled.status, 300) << cancelled.body;
          booking.cancelled = true;
          continue;
        }
        bool moved = false;
        std::string refusal;
        for (int attempt = 0; attempt < 40 && !moved; ++attempt) {
          const std::string& start = slots[std::uniform_int_distribution<std::size_t>(0, slots.size() - 1)(random)];
          if (start == booking.start) continue;
          auto response = sim_booking_post(booking.uid + "/reschedule", {{"start", start}});
          if (response.status >= 300) {  // taken by another interview: pick again
            refusal = response.body;
            continue;
          }
          booking.uid = response.json()["data"]["uid"].get<std::string>();
          booking.start = start;
          moved = true;
        }
        ASSERT_TRUE(moved) << "no free slot found for interview " << booking.interview_id << " among " << slots.size()
                           << ": " << refusal;
      }
    }
  }
};

TEST_F(WebhookRace, EveryDeliveryToBothInstancesTakesEffectOnce) {
  start({});
  const unsigned seed = std::random_device{}();
  std::mt19937 random(seed);
  SCOPED_TRACE("shuffle seed " + std::to_string(seed));

  std::vector<Booking> bookings;
  std::vector<std::string> slots;
  for (int i = 0; i < kInterviews; ++i) {
    auto [id, uid] = book(&slots);
    ASSERT_FALSE(uid.empty());
    bookings.push_back({id, uid, slots.front(), false});  // book() takes the first free slot
  }
  slots = free_slots();
  ASSERT_GE(slots.size(), 2u * kInterviews);
  change_bookings(bookings, slots, random);
  if (HasFatalFailure()) return;

  std::vector<Signed> deliveries;
  for (const auto& delivery : held_deliveries()) {
    deliveries.push_back({delivery["body"].get<std::string>(), delivery["signature"].get<std::string>()});
  }
  ASSERT_EQ(deliveries.size(), 500u);
  std::shuffle(deliveries.begin(), deliveries.end(), random);

  // Each pair: one thread per instance; both wait at the barrier, then send the same delivery.
  std::atomic<std::size_t> next{0};
  std::mutex failures_mutex;
  std::vector<std::string> failures;  // first answers that were not 2xx
  std::atomic<int> answered_2xx{0};
  auto send_pair = [&](Service& instance, std::barrier<>& together, std::size_t& current, bool picks) {
    HttpClient client(instance.base_url());
    while (true) {
      if (picks) current = next.fetch_add(1);
      together.arrive_and_wait();  // both see `current`; release them at the same moment
      if (current >= deliveries.size()) return;
      const auto& delivery = deliveries[current];
      auto response = client.send("POST", "/webhooks/calcom", delivery.body,
                                  {{"Content-Type", "application/json"}, {"X-Cal-Signature-256", delivery.signature}});
      if (response.status >= 200 && response.status < 300) {
        ++answered_2xx;
      } else {
        std::lock_guard lock(failures_mutex);
        failures.push_back(std::to_string(response.status) + " " + response.body);
      }
      together.arrive_and_wait();  // `current` stays put until both have sent
    }
  };
  const auto started = std::chrono::steady_clock::now();
  {
    std::vector<std::unique_ptr<std::barrier<>>> barriers;
    std::vector<std::size_t> currents(kSenderPairs, 0);
    std::vector<std::thread> threads;
    for (int pair = 0; pair < kSenderPairs; ++pair) {
      barriers.push_back(std::make_unique<std::barrier<>>(2));
      threads.emplace_back(send_pair, std::ref(*a_), std::ref(*barriers.back()), std::ref(currents[pair]), true);
      threads.emplace_back(send_pair, std::ref(*b_), std::ref(*barriers.back()), std::ref(currents[pair]), false);
    }
    for (auto& thread : threads) thread.join();
  }
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  std::cout << "1000 deliveries (500 × 2 instances) answered in " << elapsed.count() << " ms\n";
  EXPECT_EQ(answered_2xx.load(), 1000);
  EXPECT_TRUE(failures.empty()) << failures.size() << " not 2xx, e.g. " << failures.front();

  // Recorded once: one keyed row per delivery, the other copy recorded as its duplicate.
  EXPECT_EQ(db_->number("SELECT COUNT(*) FROM webhook_deliveries WHERE dedupe_key IS NOT NULL"), 500);
  EXPECT_EQ(db_->number("SELECT COUNT(*) FROM webhook_deliveries WHERE duplicate_of IS NOT NULL"), 500);
  EXPECT_EQ(db_->number("SELECT COUNT(*) FROM webhook_deliveries WHERE outcome = 'rejected'"), 0);
  EXPECT_EQ(db_->number("SELECT COUNT(*) FROM webhook_deliveries WHERE outcome = 'unmatched'"), 0);
  // No change written twice into an interview's history.
  auto doubled = db_->rows("SELECT interview_id, action, detail, COUNT(*) FROM interview_events "
                           "GROUP BY interview_id, action, detail HAVING COUNT(*) > 1");
  EXPECT_TRUE(doubled.empty()) << doubled.size() << " doubled history entries, e.g. interview " << doubled.front()[0]
                               << " " << doubled.front()[1] << ": " << doubled.front()[2];

  // The newest event wins, whatever order the copies arrived in.
  HttpClient reader(b_->base_url());
  ASSERT_EQ(reader.login(kOpsEmail, kOpsPassword).status, 200);
  for (const auto& booking : bookings) {
    auto interview = reader.get("/api/v1/interviews/" + std::to_string(booking.interview_id)).json();
    EXPECT_EQ(interview["status"], booking.cancelled ? "cancelled" : "confirmed") << interview.dump();
    EXPECT_EQ(interview["calcom_booking_uid"], booking.uid) << "interview " << booking.interview_id;
    EXPECT_EQ(utc_seconds(interview.value("start_time", std::string())), utc_seconds(booking.start))
        << "interview " << booking.interview_id;
  }

  // Each notice queued once per person for each applied change, and sent once.
  auto applied = [&](const std::string& trigger) {
    return db_->number("SELECT COUNT(*) FROM webhook_deliveries WHERE outcome = 'applied' AND trigger_event = '" + trigger + "'");
  };
  auto queued = [&](const std::string& kind) {
    return db_->number("SELECT COUNT(*) FROM email_outbox WHERE kind = '" + kind + "'");
  };
  EXPECT_EQ(queued("rescheduled"), kRecipients * applied("BOOKING_RESCHEDULED"));
  EXPECT_EQ(queued("cancelled"), kRecipients * applied("BOOKING_CANCELLED"));
  const auto total = db_->number("SELECT COUNT(*) FROM email_outbox");
  ASSERT_TRUE(eventually([&] { return unsent_emails() == 0; }, std::chrono::seconds(60)))
      << unsent_emails() << " of " << total << " emails not sent";
  auto mail = sink_->wait_for(static_cast<std::size_t>(total), std::chrono::seconds(10));
  std::map<std::string, int> copies;
  for (const auto& message : mail) ++copies[message_id(message)];
  EXPECT_EQ(static_cast<std::int64_t>(copies.size()), total);
  EXPECT_EQ(static_cast<std::int64_t>(mail.size()), total) << "a message was sent more than once";
  for (const auto& [id, count] : copies) EXPECT_EQ(count, 1) << id;
  std::cout << total << " emails, " << applied("BOOKING_RESCHEDULED") << " reschedules and "
            << applied("BOOKING_CANCELLED") << " cancellations applied\n";
}

}  // namespace
}  // namespace poblysh::testing
