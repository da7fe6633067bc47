#include "calcom/parse.hpp"

#include <gtest/gtest.h>

#include "core/time.hpp"
#include "iso_time.hpp"

namespace poblysh::calcom {
namespace {

using poblysh::testing::at;

TEST(ParseError, NestFilterShapeGivesClassNameAndMessage) {
  auto info = parse_error_body(R"({"status":"error","timestamp":"2026-03-01T10:00:00.000Z",
    "path":"/v2/bookings/x","error":{"code":"NotFoundException","message":"Booking with uid=x was not found",
    "details":{"message":"Booking with uid=x was not found","error":"Not Found","statusCode":404}}})");
  EXPECT_EQ(info.code, "NotFoundException");
  EXPECT_EQ(info.message, "Booking with uid=x was not found");
}

TEST(ParseError, NestFilterShapeWithoutMessageFallsBackToDetails) {
  auto info = parse_error_body(
      R"({"status":"error","error":{"code":"BadRequestException","details":{"message":["start must be ISO","attendee missing"]}}})");
  EXPECT_EQ(info.code, "BadRequestException");
  EXPECT_EQ(info.message, "start must be ISO, attendee missing");
}

TEST(ParseError, BareNestShapeWithStringOrListMessage) {
  auto single = parse_error_body(R"({"statusCode":400,"message":"start property is wrong","error":"Bad Request"})");
  EXPECT_EQ(single.message, "start property is wrong");
  EXPECT_EQ(single.code, "Bad Request");
  auto list = parse_error_body(R"({"statusCode":400,"message":["a is wrong","b is wrong"]})");
  EXPECT_EQ(list.message, "a is wrong, b is wrong");
  EXPECT_EQ(list.code, "");
}

TEST(ParseError, NonJsonBodyBecomesOneLineSnippet) {
  auto info = parse_error_body("<html>\n<body>502 Bad Gateway</body>\n</html>");
  EXPECT_EQ(info.code, "");
  EXPECT_EQ(info.message.find('\n'), std::string::npos);
  EXPECT_NE(info.message.find("502 Bad Gateway"), std::string::npos);
  EXPECT_EQ(parse_error_body("").message, "");
}

TEST(ParseMe, ReadsFieldsAndToleratesNullsAndOmissions) {
  auto me = parse_me_response(R"({"status":"success","data":{"id":42,"username":"alice",
    "email":"alice@example.com","name":null,"timeZone":"Europe/Berlin","timeFormat":24,
    "weekStart":"Monday","defaultScheduleId":null,"organizationId":null}})");
  ASSERT_TRUE(me) << me.error().internal;
  EXPECT_EQ(me->id, 42);
  EXPECT_EQ(me->username, "alice");
  EXPECT_EQ(me->name, "");
  EXPECT_EQ(me->time_format, 24);
  EXPECT_FALSE(me->organization_id.has_value());
  EXPECT_FALSE(me->default_schedule_id.has_value());
}

TEST(ParseMe, MissingIdIsMalformed) {
  auto me = parse_me_response(R"({"status":"success","data":{"username":"alice"}})");
  ASSERT_FALSE(me);
  EXPECT_EQ(me.error().code, ErrorCode::upstream_failed);
  EXPECT_NE(me.error().internal.find("data.id"), std::string::npos);
}

TEST(ParseEnvelope, RejectsWhatIsNotASuccessEnvelope) {
  for (const char* body :
       {"", "not json", "[]", "42", R"({"status":"success"})",
        R"({"status":"error","error":{"code":"X","message":"y"}})", R"({"status":"success","data":{"id":"forty-two"}})",
        R"({"status":"success","data":[1,2]})"}) {
    auto me = parse_me_response(body);
    ASSERT_FALSE(me) << body;
    EXPECT_EQ(me.error().code, ErrorCode::upstream_failed) << body;
  }
}

TEST(ParseEventTypes, ReadsListWithOptionalFields) {
  auto types = parse_event_types_response(R"({"status":"success","data":[
    {"id":1,"slug":"interview","title":"Interview","lengthInMinutes":45,"lengthInMinutesOptions":[30,45,60],
     "hidden":false,"ownerId":7,"bookingUrl":"https://cal.com/alice/interview","locations":[],"bookingFields":[]},
    {"id":2.0,"slug":"team-chat","title":"Team chat","length":30,"teamId":5,"schedulingType":"ROUND_ROBIN",
     "hosts":[{"userId":1}]}]})");
  ASSERT_TRUE(types) << types.error().internal;
  ASSERT_EQ(types->size(), 2u);
  EXPECT_EQ((*types)[0].length_in_minutes, 45);
  EXPECT_EQ((*types)[0].length_in_minutes_options, (std::vector<int>{30, 45, 60}));
  EXPECT_EQ((*types)[0].owner_id, 7);
  EXPECT_EQ((*types)[1].id, 2);
  EXPECT_EQ((*types)[1].length_in_minutes, 30);
  EXPECT_EQ((*types)[1].team_id, 5);
  EXPECT_EQ((*types)[1].scheduling_type, "ROUND_ROBIN");
}

