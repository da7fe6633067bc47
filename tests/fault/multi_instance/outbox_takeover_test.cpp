// Two instances deliver one outbox through a slow relay; one is killed (SIGKILL) mid-way. The
// other delivers the rest once the killed one's lease expires: nothing is lost, and the only
// repeats are messages the killed instance had handed to the relay without recording them —
// at most one, since a worker sends one message at a time (the at-least-once window).
#include <csignal>

#include "two_instances.hpp"

namespace poblysh::testing {
namespace {

constexpr int kInterviews = 12;
constexpr int kReschedulesEach = 5;
constexpr int kLeaseSeconds = 8;

int count_lines(const std::string& text, const std::string& needle) {
  int count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++count;
  return count;
}

TEST_F(TwoInstancesTest, AKilledInstancesEmailsAreDeliveredByTheOther) {
  notify::testing::SinkOptions slow;
  slow.delay_ms = 30;  // ~30 messages a second per worker: slow enough to kill one mid-way
  start(slow, {{"POBLYSH_SMTP_LEASE_SECONDS", std::to_string(kLeaseSeconds)}});

  // Queue a few hundred emails the way production does: bookings moved in Cal.com, the
  // webhooks applied (alternately by A and B), each change announced to everyone.
  std::vector<std::string> slots;
  std::vector<std::string> uids;
  for (int i = 0; i < kInterviews; ++i) {
    auto [id, uid] = book(&slots);
    ASSERT_FALSE(uid.empty());
    uids.push_back(uid);
  }
  slots = free_slots();
  ASSERT_GE(slots.size(), 2u * kInterviews);
  std::size_t next_slot = 0;
  for (auto& uid : uids) {
    for (int step = 0; step < kReschedulesEach; ++step) {
      bool moved = false;
      // A slot another interview holds is refused: try the next (a move frees the old one).
      for (std::size_t tried = 0; tried < slots.size() && !moved; ++tried) {
        next_slot = (next_slot + 1) % slots.size();
        auto response = sim_booking_post(uid + "/reschedule", {{"start", slots[next_slot]}});
        if (response.status < 300) {
          uid = response.json()["data"]["uid"].get<std::string>();
          moved = true;
        }
      }
      ASSERT_TRUE(moved) << "no free slot among " << slots.size();
    }
  }
  HttpClient to_a(a_->base_url()), to_b(b_->base_url());
  int sent = 0;
  for (const auto& delivery : held_deliveries()) {
    auto& client = sent++ % 2 == 0 ? to_a : to_b;
    auto response = client.send("POST", "/webhooks/calcom", delivery["body"].get<std::string>(),
                                {{"Content-Type", "application/json"}, {"X-Cal-Signature-256", delivery["signature"].get<std::string>()}});
    ASSERT_EQ(response.status, 200) << response.body;
  }
  ASSERT_EQ(db_->number("SELECT COUNT(*) FROM webhook_deliveries WHERE outcome = 'applied'"), kInterviews * (1 + kReschedulesEach));
  const auto total = db_->number("SELECT COUNT(*) FROM email_outbox");
  ASSERT_GE(total, 250);

  // Both workers busy, a third of the mail out, and A holding a lease on several messages —
  // a worker claims at most 10, so 14 leased means A still has at least 4 to send: kill A.
  ASSERT_TRUE(eventually([&] {
    return sink_->messages().size() >= static_cast<std::size_t>(total / 3) &&
           count_lines(a_->process().stdout_text() + a_->process().stderr_text(), "\"email sent\"") > 0 &&
           count_lines(b_->process().stdout_text() + b_->process().stderr_text(), "\"email sent\"") > 0 &&
           db_->number("SELECT COUNT(*) FROM email_outbox WHERE status = 'sending'") >= 14;
  }, std::chrono::seconds(60))) << sink_->messages().size() << " of " << total << " delivered";
  a_->process().kill_hard();
  const auto killed_at = std::chrono::steady_clock::now();
  const auto delivered_at_kill = sink_->messages().size();
  ASSERT_LT(delivered_at_kill, static_cast<std::size_t>(total)) << "the kill came too late to test a takeover";

  // B delivers the rest, including what A had claimed, after A's lease.
  ASSERT_TRUE(eventually([&] { return unsent_emails() == 0; }, std::chrono::seconds(90)))
      << unsent_emails() << " of " << total << " not sent";
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - killed_at);
  auto mail = sink_->wait_for(static_cast<std::size_t>(total), std::chrono::seconds(10));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // a repeat in the relay's delay would land now
  mail = sink_->messages();

  std::map<std::string, int> copies;
  for (const auto& message : mail) ++copies[message_id(message)];
  EXPECT_EQ(static_cast<std::int64_t>(copies.size()), total) << "an email was lost";
  const auto duplicates = static_cast<std::int64_t>(mail.size()) - static_cast<std::int64_t>(copies.size());
  EXPECT_LE(duplicates, 1) << "more repeats than the one message A could have had in flight";
  EXPECT_EQ(db_->number("SELECT COUNT(*) FROM email_outbox WHERE status = 'dead'"), 0);
  // What B took over from A went out on a second attempt (the expired lease counted the first).
  const auto taken_over = db_->number("SELECT COUNT(*) FROM email_outbox WHERE attempts > 1");
  EXPECT_GE(taken_over, 3);  // at least 4 were leased to A when it was killed; one may have been recorded since
  std::cout << total << " emails; " << delivered_at_kill << " delivered when A was killed; " << taken_over
            << " taken over from A; " << duplicates << " duplicate(s); the rest took " << took.count() << " ms\n";
}

}  // namespace
}  // namespace poblysh::testing
