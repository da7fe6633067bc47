// What Cal.com's reports after the booking do in the store, in process with a clock the test
// moves: each guard of a no-show or an ending — its order among events, the booking it names,
// the time of the meeting — with the others out of the way.
#include <gtest/gtest.h>

#include "applier_fixture.hpp"

namespace poblysh::webhooks {
namespace {

using namespace std::chrono_literals;
using domain::InterviewStatus;
using store::DeliveryOutcome;

class OutcomeTest : public ApplierTest {
 protected:
  Applied apply(const CalcomEvent& event) {
    auto applied = store::transact(db_, [&](store::Connection& db) { return applier_.apply(db, event); });
    EXPECT_TRUE(applied) << applied.error().internal;
    return applied ? *applied : Applied{};
  }

  domain::Interview read(std::int64_t id) {
    auto found = store::read_with(db_, [&](store::Connection& db) { return interviews_.find(db, id); });
    EXPECT_TRUE(found && *found);
    return found && *found ? **found : domain::Interview{};
  }

  // The host (Alice, our primary interviewer) reported absent or present, at `at`.
  CalcomEvent host_report(const std::string& uid, bool absent, SystemTime at) const {
    CalcomEvent event;
    event.trigger = std::string(kNoShowUpdated);
    event.uid = uid;
    event.created_at = at;
    event.marks = {{"", absent}};
    return event;
  }

  const domain::NoShow alice_absent() const { return {domain::AbsentParty::interviewer, "", member_id_}; }
};

TEST_F(OutcomeTest, ANoShowAfterTheEndCompletesTheMeeting) {
  const auto id = booked("b1", -2);  // from two hours ago, half an hour long
  const auto applied = apply(host_report("b1", true, clock_.now()));
  EXPECT_EQ(applied.outcome, DeliveryOutcome::applied) << applied.detail;
  const auto after = read(id);
  EXPECT_EQ(after.status, InterviewStatus::completed);
  EXPECT_EQ(after.no_shows, std::vector<domain::NoShow>{alice_absent()});
  EXPECT_EQ(after.calcom_last_event, "Cal.com updated who did not attend");
  EXPECT_EQ(after.calcom_last_event_at, clock_.now());
}

// Reports of one booking can arrive out of order: an earlier "present after all" must not undo
// a later "absent".
TEST_F(OutcomeTest, AnOlderNoShowReportIsStale) {
  const auto id = booked("b2", -2);
  ASSERT_EQ(apply(host_report("b2", true, clock_.now())).outcome, DeliveryOutcome::applied);
  const auto late = apply(host_report("b2", false, clock_.now() - 10min));
  EXPECT_EQ(late.outcome, DeliveryOutcome::stale) << late.detail;
  EXPECT_EQ(read(id).no_shows, std::vector<domain::NoShow>{alice_absent()});
  const auto newer = apply(host_report("b2", false, clock_.now() + 1min));
  EXPECT_EQ(newer.outcome, DeliveryOutcome::applied) << newer.detail;
  EXPECT_TRUE(read(id).no_shows.empty());
}

TEST_F(OutcomeTest, ANoShowBeforeTheMeetingStartsChangesNothing) {
  const auto id = booked("b3", 5);
  const auto early = apply(host_report("b3", true, clock_.now()));
  EXPECT_EQ(early.outcome, DeliveryOutcome::stale) << early.detail;
  const auto after = read(id);
  EXPECT_EQ(after.status, InterviewStatus::confirmed);
  EXPECT_TRUE(after.no_shows.empty());
  EXPECT_TRUE(after.calcom_last_event.empty());
}

// Cal.com's clock decides when it says a meeting began: ours may lag behind its createdAt.
TEST_F(OutcomeTest, ANoShowDuringTheMeetingByCalcomsClockKeepsItBooked) {
  const auto id = booked("b4", 1);
  const auto during = apply(host_report("b4", true, clock_.now() + 1h + 10min));
  EXPECT_EQ(during.outcome, DeliveryOutcome::applied) << during.detail;
  const auto after = read(id);
  EXPECT_EQ(after.status, InterviewStatus::confirmed);
  EXPECT_EQ(after.no_shows.size(), 1u);
}

TEST_F(OutcomeTest, ANoShowNamingNobodyOnTheInterviewChangesNothing) {
  const auto id = booked("b5", -2);
  CalcomEvent event = host_report("b5", true, clock_.now());
  event.marks = {{"stranger@elsewhere.example", true}};
  const auto applied = apply(event);
  EXPECT_EQ(applied.outcome, DeliveryOutcome::duplicate) << applied.detail;
  EXPECT_NE(applied.detail.find("stranger@elsewhere.example"), std::string::npos) << applied.detail;
  EXPECT_EQ(read(id).status, InterviewStatus::confirmed);
}

TEST_F(OutcomeTest, AMeetingEndedForABookingReplacedSinceIsStale) {
  const auto id = booked("b6-new", -2);
  CalcomEvent ended;
  ended.trigger = std::string(kMeetingEnded);
  ended.uid = "b6-old";
  ended.interview_id = id;  // found by our metadata, holding another booking
  const auto applied = apply(ended);
  EXPECT_EQ(applied.outcome, DeliveryOutcome::stale) << applied.detail;
  EXPECT_EQ(read(id).status, InterviewStatus::confirmed);
  ended.uid = "b6-new";
  EXPECT_EQ(apply(ended).outcome, DeliveryOutcome::applied);
  EXPECT_EQ(read(id).status, InterviewStatus::completed);
  EXPECT_EQ(apply(ended).outcome, DeliveryOutcome::duplicate);
}

// Cal.com's "request reschedule" applies to accepted bookings; one that still waits for its host
// is cancelled by it, not left waiting for a new time.
TEST_F(OutcomeTest, ARescheduleRequestOnABookingAwaitingTheHostCancelsIt) {
  const auto id = booked("b7", 24);
  auto saved = store::transact(db_, [&](store::Connection& db) -> Result<bool> {
    auto found = interviews_.find(db, id);
    if (!found) return tl::unexpected(found.error());
    auto waiting = **found;
    waiting.status = InterviewStatus::awaiting_host;
    RETURN_IF_ERROR(interviews_.save(db, waiting, **found));
    return true;
  });
  ASSERT_TRUE(saved) << saved.error().internal;
  CalcomEvent cancelled;
  cancelled.trigger = std::string(kBookingCancelled);
  cancelled.uid = "b7";
  cancelled.request_reschedule = true;
  EXPECT_EQ(apply(cancelled).outcome, DeliveryOutcome::applied);
  EXPECT_EQ(read(id).status, InterviewStatus::cancelled);
}

}  // namespace
}  // namespace poblysh::webhooks