// Where a type's meetings happen: each kind with its value; shapes we cannot read are left out.
TEST(ParseEventTypes, LocationsKeepTheirKindAndValue) {
  auto types = parse_event_types_response(R"({"status":"success","data":[{"id":1,"locations":[
    {"type":"address","address":"12 rue de la Paix, 75002 Paris","public":true},
    {"type":"phone","phone":"+33 1 84 88 12 34","public":true},
    {"type":"integration","integration":"cal-video"},{"type":"attendeeDefined"},
    "integrations:daily",{"address":"no type"},{"type":""},{"type":"phone","phone":42}]}]})");
  ASSERT_TRUE(types) << types.error().internal;
  const auto& locations = (*types)[0].locations;
  ASSERT_EQ(locations.size(), 5u);
  EXPECT_EQ(locations[0].type, "address");
  EXPECT_EQ(locations[0].address, "12 rue de la Paix, 75002 Paris");
  EXPECT_EQ(locations[1].phone, "+33 1 84 88 12 34");
  EXPECT_EQ(locations[2].integration, "cal-video");
  EXPECT_EQ(locations[3].type, "attendeeDefined");
  EXPECT_EQ(locations[4].type, "phone");
  EXPECT_FALSE(locations[4].phone) << "a number is not text";
}

TEST(ParseEventTypes, ObjectWhereListExpectedIsMalformed) {
  EXPECT_FALSE(parse_event_types_response(R"({"status":"success","data":{"id":1}})"));
  EXPECT_FALSE(parse_event_types_response(R"({"status":"success","data":[{"slug":"no-id"}]})"));
}

TEST(ParseSlots, RangeAndStartOnlyFormsAndTimeSpellings) {
  auto slots = parse_slots_response(R"({"status":"success","data":{
    "2026-05-04":[{"start":"2026-05-04T09:00:00.000Z","end":"2026-05-04T09:45:00.000Z"},
                  {"start":"2026-05-04T11:00:00+02:00","end":"2026-05-04T11:45:00+02:00"}],
    "2026-05-05":[{"start":"2026-05-05T09:00:00Z"}],
    "2026-05-06":[]}})");
  ASSERT_TRUE(slots) << slots.error().internal;
  EXPECT_EQ(slots->count(), 3u);
  const auto& monday = slots->by_date.at("2026-05-04");
  EXPECT_EQ(monday[0].start, at("2026-05-04T09:00:00Z"));
  EXPECT_EQ(monday[0].end, at("2026-05-04T09:45:00Z"));
  EXPECT_EQ(monday[1].start, at("2026-05-04T09:00:00Z"));  // +02:00 normalised
  EXPECT_FALSE(slots->by_date.at("2026-05-05")[0].end.has_value());
  EXPECT_TRUE(slots->by_date.at("2026-05-06").empty());
}

TEST(ParseSlots, EmptyMapSeatedExtrasAndSpecStringForm) {
  auto none = parse_slots_response(R"({"status":"success","data":{}})");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->count(), 0u);
  auto seated = parse_slots_response(
      R"({"status":"success","data":{"2026-05-04":[{"start":"2026-05-04T09:00:00Z","attendeesCount":2,"bookingUid":"b1"}]}})");
  ASSERT_TRUE(seated);
  EXPECT_EQ(seated->count(), 1u);
  auto strings = parse_slots_response(R"({"status":"success","data":{"2026-05-04":["2026-05-04T09:00:00Z"]}})");
  ASSERT_TRUE(strings);
  EXPECT_EQ(strings->by_date.at("2026-05-04")[0].start, at("2026-05-04T09:00:00Z"));
}

TEST(ParseSlots, BadTimesAndShapesAreMalformed) {
  EXPECT_FALSE(parse_slots_response(R"({"status":"success","data":{"2026-05-04":[{"start":"tomorrow"}]}})"));
  EXPECT_FALSE(parse_slots_response(R"({"status":"success","data":{"2026-05-04":{"start":"x"}}})"));
  EXPECT_FALSE(parse_slots_response(R"({"status":"success","data":{"2026-05-04":[{"end":"2026-05-04T09:00:00Z"}]}})"));
  EXPECT_FALSE(parse_slots_response(R"({"status":"success","data":["2026-05-04T09:00:00Z"]})"));
}

