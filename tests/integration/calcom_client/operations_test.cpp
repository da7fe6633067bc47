// Every Cal.com client operation through Prism: requests and responses must match the contract.
#include <algorithm>

#include "prism_fixture.hpp"

namespace poblysh::calcom::contract {
namespace {

bool has_type(const std::vector<EventType>& types, std::int64_t id) {
  return std::any_of(types.begin(), types.end(), [id](const EventType& type) { return type.id == id; });
}

TEST_F(ThroughPrism, APrismViolationFailsTheTest) {
  // Without cal-api-version the spec's required header is missing: Prism answers 422, and the
  // checking transport records it — the safety net every other test relies on.
  auto opts = options(key_);
  opts.api_versions[kApiEventTypes] = "";
  auto calcom = client(opts);
  auto types = calcom->event_types({});
  EXPECT_FALSE(types);
  auto violations = take_violations();
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_NE(violations[0].find("422"), std::string::npos) << violations[0];
}

TEST_F(ThroughPrism, MeIdentifiesTheKeyOwner) {
  auto me = client()->me();
  ASSERT_TRUE(me) << me.error().internal;
  EXPECT_EQ(me->id, 1);
  EXPECT_EQ(me->username, "poblysh-ops");
  EXPECT_EQ(me->email, "ops@poblysh.test");
  EXPECT_FALSE(me->time_zone.empty());
}

TEST_F(ThroughPrism, EventTypesOwnTeamAndByUsername) {
  auto calcom = client();
  auto own = calcom->event_types({});
  ASSERT_TRUE(own) << own.error().internal;
  EXPECT_TRUE(has_type(*own, 1601));                      // ops-check belongs to the key owner
  EXPECT_FALSE(has_type(*own, kAliceFounderInterview));  // Alice's is not the owner's

  EventTypesQuery team;
  team.team_id = 10;
  auto panel = calcom->event_types(team);
  ASSERT_TRUE(panel) << panel.error().internal;
  ASSERT_TRUE(has_type(*panel, 2001));
  EXPECT_EQ(panel->front().team_id, 10);
  EXPECT_FALSE(panel->front().scheduling_type.empty());

  EventTypesQuery alice;
  alice.username = "alice-editor";
  auto alices = calcom->event_types(alice);
  ASSERT_TRUE(alices) << alices.error().internal;
  EXPECT_TRUE(has_type(*alices, kAliceFounderInterview));
  EXPECT_TRUE(has_type(*alices, 1003));
  EXPECT_FALSE(has_type(*alices, 1004));  // hidden: not among her public event types

  alice.event_slug = "founder-interview-45";
  auto one = calcom->event_types(alice);
  ASSERT_TRUE(one) << one.error().internal;
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ(one->front().id, 1002);
  EXPECT_EQ(one->front().length_in_minutes, 45);
}

TEST_F(ThroughPrism, SlotsByEventTypeIdInATimeZoneAsRanges) {
  SlotsQuery query;
  query.event_type_id = kAliceFounderInterview;
  query.start = at("2027-03-02T00:00:00Z");
  query.end = at("2027-03-04T00:00:00Z");
  query.time_zone = "Europe/Paris";
  auto slots = client()->slots(query);
  ASSERT_TRUE(slots) << slots.error().internal;
  ASSERT_GT(slots->count(), 0u);
  EXPECT_TRUE(slots->by_date.count("2027-03-02"));
  for (const auto& [date, day] : slots->by_date) {
    for (const auto& slot : day) {
      ASSERT_TRUE(slot.end.has_value()) << date;
      EXPECT_EQ(*slot.end - slot.start, std::chrono::minutes(30));
    }
  }
  // Alice works from 09:00 Paris time (08:00 UTC in winter).
  EXPECT_EQ(format_iso8601_utc(slots->by_date.at("2027-03-02").front().start).substr(11, 5), "08:00");
}

TEST_F(ThroughPrism, SlotsByUsernameAndSlugWithoutRanges) {
  SlotsQuery query;
  query.username = "bruno-partner";
  query.event_type_slug = "founder-interview";
  query.start = at("2027-03-02T00:00:00Z");
  query.end = at("2027-03-03T00:00:00Z");
  query.range_format = false;
  auto slots = client()->slots(query);
  ASSERT_TRUE(slots) << slots.error().internal;
  ASSERT_GT(slots->count(), 0u);
  for (const auto& [date, day] : slots->by_date) {
    for (const auto& slot : day) EXPECT_FALSE(slot.end.has_value()) << date;
  }
}

TEST_F(ThroughPrism, SlotsForSeveralUsernamesAreTheirCommonFreeTimes) {
  auto calcom = client();
  SlotsQuery group;
  group.usernames = {"alice-editor", "bruno-partner"};
  group.start = at("2027-03-02T00:00:00Z");
  group.end = at("2027-03-03T00:00:00Z");
  group.duration_minutes = 30;
  auto both = calcom->slots(group);
  ASSERT_TRUE(both) << both.error().internal;
  ASSERT_GT(both->count(), 0u);

  SlotsQuery alone = group;
  alone.usernames.clear();
  alone.event_type_id = kAliceFounderInterview;
  auto alice = calcom->slots(alone);
  ASSERT_TRUE(alice) << alice.error().internal;
  // Everybody must be free: the group's times are a subset of Alice's.
  std::vector<SystemTime> alice_starts;
  for (const auto& [date, day] : alice->by_date) {
    for (const auto& slot : day) alice_starts.push_back(slot.start);
  }
  for (const auto& [date, day] : both->by_date) {
    for (const auto& slot : day) {
      EXPECT_NE(std::find(alice_starts.begin(), alice_starts.end(), slot.start), alice_starts.end()) << date;
    }
  }
}

TEST_F(ThroughPrism, BookingLifecycleCreateGetGuestsRescheduleCancel) {
  auto calcom = client();
  const SystemTime start = first_free_slot(*calcom);
  auto created = calcom->create_booking(booking_request("contract-1", start));
  ASSERT_TRUE(created) << created.error().internal;
  EXPECT_EQ(created->status, BookingStatus::accepted);
  EXPECT_EQ(created->start, start);
  EXPECT_EQ(created->interview_id(), "contract-1");
  EXPECT_EQ(created->event_type_id, kAliceFounderInterview);
  // The slot is taken now (and the client forgot its cached slots).
  EXPECT_NE(first_free_slot(*calcom), start);

  auto fetched = calcom->get_booking(created->uid);
  ASSERT_TRUE(fetched) << fetched.error().internal;
  EXPECT_EQ(fetched->uid, created->uid);
  ASSERT_FALSE(fetched->attendees.empty());
  EXPECT_EQ(fetched->attendees.front().email, "jane@startup.test");

  auto guested = calcom->add_guests(created->uid, {GuestInput{"max@fund.test", "Max Partner", "Europe/Berlin"}});
  ASSERT_TRUE(guested) << guested.error().internal;
  bool max_invited = std::find(guested->guests.begin(), guested->guests.end(), "max@fund.test") != guested->guests.end();
  for (const auto& attendee : guested->attendees) max_invited |= attendee.email == "max@fund.test";
  EXPECT_TRUE(max_invited);

  RescheduleRequest move;
  move.start = start + std::chrono::hours(2);
  move.rescheduling_reason = "Founder asked for later";
  auto moved = calcom->reschedule_booking(created->uid, move);
  ASSERT_TRUE(moved) << moved.error().internal;
  EXPECT_NE(moved->uid, created->uid);
  EXPECT_EQ(moved->rescheduled_from_uid, created->uid);
  EXPECT_EQ(moved->start, move.start);
  auto old = calcom->get_booking(created->uid);
  ASSERT_TRUE(old) << old.error().internal;
  EXPECT_EQ(old->status, BookingStatus::cancelled);
  EXPECT_EQ(old->rescheduled_to_uid, moved->uid);

  auto cancelled = calcom->cancel_booking(moved->uid, "Startup withdrew");
  ASSERT_TRUE(cancelled) << cancelled.error().internal;
  EXPECT_EQ(cancelled->status, BookingStatus::cancelled);
  // Cancelling again is not an error: the booking is cancelled either way.
  auto again = calcom->cancel_booking(moved->uid, "Startup withdrew");
  ASSERT_TRUE(again) << again.error().internal;
  EXPECT_EQ(again->status, BookingStatus::cancelled);

  auto missing = calcom->get_booking("no-such-booking-uid");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

// Cal.com takes no-shows once the meeting has started; each mark sets a state, so a repeat is harmless.
TEST_F(ThroughPrism, MarkAbsentAfterTheMeetingNamesTheAttendeeAndTheHost) {
  auto calcom = client();
  const SystemTime start = first_free_slot(*calcom);
  auto created = calcom->create_booking(booking_request("contract-absent", start));
  ASSERT_TRUE(created) << created.error().internal;
  EXPECT_TRUE(take_violations().empty());

  auto early = calcom->mark_absent(created->uid, std::nullopt, {{"jane@startup.test", true}});
  ASSERT_FALSE(early);  // before the start: Cal.com refuses
  EXPECT_EQ(early.error().code, ErrorCode::upstream_failed);
  take_violations();  // the spec lists only the 200; Cal.com's 403 is known (API-NOTES)

  admin_->post("/clock", {{"now", format_iso8601_utc(created->end + std::chrono::minutes(5))}});
  auto marked = calcom->mark_absent(created->uid, true, {{"jane@startup.test", true}});
  ASSERT_TRUE(marked) << marked.error().internal;
  EXPECT_TRUE(marked->absent_host);
  ASSERT_FALSE(marked->attendees.empty());
  EXPECT_TRUE(marked->attendees.front().absent);

  auto present = calcom->mark_absent(created->uid, std::nullopt, {{"jane@startup.test", false}});
  ASSERT_TRUE(present) << present.error().internal;
  EXPECT_FALSE(present->attendees.front().absent);
  EXPECT_TRUE(present->absent_host);  // not named: left as it was
  auto fetched = calcom->get_booking(created->uid);
  ASSERT_TRUE(fetched) << fetched.error().internal;
  EXPECT_TRUE(fetched->absent_host);
  EXPECT_FALSE(fetched->attendees.front().absent);
}

TEST_F(ThroughPrism, ListBookingsAfterUpdatedAtAndFindByInterview) {
  auto calcom = client();
  const SystemTime start = first_free_slot(*calcom);
  auto first = calcom->create_booking(booking_request("contract-list-1", start));
  ASSERT_TRUE(first) << first.error().internal;
  admin_->post("/clock", {{"advanceMs", 60 * 60 * 1000}});
  auto second = calcom->create_booking(booking_request("contract-list-2", start + std::chrono::hours(1)));
  ASSERT_TRUE(second) << second.error().internal;

  BookingsQuery all;
  auto listed = calcom->list_bookings(all);
  ASSERT_TRUE(listed) << listed.error().internal;
  EXPECT_EQ(listed->bookings.size(), 2u);

  BookingsQuery recent;
  recent.after_updated_at = at(kNow) + std::chrono::minutes(30);
  auto changed = calcom->list_bookings(recent);
  ASSERT_TRUE(changed) << changed.error().internal;
  ASSERT_EQ(changed->bookings.size(), 1u);
  EXPECT_EQ(changed->bookings.front().uid, second->uid);

  BookingsQuery scope;
  scope.attendee_email = "jane@startup.test";
  scope.event_type_ids = {kAliceFounderInterview};
  scope.take = 1;  // one per page: the lookup must page to find the second
  auto found = calcom->find_booking_by_interview("contract-list-2", scope);
  ASSERT_TRUE(found) << found.error().internal;
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->uid, second->uid);
  auto none = calcom->find_booking_by_interview("contract-list-404", scope);
  ASSERT_TRUE(none) << none.error().internal;
  EXPECT_FALSE(none->has_value());
}

TEST_F(ThroughPrism, WebhooksListCreateUpdate) {
  auto calcom = client();
  auto before = calcom->list_webhooks();
  ASSERT_TRUE(before) << before.error().internal;

  WebhookInput input;
  input.subscriber_url = "http://127.0.0.1:9/calcom/webhooks";
  input.triggers = {"BOOKING_CREATED", "BOOKING_RESCHEDULED", "BOOKING_CANCELLED"};
  input.secret = "whsec-contract-test";
  auto created = calcom->create_webhook(input);
  ASSERT_TRUE(created) << created.error().internal;
  EXPECT_FALSE(created->id.empty());
  EXPECT_TRUE(created->active);
  EXPECT_EQ(created->triggers.size(), 3u);

  auto listed = calcom->list_webhooks();
  ASSERT_TRUE(listed) << listed.error().internal;
  EXPECT_EQ(listed->size(), before->size() + 1);

  WebhookPatch patch;
  patch.active = false;
  patch.triggers = std::vector<std::string>{"BOOKING_CANCELLED"};
  auto updated = calcom->update_webhook(created->id, patch);
  ASSERT_TRUE(updated) << updated.error().internal;
  EXPECT_EQ(updated->id, created->id);
  EXPECT_FALSE(updated->active);
  EXPECT_EQ(updated->triggers, std::vector<std::string>{"BOOKING_CANCELLED"});
}

}  // namespace
}  // namespace poblysh::calcom::contract
