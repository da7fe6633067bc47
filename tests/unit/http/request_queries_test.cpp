#include "http/api/request_queries.hpp"

#include <gtest/gtest.h>

#include "core/time.hpp"
#include "iso_time.hpp"

using namespace poblysh;
using namespace poblysh::http;
using namespace poblysh::http::api;

namespace {
Request with(std::initializer_list<std::pair<const char*, const char*>> params) {
  Request request;
  for (const auto& [name, value] : params) request.query.emplace(name, value);
  return request;
}
using poblysh::testing::at;
const SystemTime kNow = at("2026-12-07T10:00:00Z");

template <class T>
std::string refused_field(const Result<T>& result) {
  if (result) return "(accepted)";
  EXPECT_EQ(result.error().code, ErrorCode::invalid_input);
  return result.error().fields.empty() ? "(no field)" : result.error().fields.begin()->first;
}
}  // namespace

TEST(RequestQueries, TheInterviewListReadsItsFiltersAndNamesTheBadOne) {
  auto filter = read_interview_filter(
      with({{"status", "confirmed"}, {"startup_id", "7"}, {"from", "2026-05-04"}, {"to", "2026-05-04"}}), kNow);
  ASSERT_TRUE(filter) << filter.error().message;
  EXPECT_EQ(filter->status, domain::InterviewStatus::confirmed);
  EXPECT_EQ(filter->startup_id, 7);
  EXPECT_EQ(filter->from, at("2026-05-04T00:00:00Z"));
  EXPECT_EQ(filter->to, at("2026-05-05T00:00:00Z"));  // a bare date as the end: through that day
  EXPECT_FALSE(filter->team_member_id);
  EXPECT_EQ(filter->when, store::InterviewWhen::all);  // every interview unless asked

  EXPECT_EQ(refused_field(read_interview_filter(with({{"status", "done"}}), kNow)), "status");
  for (const char* id : {"0", "-3", "abc", "7x", "99999999999999999999"}) {
    EXPECT_EQ(refused_field(read_interview_filter(with({{"team_member_id", id}}), kNow)), "team_member_id") << id;
  }
  EXPECT_EQ(refused_field(read_interview_filter(with({{"to", "tomorrow"}}), kNow)), "to");
  EXPECT_EQ(refused_field(read_interview_page(with({{"cursor", "bm90LWEtY3Vyc29y"}}))), "cursor");
}

TEST(RequestQueries, TheInterviewListReadsWhenFromTheTimeOfTheRequest) {
  auto upcoming = read_interview_filter(with({{"when", "upcoming"}}), kNow);
  ASSERT_TRUE(upcoming);
  EXPECT_EQ(upcoming->when, store::InterviewWhen::upcoming);
  EXPECT_EQ(upcoming->now, kNow);
  auto past = read_interview_filter(with({{"when", "past"}}), kNow);
  ASSERT_TRUE(past);
  EXPECT_EQ(past->when, store::InterviewWhen::past);
  for (const char* all : {"all", ""}) {
    auto read = read_interview_filter(with({{"when", all}}), kNow);
    ASSERT_TRUE(read) << all;
    EXPECT_EQ(read->when, store::InterviewWhen::all) << all;
  }
  for (const char* bad : {"Upcoming", "future", "upcoming ", "past,upcoming", "\x01", "1"}) {
    EXPECT_EQ(refused_field(read_interview_filter(with({{"when", bad}}), kNow)), "when") << bad;
  }
}

TEST(RequestQueries, TheAvailabilityWindowIsAWeekFromNowByDefaultAndAtMost31Days) {
  const auto now = at("2026-12-07T10:00:00Z");
  auto plain = read_availability_window(with({}), now);
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->from, now);
  EXPECT_EQ(plain->to, now + std::chrono::hours(24 * 7));
  EXPECT_TRUE(plain->members.empty());

  auto past = read_availability_window(with({{"from", "2026-01-01"}, {"to", "2026-12-20"}}), now);
  ASSERT_TRUE(past);
  EXPECT_EQ(past->from, now);  // never before now

  auto members = read_availability_window(with({{"members", "3,5"}}), now);
  ASSERT_TRUE(members);
  EXPECT_EQ(members->members, (std::vector<std::int64_t>{3, 5}));

  auto asked = read_availability_window(with({{"event_type_id", "12"}, {"duration", "45"}}), now);
  ASSERT_TRUE(asked);
  EXPECT_EQ(asked->event_type_id, 12);
  EXPECT_EQ(asked->duration_minutes, 45);
  for (const char* minutes : {"4", "481", "0", "half"}) {
    EXPECT_EQ(refused_field(read_availability_window(with({{"duration", minutes}}), now)), "duration") << minutes;
  }

  EXPECT_EQ(refused_field(read_availability_window(with({{"to", "2026-12-01"}}), now)), "to");
  EXPECT_EQ(refused_field(read_availability_window(with({{"to", "2027-02-01"}}), now)), "to");
  for (const char* list : {"3,,5", "3,", ",3", "3;5", "0", "x"}) {
    EXPECT_EQ(refused_field(read_availability_window(with({{"members", list}}), now)), "members") << list;
  }
}

TEST(RequestQueries, AdminFiltersNameTheirValues) {
  auto active = read_team_member_filter(with({{"active", "false"}}));
  ASSERT_TRUE(active);
  EXPECT_EQ(active->active, false);
  EXPECT_FALSE(read_team_member_filter(with({{"active", "all"}}))->active);
  EXPECT_EQ(refused_field(read_team_member_filter(with({{"active", "yes"}}))), "active");

  auto deliveries = read_delivery_filter(with({{"outcome", "stale"}, {"interview_id", "4"}}));
  ASSERT_TRUE(deliveries);
  EXPECT_EQ(deliveries->outcome, store::DeliveryOutcome::stale);
  EXPECT_EQ(deliveries->interview_id, 4);
  EXPECT_EQ(refused_field(read_delivery_filter(with({{"outcome", "lost"}}))), "outcome");

  auto emails = read_outbox_filter(with({{"status", "held"}}));
  ASSERT_TRUE(emails);
  EXPECT_EQ(emails->status, store::OutboxStatus::held);
  EXPECT_EQ(refused_field(read_outbox_filter(with({{"status", "bounced"}}))), "status");
  EXPECT_EQ(refused_field(read_outbox_filter(with({{"interview_id", "-1"}}))), "interview_id");
}