constexpr const char* kBooking = R"({"status":"success","data":{
  "id":123,"uid":"bk_1","title":"Interview","description":"","status":"accepted",
  "start":"2026-05-04T09:00:00.000Z","end":"2026-05-04T09:45:00+00:00","duration":45,
  "eventTypeId":9,"eventType":{"id":10,"slug":"interview"},"location":"integrations:google:meet",
  "hosts":[{"id":7,"name":"Alice","email":"alice@example.com","username":"alice","timeZone":"Europe/Berlin"}],
  "attendees":[{"name":"Bob","email":"bob@example.com","timeZone":"America/New_York","language":"en","absent":false}],
  "guests":["carol@example.com"],"absentHost":true,
  "metadata":{"poblysh_interview_id":"iv_9","n":3},
  "createdAt":"2026-05-01T08:00:00Z","updatedAt":"2026-05-01T08:00:00.5Z",
  "rescheduledFromUid":"bk_0"}})";

TEST(ParseBooking, ReadsTheFieldsWeUse) {
  auto booking = parse_booking_response(kBooking);
  ASSERT_TRUE(booking) << booking.error().internal;
  EXPECT_EQ(booking->id, 123);
  EXPECT_EQ(booking->uid, "bk_1");
  EXPECT_EQ(booking->status, BookingStatus::accepted);
  EXPECT_EQ(booking->start, at("2026-05-04T09:00:00Z"));
  EXPECT_EQ(booking->end, at("2026-05-04T09:45:00Z"));
  EXPECT_EQ(booking->duration_minutes, 45);
  EXPECT_EQ(booking->event_type_id, 10);  // eventType.id wins over the deprecated eventTypeId
  EXPECT_EQ(booking->event_type_slug, "interview");
  ASSERT_EQ(booking->hosts.size(), 1u);
  EXPECT_EQ(booking->hosts[0].id, 7);
  ASSERT_EQ(booking->attendees.size(), 1u);
  EXPECT_EQ(booking->attendees[0].email, "bob@example.com");
  EXPECT_EQ(booking->guests, std::vector<std::string>{"carol@example.com"});
  EXPECT_TRUE(booking->absent_host);
  EXPECT_EQ(booking->interview_id(), "iv_9");
  EXPECT_EQ(booking->metadata.count("n"), 0u);  // non-string metadata is dropped
  EXPECT_TRUE(booking->created_at.has_value());
  EXPECT_EQ(booking->rescheduled_from_uid, "bk_0");
  EXPECT_TRUE(booking->rescheduled_to_uid.empty());
}

TEST(ParseBooking, MinimalBookingWithEverythingOptionalOmitted) {
  auto booking = parse_booking_response(
      R"({"status":"success","data":{"uid":"u","start":"2026-05-04T09:00:00Z","end":"2026-05-04T10:00:00Z"}})");
  ASSERT_TRUE(booking) << booking.error().internal;
  EXPECT_EQ(booking->status, BookingStatus::unknown);
  EXPECT_FALSE(booking->event_type_id.has_value());
  EXPECT_FALSE(booking->interview_id().has_value());
  EXPECT_TRUE(booking->attendees.empty());
  EXPECT_FALSE(booking->absent_host);
}

TEST(ParseBooking, NullsAndWrongTypesInOptionalFieldsDoNotCrash) {
  auto booking = parse_booking_response(R"({"status":"success","data":{"uid":"u",
    "start":"2026-05-04T09:00:00Z","end":"2026-05-04T10:00:00Z","id":null,"title":null,"status":7,
    "hosts":null,"attendees":[null,1,{"name":null}],"guests":"x","metadata":[],"eventType":null,
    "createdAt":"garbage","duration":"45"}})");
  ASSERT_TRUE(booking) << booking.error().internal;
  EXPECT_EQ(booking->attendees.size(), 1u);
  EXPECT_FALSE(booking->created_at.has_value());
  EXPECT_FALSE(booking->duration_minutes.has_value());
}

TEST(ParseBooking, RequiredFieldsMissingOrBadAreMalformed) {
  EXPECT_FALSE(parse_booking_response(
      R"({"status":"success","data":{"start":"2026-05-04T09:00:00Z","end":"2026-05-04T10:00:00Z"}})"));
  EXPECT_FALSE(parse_booking_response(
      R"({"status":"success","data":{"uid":"u","start":"2026-05-04 09:00","end":"2026-05-04T10:00:00Z"}})"));
  EXPECT_FALSE(parse_booking_response(R"({"status":"success","data":{"uid":"u","start":"2026-05-04T09:00:00Z"}})"));
  EXPECT_FALSE(parse_booking_response(R"({"status":"success","data":[]})"));
}

