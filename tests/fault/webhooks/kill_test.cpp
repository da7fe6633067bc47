// kill -9 in the middle of 2,000 signed deliveries from concurrent senders: every delivery
// answered 2xx survives with its effect, nothing is half-written, and re-sending the rest
// applies each change exactly once.
#include <atomic>
#include <chrono>
#include <numeric>
#include <thread>

#include "ingest_fault_fixture.hpp"

namespace poblysh::testing {
namespace {

using namespace std::chrono_literals;

TEST_F(IngestFaultTest, KillNineMidwayKeepsEveryAnsweredDeliveryAndReSendingAppliesTheRestOnce) {
  constexpr int kDeliveries = 2000, kSenders = 16;
  prepare(kDeliveries);
  // Enough request threads for concurrent deliveries to share commits (the path under test).
  start({}, {{"POBLYSH_HTTP_THREADS", "16"}});
  std::vector<std::size_t> all(kDeliveries);
  std::iota(all.begin(), all.end(), std::size_t{0});

  std::atomic<std::size_t> answered{0};
  std::thread killer([&] {
    const auto deadline = std::chrono::steady_clock::now() + 40s;
    while (answered < kDeliveries / 4 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
    kill_service();
  });
  const auto sent = webhook_traffic::send_all(url(), deliveries_, all, kSenders, &answered);
  killer.join();

  std::vector<std::size_t> unanswered;
  for (std::size_t i = 0; i < sent.size(); ++i) {
    if (sent[i].status == 0) unanswered.push_back(i);
    else EXPECT_EQ(sent[i].status, 200) << "delivery " << i;
  }
  ASSERT_GE(sent.size() - unanswered.size(), std::size_t{kDeliveries / 4}) << "killed too early";
  ASSERT_FALSE(unanswered.empty()) << "the service finished before it was killed: nothing was tested";

  // Straight after the crash, before anything else touches the file.
  EXPECT_EQ(integrity(), "ok");
  auto outcomes = recorded_outcomes();
  auto states = interviews();
  std::size_t committed_but_unanswered = 0;
  for (std::size_t i = 0; i < sent.size(); ++i) {
    const auto& delivery = deliveries_[i];
    const auto& state = states[delivery.interview_id];
    auto recorded = outcomes.find(delivery.body);
    if (sent[i].status == 200) {
      ASSERT_NE(recorded, outcomes.end()) << "answered 2xx but not on disk: delivery " << i;
      EXPECT_EQ(recorded->second, "applied") << "delivery " << i;
      EXPECT_TRUE(has_effect(state, delivery)) << "delivery " << i << " is recorded without its effect";
    } else if (recorded != outcomes.end()) {  // committed, the answer lost with the process
      ++committed_but_unanswered;
      EXPECT_TRUE(has_effect(state, delivery)) << "delivery " << i << " is recorded without its effect";
    } else {
      EXPECT_TRUE(untouched(state, delivery)) << "delivery " << i << " has an effect but no record";
    }
  }
  std::cout << "answered before the kill: " << sent.size() - unanswered.size() << ", unanswered: " << unanswered.size()
            << " (of which committed: " << committed_but_unanswered << ")\n";

  // The same database again; the sender re-sends what it never heard back about.
  start({}, {{"POBLYSH_HTTP_THREADS", "16"}});
  for (const auto& result : webhook_traffic::send_all(url(), deliveries_, unanswered, kSenders)) {
    EXPECT_EQ(result.status, 200);
  }
  states = interviews();
  for (const auto& delivery : deliveries_) {
    EXPECT_TRUE(has_effect(states[delivery.interview_id], delivery))
        << "interview " << delivery.interview_id << ": " << states[delivery.interview_id].status << ", "
        << states[delivery.interview_id].applied_deliveries << " applied, "
        << states[delivery.interview_id].cal_com_history << " history lines";
  }
  EXPECT_EQ(scalar("SELECT count(*) FROM webhook_deliveries WHERE outcome = 'applied'"), kDeliveries);
  EXPECT_EQ(repeated_emails(), 0);
  EXPECT_EQ(integrity(), "ok");
}

}  // namespace
}  // namespace poblysh::testing
