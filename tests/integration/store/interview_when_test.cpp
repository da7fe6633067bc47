// The interview list by time, on both stores: upcoming is every meeting not over yet, the next
// one first (one in progress included); past is every meeting over, the latest first; a draft
// without a time is in neither. Pages follow on in the same order, with or without a team
// member (whose list walks that member's rows).
#include <gtest/gtest.h>

#include "core/time.hpp"
#include "store/interview_repo.hpp"
#include "store/startup_repo.hpp"
#include "store/team_member_repo.hpp"
#include "store_fixture.hpp"

namespace poblysh::store::conformance {
namespace {

const SystemTime kNow = from_unix_ms(1'780'000'000'000);

class InterviewWhenTest : public StoreTest {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db().migrate());
    auto made = transact(db(), [&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(auto startup,
                       startups_.insert(c, {"Northwind Robotics", "https://northwind.example", ""}, kNow));
      startup_id_ = startup.id;
      ASSIGN_OR_RETURN(auto member,
                       team_.insert(c, {"Alice Martin", "alice@poblysh.test", "Editor", {}, {}, true}, kNow));
      member_id_ = member.id;
      return {};
    });
    ASSERT_TRUE(made) << made.error().internal;
    // Minutes from now to the start, and the length; inserted out of order.
    add("in two days", 2 * 24 * 60, 30);
    add("ended an hour ago", -90, 30);
    add("in progress", -10, 60);
    add("in an hour", 60, 30);
    add("last week", -7 * 24 * 60, 45);
    add("ends right now", -30, 30);
    add_draft("no time yet");
  }

  void add(const std::string& title, int starts_in_minutes, int minutes) {
    domain::Interview interview = base(title);
    interview.status = domain::InterviewStatus::scheduled;
    interview.start = kNow + std::chrono::minutes(starts_in_minutes);
    interview.end = *interview.start + std::chrono::minutes(minutes);
    interview.duration_minutes = minutes;
    insert(interview);
  }

  void add_draft(const std::string& title) { insert(base(title)); }

  domain::Interview base(const std::string& title) {
    domain::Interview interview;
    interview.startup_id = startup_id_;
    interview.title = title;
    interview.team = {{member_id_, true}};
    interview.created_at = interview.updated_at = kNow - std::chrono::hours(24 * 30);
    return interview;
  }

  void insert(const domain::Interview& interview) {
    auto id = transact(db(), [&](Connection& c) { return interviews_.insert(c, interview); });
    ASSERT_TRUE(id) << id.error().internal;
  }

  // Titles of the whole list, read `limit` at a time with the cursor the API would hand out.
  std::vector<std::string> titles(InterviewWhen when, bool by_member, int limit = 50) {
    InterviewFilter filter;
    filter.when = when;
    filter.now = kNow;
    if (by_member) filter.team_member_id = member_id_;
    PageRequest page;
    page.limit = limit;
    std::vector<std::string> out;
    for (int pages = 0; pages < 20; ++pages) {
      auto read = read_with(db(), [&](Connection& c) { return interviews_.list(c, filter, page); });
      EXPECT_TRUE(read) << read.error().internal;
      if (!read) return out;
      for (const auto& row : read->items) out.push_back(row.interview.title);
      if (!read->has_more || read->items.empty()) return out;
      const auto& last = read->items.back().interview;
      page.after_key = std::to_string(to_unix_ms(last.start ? *last.start : last.created_at));
      page.after_id = last.id;
    }
    ADD_FAILURE() << "the pages do not end";
    return out;
  }

  InterviewRepo interviews_;
  StartupRepo startups_;
  TeamMemberRepo team_;
  std::int64_t startup_id_ = 0;
  std::int64_t member_id_ = 0;
};

TEST_F(InterviewWhenTest, UpcomingIsWhatIsNotOverTheNextFirst) {
  const std::vector<std::string> expected{"in progress", "in an hour", "in two days"};
  for (bool by_member : {false, true}) {
    EXPECT_EQ(titles(InterviewWhen::upcoming, by_member), expected) << "by member: " << by_member;
    EXPECT_EQ(titles(InterviewWhen::upcoming, by_member, 1), expected) << "a row a page, by member: " << by_member;
  }
}

TEST_F(InterviewWhenTest, PastIsWhatIsOverTheLatestFirst) {
  const std::vector<std::string> expected{"ends right now", "ended an hour ago", "last week"};
  for (bool by_member : {false, true}) {
    EXPECT_EQ(titles(InterviewWhen::past, by_member), expected) << "by member: " << by_member;
    EXPECT_EQ(titles(InterviewWhen::past, by_member, 2), expected) << "two rows a page, by member: " << by_member;
  }
}

TEST_F(InterviewWhenTest, AllKeepsEveryInterviewLatestFirst) {
  const std::vector<std::string> expected{"in two days",       "in an hour", "in progress", "ends right now",
                                          "ended an hour ago", "last week",  "no time yet"};
  for (bool by_member : {false, true}) {
    EXPECT_EQ(titles(InterviewWhen::all, by_member), expected) << "by member: " << by_member;
    EXPECT_EQ(titles(InterviewWhen::all, by_member, 3), expected) << "three rows a page, by member: " << by_member;
  }
}

TEST_F(InterviewWhenTest, TheOtherFiltersStillApply) {
  InterviewFilter filter;
  filter.when = InterviewWhen::upcoming;
  filter.now = kNow;
  filter.to = kNow + std::chrono::hours(2);
  filter.text = "hour";
  auto read = read_with(db(), [&](Connection& c) { return interviews_.list(c, filter, PageRequest{}); });
  ASSERT_TRUE(read) << read.error().internal;
  ASSERT_EQ(read->items.size(), 1u);
  EXPECT_EQ(read->items[0].interview.title, "in an hour");
}

}  // namespace
}  // namespace poblysh::store::conformance
