// The rules of a scheduling link: what staff may ask for, which times the contact may pick,
// and until when they may move or cancel.
#include "domain/scheduling_link.hpp"

#include <gtest/gtest.h>

namespace poblysh::domain {
namespace {

using namespace std::chrono_literals;

const SystemTime kNow = SystemTime{} + 24h * 20000;

// The defaults with one change: designated initializers would leave the others unnamed.
template <class Change>
SchedulingLinkRequest with(Change change) {
  SchedulingLinkRequest request;
  change(request);
  return request;
}

SchedulingLink link_for(const SchedulingLinkRequest& request) {
  SchedulingLink link;
  link.rules = *make_link_rules(request, kNow);
  link.created_at = kNow;
  link.expires_at = link_expiry(request, kNow);
  return link;
}

TEST(SchedulingLinkRules, EachBadValueNamesItsField) {
  for (auto [field, request] : std::vector<std::pair<const char*, SchedulingLinkRequest>>{
           {"window_days", with([&](SchedulingLinkRequest& r) { r.window_days = 0; })},
           {"window_days", with([&](SchedulingLinkRequest& r) { r.window_days = kMaxWindowDays + 1; })},
           {"min_notice_hours", with([&](SchedulingLinkRequest& r) { r.min_notice_hours = -1; })},
           {"min_notice_hours", with([&](SchedulingLinkRequest& r) { r.min_notice_hours = kMaxNoticeHours + 1; })},
           {"change_notice_hours", with([&](SchedulingLinkRequest& r) { r.change_notice_hours = -5; })},
           {"expires_in_days", with([&](SchedulingLinkRequest& r) { r.expires_in_days = 0; })},
           {"shortlist", with([&](SchedulingLinkRequest& r) {
              r.min_notice_hours = 24;
              r.shortlist = {kNow + 1h};
            })},
           {"shortlist", with([&](SchedulingLinkRequest& r) {
              r.window_days = 2;
              r.shortlist = {kNow + 24h * 3};
            })},
       }) {
    auto rules = make_link_rules(request, kNow);
    ASSERT_FALSE(rules) << field;
    EXPECT_EQ(rules.error().code, ErrorCode::invalid_input);
    EXPECT_TRUE(rules.error().fields.count(field)) << field;
  }
  SchedulingLinkRequest too_many = with([&](SchedulingLinkRequest& r) {
    r.window_days = 30;
    r.min_notice_hours = 0;
  });
  for (int i = 0; i <= static_cast<int>(kMaxShortlist); ++i) too_many.shortlist.push_back(kNow + 1h * (i + 1));
  EXPECT_FALSE(make_link_rules(too_many, kNow));
}

TEST(SchedulingLinkRules, TheShortlistIsSortedWithoutRepeats) {
  auto rules = make_link_rules(with([&](SchedulingLinkRequest& r) {
                                 r.min_notice_hours = 0;
                                 r.shortlist = {kNow + 5h, kNow + 2h, kNow + 5h};
                               }),
                               kNow);
  ASSERT_TRUE(rules);
  EXPECT_EQ(rules->shortlist, (std::vector<SystemTime>{kNow + 2h, kNow + 5h}));
}

TEST(SchedulingLinkRules, ALinkIsActiveThenBookedOrExpiredOrRevoked) {
  auto link = link_for(with([&](SchedulingLinkRequest& r) { r.expires_in_days = 3; }));
  EXPECT_EQ(link.state(kNow), LinkState::active);
  EXPECT_EQ(link.state(kNow + 24h * 3), LinkState::expired);
  link.booked_at = kNow + 1h;
  EXPECT_EQ(link.state(kNow + 24h * 5), LinkState::booked);  // it still serves moving the time
  link.revoked_at = kNow + 2h;
  EXPECT_EQ(link.state(kNow + 3h), LinkState::revoked);
}

TEST(SchedulingLinkRules, OnlyTimesAfterTheNoticeInsideTheWindowMayBePicked) {
  auto link = link_for(with([&](SchedulingLinkRequest& r) {
    r.window_days = 2;
    r.min_notice_hours = 24;
  }));
  EXPECT_TRUE(check_pick(link, kNow + 25h, kNow));
  EXPECT_FALSE(check_pick(link, kNow + 23h, kNow));
  EXPECT_FALSE(check_pick(link, kNow + 49h, kNow));
  EXPECT_EQ(check_pick(link, kNow + 25h, kNow + 24h * 30).error().code, ErrorCode::gone);  // expired
  link.booked_at = kNow;
  EXPECT_EQ(check_pick(link, kNow + 25h, kNow).error().code, ErrorCode::conflict);
  link.revoked_at = kNow;
  EXPECT_EQ(check_pick(link, kNow + 25h, kNow).error().code, ErrorCode::gone);

  auto listed = link_for(with([&](SchedulingLinkRequest& r) {
    r.min_notice_hours = 0;
    r.shortlist = {kNow + 3h, kNow + 6h};
  }));
  EXPECT_TRUE(check_pick(listed, kNow + 6h, kNow));
  EXPECT_FALSE(check_pick(listed, kNow + 4h, kNow));
  EXPECT_EQ(pickable(listed, {kNow + 3h, kNow + 4h, kNow + 6h}, kNow), (std::vector<SystemTime>{kNow + 3h, kNow + 6h}));
  // The notice counts from now, not from when the link was sent.
  EXPECT_EQ(pickable(listed, {kNow + 3h, kNow + 6h}, kNow + 4h), (std::vector<SystemTime>{kNow + 6h}));
}

TEST(SchedulingLinkRules, TheContactChangesTheTimeOnlyBeforeTheNotice) {
  auto link = link_for(with([&](SchedulingLinkRequest& r) { r.change_notice_hours = 24; }));
  EXPECT_EQ(check_contact_change(link, kNow + 48h, kNow).error().code, ErrorCode::conflict);  // nothing booked
  link.booked_at = kNow;
  EXPECT_TRUE(check_contact_change(link, kNow + 48h, kNow));
  EXPECT_FALSE(check_contact_change(link, kNow + 23h, kNow));
  link.revoked_at = kNow;
  EXPECT_EQ(check_contact_change(link, kNow + 48h, kNow).error().code, ErrorCode::gone);
}

}  // namespace
}  // namespace poblysh::domain