TEST(ParseBooking, RecurringAnswerUsesFirstOccurrence) {
  auto booking = parse_booking_response(R"({"status":"success","data":[
    {"uid":"first","start":"2026-05-04T09:00:00Z","end":"2026-05-04T10:00:00Z"},
    {"uid":"second","start":"2026-05-11T09:00:00Z","end":"2026-05-11T10:00:00Z"}]})");
  ASSERT_TRUE(booking);
  EXPECT_EQ(booking->uid, "first");
}

TEST(ParseBookingStatus, BothCases) {
  EXPECT_EQ(parse_booking_status("cancelled"), BookingStatus::cancelled);
  EXPECT_EQ(parse_booking_status("CANCELLED"), BookingStatus::cancelled);
  EXPECT_EQ(parse_booking_status("PENDING"), BookingStatus::pending);
  EXPECT_EQ(parse_booking_status("weird"), BookingStatus::unknown);
}

TEST(ParseBookings, OffsetAndCursorPaginationAndFallback) {
  const char* item = R"({"uid":"u","start":"2026-05-04T09:00:00Z","end":"2026-05-04T10:00:00Z"})";
  auto offset = parse_bookings_response(
      std::string(R"({"status":"success","data":[)") + item + R"(],"pagination":{"totalItems":5,"hasNextPage":true}})",
      1);
  ASSERT_TRUE(offset);
  EXPECT_TRUE(offset->has_next_page);
  EXPECT_EQ(offset->total_items, 5);
  auto cursor = parse_bookings_response(
      std::string(R"({"status":"success","data":[)") + item + R"(],"pagination":{"nextCursor":"c","hasMore":false}})",
      1);
  ASSERT_TRUE(cursor);
  EXPECT_FALSE(cursor->has_next_page);
  auto bare_full = parse_bookings_response(std::string(R"({"status":"success","data":[)") + item + "]}", 1);
  ASSERT_TRUE(bare_full);
  EXPECT_TRUE(bare_full->has_next_page);
  auto bare_short = parse_bookings_response(std::string(R"({"status":"success","data":[)") + item + "]}", 10);
  ASSERT_TRUE(bare_short);
  EXPECT_FALSE(bare_short->has_next_page);
  EXPECT_FALSE(parse_bookings_response(R"({"status":"success","data":[{"uid":"u"}]})", 10));
}

TEST(ParseWebhooks, UuidAndNumericIdsSecretNotKept) {
  auto list = parse_webhooks_response(R"({"status":"success","data":[
    {"id":"2f0e8a2c-1d5b-4a6f-9c7e-3b1a2d4e5f60","subscriberUrl":"https://x/hook","triggers":["BOOKING_CREATED"],
     "active":true,"payloadTemplate":null,"secret":"s3cr3t","userId":1},
    {"id":17,"subscriberUrl":"https://y/hook","triggers":[],"active":false}]})");
  ASSERT_TRUE(list) << list.error().internal;
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, "2f0e8a2c-1d5b-4a6f-9c7e-3b1a2d4e5f60");
  EXPECT_TRUE((*list)[0].has_secret);
  EXPECT_EQ((*list)[1].id, "17");
  EXPECT_FALSE((*list)[1].has_secret);
  EXPECT_FALSE(parse_webhook_response(R"({"status":"success","data":{"subscriberUrl":"x"}})"));
  EXPECT_FALSE(parse_webhook_response(R"({"status":"success","data":{"id":true}})"));
}

TEST(ParseRobustness, TruncatedAndHostileInputsNeverThrow) {
  std::string booking = kBooking;
  for (std::size_t cut = 0; cut < booking.size(); cut += 7) {
    std::string prefix = booking.substr(0, cut);
    EXPECT_NO_THROW({
      (void)parse_booking_response(prefix);
      (void)parse_slots_response(prefix);
      (void)parse_error_body(prefix);
    });
  }
  std::string deep(10000, '[');
  EXPECT_NO_THROW((void)parse_me_response(deep));
  EXPECT_FALSE(
      parse_me_response(std::string("{\"status\":\"success\",\"data\":{\"id\":1,\"username\":\"\xff\xfe\"}}")));
}

}  // namespace
}  // namespace poblysh::calcom
