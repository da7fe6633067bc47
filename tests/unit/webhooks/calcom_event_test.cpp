#include "webhooks/calcom_event.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/time.hpp"

namespace poblysh::webhooks {
namespace {

using nlohmann::json;

json booking_body(const std::string& trigger) {
  return json{{"triggerEvent", trigger},
              {"createdAt", "2026-05-04T08:00:00.123Z"},
              {"payload",
               {{"uid", "new-uid"},
                {"bookingId", 42},
                {"startTime", "2026-05-06T09:00:00Z"},
                {"endTime", "2026-05-06T09:45:00+00:00"},
                {"status", "ACCEPTED"},
                {"iCalUID", "old-uid@Cal.com"},
                {"iCalSequence", 2},
                {"location", "integrations:daily"},
                {"metadata", {{"poblysh_interview_id", "17"}, {"videoCallUrl", "https://app.cal.com/video/new-uid"}}},
                {"videoCallData", {{"type", "daily_video"}, {"url", "https://daily.example/x"}}}}}};
}

TEST(CalcomEvent, ParsesABookingCreatedDelivery) {
  auto event = parse_event(booking_body("BOOKING_CREATED").dump());
  ASSERT_TRUE(event) << event.error().message;
  EXPECT_TRUE(event->acts());
  EXPECT_EQ(event->uid, "new-uid");
  EXPECT_EQ(event->booking_id, 42);
  EXPECT_EQ(format_iso8601_utc(*event->start), "2026-05-06T09:00:00Z");
  EXPECT_EQ(format_iso8601_utc(*event->end), "2026-05-06T09:45:00Z");
  EXPECT_EQ(event->ical_sequence, 2);
  EXPECT_EQ(event->ical_uid, "old-uid@Cal.com");
  EXPECT_EQ(event->interview_id, 17);
  EXPECT_EQ(event->meeting_url, "https://app.cal.com/video/new-uid");
  EXPECT_EQ(event->meeting_provider, "Cal Video");
  EXPECT_EQ(to_unix_ms(*event->created_at) % 1000, 123);
}

TEST(CalcomEvent, RescheduleNeedsTheOldUid) {
  auto body = booking_body("BOOKING_RESCHEDULED");
  EXPECT_FALSE(parse_event(body.dump()));
  body["payload"]["rescheduleUid"] = "old-uid";
  body["payload"]["rescheduledBy"] = "alice@example.com";
  auto event = parse_event(body.dump());
  ASSERT_TRUE(event);
  EXPECT_EQ(event->reschedule_uid, "old-uid");
  EXPECT_EQ(event->changed_by, "alice@example.com");
}

TEST(CalcomEvent, CancellationNeedsNoTimesAndKeepsTheReason) {
  json body{{"triggerEvent", "BOOKING_CANCELLED"},
            {"payload", {{"uid", "u1"}, {"cancellationReason", "Founder is ill"}, {"cancelledBy", "x@y.example"}}}};
  auto event = parse_event(body.dump());
  ASSERT_TRUE(event);
  EXPECT_EQ(event->reason, "Founder is ill");
  EXPECT_FALSE(event->start);
  json rejected{{"triggerEvent", "BOOKING_REJECTED"}, {"payload", {{"uid", "u1"}, {"rejectionReason", "No time"}}}};
  EXPECT_EQ(parse_event(rejected.dump())->reason, "No time");
}

TEST(CalcomEvent, RefusesWhatCannotBeActedOn) {
  EXPECT_EQ(parse_event("not json").error().code, ErrorCode::invalid_input);
  EXPECT_FALSE(parse_event("[1,2]"));
  EXPECT_FALSE(parse_event(R"({"payload":{}})"));  // no triggerEvent
  EXPECT_FALSE(parse_event(R"({"triggerEvent":"BOOKING_CREATED"})"));  // no payload
  auto no_uid = booking_body("BOOKING_CREATED");
  no_uid["payload"].erase("uid");
  EXPECT_TRUE(parse_event(no_uid.dump()).error().fields.count("payload.uid"));
  auto no_start = booking_body("BOOKING_CREATED");
  no_start["payload"].erase("startTime");
  EXPECT_TRUE(parse_event(no_start.dump()).error().fields.count("payload.startTime"));
  auto backwards = booking_body("BOOKING_CREATED");
  backwards["payload"]["endTime"] = "2026-05-06T08:00:00Z";
  EXPECT_FALSE(parse_event(backwards.dump()));
  auto bad_time = booking_body("BOOKING_CREATED");
  bad_time["createdAt"] = "yesterday";
  EXPECT_FALSE(parse_event(bad_time.dump()));
}

TEST(CalcomEvent, ReadsTheBodyAsAStrictJsonDocument) {
  const std::string good = booking_body("BOOKING_CREATED").dump();
  ASSERT_TRUE(parse_event(good));
  // Anything after the document, broken UTF-8 in a string, a number out of range, a top-level
  // array: the body is not a JSON object, whatever part of it would be read.
  for (const std::string& bad : {good + " x", good + "{}", std::string("{\"triggerEvent\":\"PING\",\"n\":\"\xff\"}"),
                                 std::string(R"({"triggerEvent":"PING","n":1e400})"), std::string(R"(["PING"])"),
                                 std::string(""), std::string(R"({"triggerEvent":"PING",})")}) {
    auto event = parse_event(bad);
    ASSERT_FALSE(event) << bad;
    EXPECT_EQ(event.error().code, ErrorCode::invalid_input);
  }
}

TEST(CalcomEvent, ReadsBodiesSimdjsonAloneWouldRefuse) {
  // An integer beyond 64 bits in a field we never read, and a byte-order mark: nlohmann read
  // both, and a delivery is not refused for them.
  const std::string body = R"({"triggerEvent":"BOOKING_CANCELLED","payload":{"uid":"u1",)"
                           R"("responses":{"budget":123456789012345678901234},"bookingId":5}})";
  auto event = parse_event(body);
  ASSERT_TRUE(event) << event.error().message;
  EXPECT_EQ(event->uid, "u1");
  EXPECT_EQ(event->booking_id, 5);
  auto marked = parse_event("\xEF\xBB\xBF" + body);
  ASSERT_TRUE(marked) << marked.error().message;
  EXPECT_EQ(marked->uid, "u1");
}

TEST(CalcomEvent, ReadsFieldsAsTheJsonDomDid) {
  // The last of duplicate keys counts, a field of the wrong type is absent, numbers may come as
  // text in metadata, and an unsigned id beyond int64 wraps as nlohmann's get<int64_t> did.
  const std::string body = R"({"triggerEvent":"BOOKING_CANCELLED","payload":{"uid":"first","uid":"second",)"
                           R"("bookingId":"77","iCalSequence":3.5,"status":7,"metadata":"none",)"
                           R"("cancellationReason":"Travel"},"createdAt":"2026-05-04T08:00:00Z"})";
  auto event = parse_event(body);
  ASSERT_TRUE(event) << event.error().message;
  EXPECT_EQ(event->uid, "second");
  EXPECT_EQ(event->booking_id, 77);
  EXPECT_FALSE(event->ical_sequence);
  EXPECT_EQ(event->status, "");
  EXPECT_FALSE(event->interview_id);
  EXPECT_EQ(event->reason, "Travel");
  auto wrapped =
      parse_event(R"({"triggerEvent":"BOOKING_CANCELLED","payload":{"uid":"u","bookingId":18446744073709551615}})");
  ASSERT_TRUE(wrapped);
  EXPECT_EQ(wrapped->booking_id, -1);
}

TEST(CalcomEvent, PingAndUnusedTriggersNeedNothingElse) {
  auto ping = parse_event(R"({"triggerEvent":"PING","payload":{"type":"Test"}})");
  ASSERT_TRUE(ping);
  EXPECT_FALSE(ping->acts());
  for (const char* trigger : {"BOOKING_PAYMENT_INITIATED", "BOOKING_PAID", "MEETING_STARTED", "RECORDING_READY"}) {
    auto other = parse_event(std::string(R"({"triggerEvent":")") + trigger + R"(","payload":{"uid":7}})");
    ASSERT_TRUE(other) << trigger;
    EXPECT_FALSE(other->acts()) << trigger;
  }
}

// MEETING_ENDED as Cal.com's cron sends it: the booking row itself next to triggerEvent (Prisma's
// field names, the enum upper case), whose createdAt is when the booking was made.
TEST(CalcomEvent, MeetingEndedIsTheBookingRowWithoutAWrapper) {
  const json row{{"triggerEvent", "MEETING_ENDED"},
                 {"id", 1007},
                 {"uid", "b-uid"},
                 {"userId", 3},
                 {"eventTypeId", 1001},
                 {"title", "Founder interview between Alice and Lena"},
                 {"startTime", "2026-05-06T09:00:00.000Z"},
                 {"endTime", "2026-05-06T09:30:00.000Z"},
                 {"createdAt", "2026-05-01T10:00:00.000Z"},
                 {"status", "ACCEPTED"},
                 {"iCalUID", "b-uid@Cal.com"},
                 {"iCalSequence", 1},
                 {"noShowHost", true},
                 {"metadata", {{"poblysh_interview_id", "17"}}},
                 {"attendees",
                  {{{"id", 1}, {"email", "lena@northwind.example"}, {"noShow", true}},
                   {{"id", 2}, {"email", "ivy@fund.example"}, {"noShow", false}},
                   {{"id", 3}, {"email", "tomas@northwind.example"}, {"noShow", nullptr}}}}};
  auto event = parse_event(row.dump());
  ASSERT_TRUE(event) << event.error().message;
  EXPECT_TRUE(event->acts());
  EXPECT_EQ(event->uid, "b-uid");
  EXPECT_EQ(event->booking_id, 1007);
  EXPECT_FALSE(event->created_at) << "the booking's createdAt is not the event's";
  EXPECT_EQ(format_iso8601_utc(*event->end), "2026-05-06T09:30:00Z");
  EXPECT_EQ(event->ical_sequence, 1);
  EXPECT_EQ(event->interview_id, 17);
  EXPECT_EQ(event->marks, (std::vector<PartyMark>{{"lena@northwind.example", true}, {"", true}}));
  auto no_uid = row;
  no_uid.erase("uid");
  auto refused = parse_event(no_uid.dump());
  ASSERT_FALSE(refused);
  EXPECT_TRUE(refused.error().fields.count("uid"));
  // Cal.com's newer payload builder wraps it: then createdAt is the event's.
  json wrapped{{"triggerEvent", "MEETING_ENDED"}, {"createdAt", "2026-05-06T09:30:05Z"}, {"payload", row}};
  wrapped["payload"].erase("triggerEvent");
  auto inner = parse_event(wrapped.dump());
  ASSERT_TRUE(inner) << inner.error().message;
  EXPECT_EQ(inner->uid, "b-uid");
  EXPECT_EQ(format_iso8601_utc(*inner->created_at), "2026-05-06T09:30:05Z");
}

TEST(CalcomEvent, NoShowUpdatedNamesAttendeesAndTheHost) {
  const json body{{"triggerEvent", "BOOKING_NO_SHOW_UPDATED"},
                  {"createdAt", "2026-05-06T10:00:00.000Z"},
                  {"payload",
                   {{"message", "lena@northwind.example marked as no-show"},
                    {"attendees",
                     {{{"email", "lena@northwind.example"}, {"noShow", true}},
                      {{"email", "ivy@fund.example"}, {"noShow", false}},
                      {{"email", "broken@x.example"}, {"noShow", "yes"}}}},
                    {"bookingUid", "b-uid"},
                    {"bookingId", 1007}}}};
  auto event = parse_event(body.dump());
  ASSERT_TRUE(event) << event.error().message;
  EXPECT_TRUE(event->acts());
  EXPECT_TRUE(event->reports_no_show());
  EXPECT_EQ(event->uid, "b-uid");
  EXPECT_EQ(event->booking_id, 1007);
  EXPECT_EQ(event->message, "lena@northwind.example marked as no-show");
  EXPECT_EQ(event->marks, (std::vector<PartyMark>{{"lena@northwind.example", true}, {"ivy@fund.example", false}}));
  auto with_host = body;
  with_host["payload"]["noShowHost"] = false;
  EXPECT_EQ(parse_event(with_host.dump())->marks.back(), (PartyMark{"", false}));
  auto no_uid = body;
  no_uid["payload"].erase("bookingUid");
  EXPECT_TRUE(parse_event(no_uid.dump()).error().fields.count("payload.bookingUid"));
}

TEST(CalcomEvent, CalVideoNoShowsNameTheHostOrTheGuests) {
  const json hosts{{"triggerEvent", "AFTER_HOSTS_CAL_VIDEO_NO_SHOW"},
                   {"createdAt", "2026-05-06T09:15:00.000Z"},
                   {"payload",
                    {{"title", "Founder interview"},
                     {"bookingId", 1007},
                     {"bookingUid", "b-uid"},
                     {"hostEmail", "alice@poblysh.test"},
                     {"message", "Host with email alice@poblysh.test didn't join the call"}}}};
  auto host = parse_event(hosts.dump());
  ASSERT_TRUE(host) << host.error().message;
  EXPECT_EQ(host->marks, (std::vector<PartyMark>{{"alice@poblysh.test", true}}));
  auto other_host = hosts;
  other_host["payload"]["hostEmail"] = "bruno@poblysh.test";
  EXPECT_NE(dedupe_key(*host, ""), dedupe_key(*parse_event(other_host.dump()), ""))
      << "one delivery per absent host, possibly in the same millisecond";

  json guests{{"triggerEvent", "AFTER_GUESTS_CAL_VIDEO_NO_SHOW"},
              {"createdAt", "2026-05-06T09:15:00.000Z"},
              {"payload",
               {{"bookingUid", "b-uid"},
                {"attendees",
                 {{{"email", "lena@northwind.example"}, {"noShow", true}},
                  {{"email", "ivy@fund.example"}, {"noShow", false}}}}}}};
  auto some = parse_event(guests.dump());
  ASSERT_TRUE(some) << some.error().message;
  EXPECT_EQ(some->marks, (std::vector<PartyMark>{{"lena@northwind.example", true}}));
  EXPECT_FALSE(some->every_attendee_absent);
  guests["payload"]["attendees"] = {{{"email", "lena@northwind.example"}, {"noShow", nullptr}}};
  auto nobody_joined = parse_event(guests.dump());
  ASSERT_TRUE(nobody_joined);
  EXPECT_TRUE(nobody_joined->marks.empty());
  EXPECT_TRUE(nobody_joined->every_attendee_absent);
}

TEST(CalcomEvent, AHugeListOfAttendeesIsRefused) {
  json attendees = json::array();
  for (std::size_t i = 0; i <= kMaxAttendees; ++i) {
    attendees.push_back({{"email", "a" + std::to_string(i) + "@x.example"}, {"noShow", true}});
  }
  json body{{"triggerEvent", "BOOKING_NO_SHOW_UPDATED"}, {"payload", {{"bookingUid", "b"}, {"attendees", attendees}}}};
  auto refused = parse_event(body.dump());
  ASSERT_FALSE(refused);
  EXPECT_TRUE(refused.error().fields.count("payload.attendees"));
  body["payload"]["attendees"].erase(0);
  EXPECT_TRUE(parse_event(body.dump()));
}

TEST(CalcomEvent, ARescheduleRequestIsACancellationWithAFlag) {
  json body{{"triggerEvent", "BOOKING_CANCELLED"},
            {"payload", {{"uid", "u1"}, {"cancellationReason", "Conference"}, {"requestReschedule", true}}}};
  auto asked = parse_event(body.dump());
  ASSERT_TRUE(asked);
  EXPECT_TRUE(asked->request_reschedule);
  body["payload"]["requestReschedule"] = false;
  EXPECT_FALSE(parse_event(body.dump())->request_reschedule);
  body["payload"]["rescheduleRequested"] = true;  // Cal.com's newer name for it
  EXPECT_TRUE(parse_event(body.dump())->request_reschedule);
  body["payload"]["requestReschedule"] = "true";  // a wrong type is no flag
  body["payload"].erase("rescheduleRequested");
  EXPECT_FALSE(parse_event(body.dump())->request_reschedule);
}

TEST(CalcomEvent, DedupeKeyIsTheEventNotTheBytes) {
  auto body = booking_body("BOOKING_CREATED");
  auto first = parse_event(body.dump());
  auto reordered = parse_event(body.dump(2));  // same event, different bytes
  EXPECT_EQ(dedupe_key(*first, body.dump()), dedupe_key(*reordered, body.dump(2)));
  body["createdAt"] = "2026-05-04T08:00:01Z";
  auto later = parse_event(body.dump());
  EXPECT_NE(dedupe_key(*first, ""), dedupe_key(*later, ""));
  auto ping = parse_event(R"({"triggerEvent":"PING"})");
  EXPECT_EQ(dedupe_key(*ping, "a").rfind("body:", 0), 0u);
  EXPECT_NE(dedupe_key(*ping, "a"), dedupe_key(*ping, "b"));
}

TEST(CalcomEvent, SynthesisedNoShowsAndEndingsParseBack) {
  for (const char* trigger : {"BOOKING_NO_SHOW_UPDATED", "MEETING_ENDED", "AFTER_GUESTS_CAL_VIDEO_NO_SHOW"}) {
    CalcomEvent event;
    event.trigger = trigger;
    event.created_at = *parse_iso8601("2026-05-06T10:00:00Z");
    event.uid = "b1";
    event.booking_id = 4;
    event.message = event.reports_no_show() ? "marked" : "";
    event.marks = {{"lena@northwind.example", true}, {"", true}};
    if (event.trigger == "AFTER_GUESTS_CAL_VIDEO_NO_SHOW") event.marks.pop_back();
    auto parsed = parse_event(to_body(event));
    ASSERT_TRUE(parsed) << trigger << ": " << parsed.error().message;
    EXPECT_EQ(parsed->uid, "b1") << trigger;
    EXPECT_EQ(parsed->booking_id, 4) << trigger;
    EXPECT_EQ(parsed->marks, event.marks) << trigger;
    EXPECT_EQ(parsed->message, event.message) << trigger;
    EXPECT_EQ(parsed->created_at, event.created_at) << trigger;
  }
}

TEST(CalcomEvent, SynthesisedBodiesParseBackToTheSameEvent) {
  CalcomEvent event;
  event.trigger = "BOOKING_RESCHEDULED";
  event.created_at = *parse_iso8601("2026-05-04T08:00:00Z");
  event.uid = "b2";
  event.reschedule_uid = "b1";
  event.booking_id = 9;
  event.start = *parse_iso8601("2026-05-06T09:00:00Z");
  event.end = *parse_iso8601("2026-05-06T10:00:00Z");
  event.status = "ACCEPTED";
  event.ical_sequence = 3;
  event.meeting_url = "https://app.cal.com/video/b2";
  event.meeting_provider = "Cal Video";
  event.interview_id = 5;
  auto parsed = parse_event(to_body(event));
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->uid, "b2");
  EXPECT_EQ(parsed->reschedule_uid, "b1");
  EXPECT_EQ(parsed->booking_id, 9);
  EXPECT_EQ(parsed->start, event.start);
  EXPECT_EQ(parsed->end, event.end);
  EXPECT_EQ(parsed->ical_sequence, 3);
  EXPECT_EQ(parsed->meeting_url, event.meeting_url);
  EXPECT_EQ(parsed->meeting_provider, "Cal Video");
  EXPECT_EQ(parsed->interview_id, 5);
  EXPECT_EQ(parsed->created_at, event.created_at);
}

}  // namespace
}  // namespace poblysh::webhooks
