// Disk full and a locked database during a delivery: the sender hears 5xx (so it keeps the
// delivery and sends it again), nothing is half-written, and once the fault is gone the
// re-sent delivery applies.
#include <sqlite3.h>

#include <chrono>
#include <filesystem>

#include "ingest_fault_fixture.hpp"

namespace poblysh::testing {
namespace {

TEST_F(IngestFaultTest, DiskFullAnswers5xxWritesNothingHalfAndTheReSentDeliveryAppliesLater) {
  constexpr int kInterviews = 40;
  prepare(kInterviews);
  // Files may not grow past the database's size now (the WAL starts empty): the first few
  // deliveries fit in the WAL, then one does not. SIGXFSZ ignored: write() fails with EFBIG.
  const auto limit_blocks = std::filesystem::file_size(db_path_) / 512;
  start("trap '' XFSZ; ulimit -f " + std::to_string(limit_blocks));
  std::optional<std::size_t> refused;
  std::vector<std::size_t> accepted;
  for (std::size_t i = 0; i < deliveries_.size() && !refused; ++i) {
    const auto sent = send({i});
    if (sent[0].status == 200) accepted.push_back(i);
    else {
      EXPECT_EQ(sent[0].status, 503) << "disk full must be a retryable 5xx, never 2xx or 4xx";
      refused = i;
    }
  }
  ASSERT_TRUE(refused) << "every delivery fitted: the file size limit did not bite";
  stop_service();

  EXPECT_EQ(integrity(), "ok");
  auto outcomes = recorded_outcomes();
  auto states = interviews();
  const auto& failed = deliveries_[*refused];
  EXPECT_FALSE(outcomes.count(failed.body)) << "the refused delivery was recorded";
  EXPECT_TRUE(untouched(states[failed.interview_id], failed)) << "the refused delivery changed its interview";
  for (auto i : accepted) {
    EXPECT_EQ(outcomes[deliveries_[i].body], "applied");
    EXPECT_TRUE(has_effect(states[deliveries_[i].interview_id], deliveries_[i])) << "delivery " << i;
  }

  start();  // the disk has room again
  EXPECT_EQ(send({*refused})[0].status, 200);
  states = interviews();
  EXPECT_TRUE(has_effect(states[failed.interview_id], failed));
  EXPECT_EQ(repeated_emails(), 0);
  EXPECT_EQ(integrity(), "ok");
}

TEST_F(IngestFaultTest, LockedDatabaseAnswers5xxWritesNothingAndTheReSentDeliveriesApplyOnceReleased) {
  prepare(6);
  start();
  // Another process holds the write lock for longer than the service's busy timeout (5 s).
  sqlite3* holder = nullptr;
  ASSERT_EQ(sqlite3_open(db_path_.c_str(), &holder), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(holder, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(holder);
  const std::vector<std::size_t> three{0, 1, 2};
  const auto started = std::chrono::steady_clock::now();
  const auto sent = send(three, 3);  // concurrent: they wait, and fail, as one batch or several
  const auto waited = std::chrono::steady_clock::now() - started;
  for (const auto& result : sent) EXPECT_EQ(result.status, 503);
  EXPECT_GE(waited, std::chrono::seconds(4)) << "answered before the busy timeout";
  EXPECT_LT(waited, std::chrono::seconds(9)) << "callers queued behind the first waited a busy timeout of their own";

  // Readers are not blocked in WAL mode: nothing of the three is there.
  auto outcomes = recorded_outcomes();
  auto states = interviews();
  for (auto i : three) {
    EXPECT_FALSE(outcomes.count(deliveries_[i].body)) << "delivery " << i;
    EXPECT_TRUE(untouched(states[deliveries_[i].interview_id], deliveries_[i])) << "delivery " << i;
  }
  ASSERT_EQ(sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(holder);

  for (const auto& result : send(three, 3)) EXPECT_EQ(result.status, 200);
  states = interviews();
  for (auto i : three) EXPECT_TRUE(has_effect(states[deliveries_[i].interview_id], deliveries_[i])) << "delivery " << i;
  EXPECT_EQ(integrity(), "ok");
}

}  // namespace
}  // namespace poblysh::testing
