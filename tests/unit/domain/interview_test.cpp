// The interview's rules: which status moves are allowed, and what each wizard step requires.
#include "domain/interview.hpp"

#include <gtest/gtest.h>

#include <set>
#include <utility>

#include "core/time.hpp"

namespace poblysh::domain {
namespace {

TEST(InterviewStatus, OnlyTheDocumentedMovesAreAllowed) {
  using S = InterviewStatus;
  // Every pair, so that a move added by mistake (confirmed back to scheduled, say) is seen.
  const std::set<std::pair<S, S>> allowed{{S::draft, S::scheduled},     {S::draft, S::cancelled},
                                          {S::scheduled, S::confirmed}, {S::scheduled, S::cancelled},
                                          {S::scheduled, S::completed}, {S::confirmed, S::completed},
                                          {S::confirmed, S::cancelled}};
  for (S from : {S::draft, S::scheduled, S::confirmed, S::completed, S::cancelled}) {
    for (S to : {S::draft, S::scheduled, S::confirmed, S::completed, S::cancelled}) {
      EXPECT_EQ(can_move(from, to), allowed.count({from, to}) == 1) << status_name(from) << " -> " << status_name(to);
    }
  }
  Interview interview;
  interview.status = S::cancelled;
  auto refused = move(interview, S::confirmed);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_EQ(interview.status, S::cancelled);
}

TEST(InterviewStatus, InvitationStatusFollowsTheInterview) {
  Interview interview;
  EXPECT_EQ(interview.invitation_status(), InvitationStatus::pending);
  interview.status = InterviewStatus::scheduled;
  EXPECT_EQ(interview.invitation_status(), InvitationStatus::pending);
  interview.status = InterviewStatus::confirmed;
  EXPECT_EQ(interview.invitation_status(), InvitationStatus::confirmed);
  interview.status = InterviewStatus::cancelled;
  EXPECT_EQ(interview.invitation_status(), InvitationStatus::cancelled);
}

TEST(InterviewSteps, TeamNeedsExactlyOnePrimary) {
  EXPECT_FALSE(check_team({}));
  EXPECT_FALSE(check_team({{1, false}}));
  EXPECT_FALSE(check_team({{1, true}, {2, true}}));
  EXPECT_FALSE(check_team({{1, true}, {1, false}}));
  EXPECT_TRUE(check_team({{1, true}, {2, false}}));
}

TEST(InterviewSteps, CustomDurationsAndQuestions) {
  EXPECT_FALSE(check_custom_duration(4));
  EXPECT_TRUE(check_custom_duration(5));
  EXPECT_TRUE(check_custom_duration(480));
  EXPECT_FALSE(check_custom_duration(481));
  EXPECT_FALSE(check_questions({"fine", "  "}));
  EXPECT_TRUE(check_questions({"What changed?"}));
}

TEST(InterviewSteps, ReadinessNamesWhatIsMissing) {
  Interview interview;
  auto missing = check_ready_to_confirm(interview, SystemTime{});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::unprocessable);
  for (const char* field : {"contact_id", "primary_team_member_id", "event_type_id", "start_time"}) {
    EXPECT_TRUE(missing.error().fields.count(field)) << field;
  }
}

}  // namespace
}  // namespace poblysh::domain
