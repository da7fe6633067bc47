// A webhook's interview is found in a read before its transaction (off SQLite's one writer);
// inside, EventApplier::apply uses that read only while it still is what a look-up would find.
// In process, on the store the tests run against: the race is set up by hand.
#include <gtest/gtest.h>

#include "applier_fixture.hpp"

namespace poblysh::webhooks {
namespace {

using namespace std::chrono_literals;
using store::DeliveryOutcome;

class ReadBeforeTest : public ApplierTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ApplierTest::SetUp());
    auto second = store::transact(db_, [&](store::Connection& db) {
      return team_.insert(db, {"Bruno Keller", "bruno@poblysh.test", "Partner", {}, {}, true}, clock_.now());
    });
    ASSERT_TRUE(second) << second.error().internal;
    second_member_id_ = second->id;
  }

  static CalcomEvent event(const std::string& trigger, const std::string& uid, const std::string& replaces = "") {
    CalcomEvent event;
    event.trigger = trigger;
    event.uid = uid;
    event.reschedule_uid = replaces;
    event.start = from_unix_ms(testing::ManualClock::kDefaultStartMs) + 48h;
    event.end = *event.start + 30min;
    return event;
  }

  std::optional<EventApplier::Match> read(const CalcomEvent& event) {
    auto found = store::read_with(db_, [&](store::Connection& db) { return applier_.match_ahead(db, event); });
    EXPECT_TRUE(found) << found.error().internal;
    return found ? *found : std::nullopt;
  }

  Applied apply(const CalcomEvent& event, const std::optional<EventApplier::Match>& read_before) {
    auto applied = store::transact(db_, [&](store::Connection& db) { return applier_.apply(db, event, read_before); });
    EXPECT_TRUE(applied) << applied.error().internal;
    return applied ? *applied : Applied{};
  }

  void save(const std::function<void(domain::Interview&)>& change, std::int64_t id) {
    auto saved = store::transact(db_, [&](store::Connection& db) -> Result<bool> {
      auto found = interviews_.find(db, id);
      if (!found) return tl::unexpected(found.error());
      domain::Interview interview = **found;
      change(interview);
      if (auto done = interviews_.save(db, interview, **found); !done) return tl::unexpected(done.error());
      return true;
    });
    ASSERT_TRUE(saved) << saved.error().internal;
  }

  std::int64_t second_member_id_ = 0;
};

TEST_F(ReadBeforeTest, ASaveAfterTheReadIsNotOverwritten) {
  const auto id = booked("booking-a", 24);
  const auto moved = event("BOOKING_RESCHEDULED", "booking-b", "booking-a");
  const auto read_before = read(moved);
  ASSERT_TRUE(read_before);
  EXPECT_EQ(read_before->interview.id, id);
  // Cancelled between the read and the transaction: the reschedule must see it.
  save([](domain::Interview& interview) { interview.status = domain::InterviewStatus::cancelled; }, id);
  const auto applied = apply(moved, read_before);
  EXPECT_EQ(applied.outcome, DeliveryOutcome::stale) << applied.detail;
  auto now = store::read_with(db_, [&](store::Connection& db) { return interviews_.find(db, id); });
  ASSERT_TRUE(now && *now);
  EXPECT_EQ((*now)->status, domain::InterviewStatus::cancelled);
  EXPECT_EQ((*now)->calcom_booking_uid, "booking-a");
}

TEST_F(ReadBeforeTest, ABookingTakenAfterTheReadWins) {
  const auto first = booked("booking-a", 24);
  const auto second = booked("booking-x", 30);
  // Read: booking-b is nobody's yet, so the reschedule finds the first interview by booking-a.
  const auto moved = event("BOOKING_RESCHEDULED", "booking-b", "booking-a");
  const auto read_before = read(moved);
  ASSERT_TRUE(read_before);
  EXPECT_EQ(read_before->interview.id, first);
  // Then the second interview takes booking-b: a look-up now finds it first.
  save([](domain::Interview& interview) { interview.calcom_booking_uid = "booking-b"; }, second);
  const auto applied = apply(moved, read_before);
  EXPECT_EQ(applied.interview_id, second) << applied.detail;
}

TEST_F(ReadBeforeTest, ABookingTakenAfterAReadByInterviewIdWins) {
  const auto ours = booked("", 24);  // booked by us, its booking not recorded yet
  const auto other = booked("booking-x", 30);
  auto created = event("BOOKING_CREATED", "booking-c");
  created.interview_id = ours;
  const auto read_before = read(created);
  ASSERT_TRUE(read_before);
  EXPECT_EQ(read_before->interview.id, ours);
  // Then another interview takes booking-c: a look-up by the booking now finds it first.
  save([](domain::Interview& interview) { interview.calcom_booking_uid = "booking-c"; }, other);
  EXPECT_EQ(apply(created, read_before).interview_id, other);
}

TEST_F(ReadBeforeTest, ATeamChangedAfterTheReadIsWhoHearsOfIt) {
  const auto id = booked("booking-a", 24);
  const auto moved = event("BOOKING_RESCHEDULED", "booking-b", "booking-a");
  const auto read_before = read(moved);
  ASSERT_TRUE(read_before && read_before->people);
  ASSERT_EQ(read_before->people->team_members.size(), 1U);
  // Bruno joins between the read and the transaction: the reschedule's email reaches him too.
  save([this](domain::Interview& interview) { interview.team.push_back({second_member_id_, false}); }, id);
  EXPECT_EQ(apply(moved, read_before).outcome, DeliveryOutcome::applied);
  auto recipients = store::read_with(
      db_, [](store::Connection& db) { return db.query("SELECT recipient FROM email_outbox ORDER BY recipient", {}); });
  ASSERT_TRUE(recipients);
  std::vector<std::string> sent_to;
  for (const auto& row : *recipients) sent_to.push_back(row.text(0));
  EXPECT_EQ(sent_to, (std::vector<std::string>{"alice@poblysh.test", "bruno@poblysh.test"}));
}

TEST_F(ReadBeforeTest, AnUnchangedReadIsApplied) {
  const auto id = booked("booking-a", 24);
  const auto moved = event("BOOKING_RESCHEDULED", "booking-b", "booking-a");
  const auto read_before = read(moved);
  ASSERT_TRUE(read_before);
  const auto applied = apply(moved, read_before);
  EXPECT_EQ(applied.outcome, DeliveryOutcome::applied) << applied.detail;
  EXPECT_EQ(applied.interview_id, id);
  auto now = store::read_with(db_, [&](store::Connection& db) { return interviews_.find(db, id); });
  ASSERT_TRUE(now && *now);
  EXPECT_EQ((*now)->calcom_booking_uid, "booking-b");
  EXPECT_EQ((*now)->row_version, read_before->interview.row_version + 1);
}

}  // namespace
}  // namespace poblysh::webhooks
