#include "calcom/encode.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "calcom/client.hpp"
#include "core/time.hpp"

namespace poblysh::calcom {
namespace {

using json = nlohmann::json;

CreateBookingRequest sample_booking() {
  CreateBookingRequest request;
  request.interview_id = "iv_1";
  request.event_type_id = 9;
  request.start = *parse_iso8601("2026-05-04T09:00:00.000Z");
  request.attendee = Attendee{"Bob", "bob@example.com", "America/New_York", std::nullopt, std::nullopt, false};
  return request;
}

TEST(RedactKey, ShowsPrefixAndLastFourOnly) {
  EXPECT_EQ(redact_key("cal_live_0123456789abcdefWXYZ"), "cal_live_...WXYZ");
  EXPECT_EQ(redact_key("cal_0123456789abcdefghijWXYZ"), "cal_...WXYZ");
  EXPECT_EQ(redact_key("cal_live_short"), "cal_live_...");
  EXPECT_EQ(redact_key("sometokenwithoutprefix1234"), "...1234");
  EXPECT_EQ(redact_key("tiny"), "...");
  EXPECT_EQ(redact_key(""), "(none)");
  std::string key = "cal_live_supersecretmaterial_9999";
  EXPECT_EQ(redact_key(key).find("supersecret"), std::string::npos);
}

TEST(Query, PercentEncodesValues) {
  EXPECT_EQ(build_query({}), "");
  EXPECT_EQ(build_query({{"a", "1"}, {"attendeeEmail", "bob+x@example.com"}, {"t", "Europe/Berlin"}}),
            "?a=1&attendeeEmail=bob%2Bx%40example.com&t=Europe%2FBerlin");
  EXPECT_EQ(path_segment("a/b?c"), "a%2Fb%3Fc");
}

TEST(SlotsQuery, ParamsForEachWayOfNamingTheEvent) {
  SlotsQuery query;
  query.start = *parse_iso8601("2026-05-04T00:00:00Z");
  query.end = *parse_iso8601("2026-05-11T00:00:00Z");
  query.usernames = {"alice", "bob"};
  query.duration_minutes = 45;
  query.time_zone = "Europe/Berlin";
  EXPECT_TRUE(validate_slots_query(query));
  auto params = slots_query_params(query);
  EXPECT_EQ(build_query(params),
            "?start=2026-05-04T00%3A00%3A00Z&end=2026-05-11T00%3A00%3A00Z&usernames=alice%2Cbob"
            "&duration=45&timeZone=Europe%2FBerlin&format=range");
}

TEST(SlotsQuery, ValidationRejectsAmbiguousOrIncompleteQueries) {
  SlotsQuery query;
  query.start = *parse_iso8601("2026-05-04T00:00:00Z");
  query.end = *parse_iso8601("2026-05-05T00:00:00Z");
  EXPECT_FALSE(validate_slots_query(query));  // no event at all
  query.event_type_id = 1;
  EXPECT_TRUE(validate_slots_query(query));
  query.usernames = {"alice", "bob"};
  EXPECT_FALSE(validate_slots_query(query));  // two ways at once
  query.event_type_id.reset();
  query.usernames = {"alice"};
  EXPECT_FALSE(validate_slots_query(query));  // a group needs two
  query.usernames.clear();
  query.event_type_slug = "interview";
  EXPECT_FALSE(validate_slots_query(query));  // slug without username
  query.username = "alice";
  EXPECT_TRUE(validate_slots_query(query));
  query.end = query.start;
  EXPECT_EQ(validate_slots_query(query).error().code, ErrorCode::invalid_input);
}

TEST(CreateBookingBody, CarriesInterviewIdAndOptionalFieldsOnlyWhenSet) {
  auto request = sample_booking();
  json minimal = json::parse(encode_create_booking(request));
  EXPECT_EQ(minimal["start"], "2026-05-04T09:00:00Z");
  EXPECT_EQ(minimal["eventTypeId"], 9);
  EXPECT_EQ(minimal["attendee"]["email"], "bob@example.com");
  EXPECT_EQ(minimal["attendee"]["timeZone"], "America/New_York");
  EXPECT_EQ(minimal["metadata"][kInterviewIdMetadataKey], "iv_1");
  EXPECT_FALSE(minimal.contains("guests"));
  EXPECT_FALSE(minimal.contains("lengthInMinutes"));
  EXPECT_FALSE(minimal.contains("location"));
  EXPECT_FALSE(minimal.contains("bookingFieldsResponses"));

  request.guests = {"carol@example.com"};
  request.length_in_minutes = 60;
  request.booking_fields_responses = {{"notes", "Bring the deck"}};
  request.location = BookingLocation{"integration", "google-meet", {}, {}, {}};
  request.metadata = {{"startup", "acme"}};
  json full = json::parse(encode_create_booking(request));
  EXPECT_EQ(full["guests"], json::array({"carol@example.com"}));
  EXPECT_EQ(full["lengthInMinutes"], 60);
  EXPECT_EQ(full["bookingFieldsResponses"]["notes"], "Bring the deck");
  EXPECT_EQ(full["location"], (json{{"type", "integration"}, {"integration", "google-meet"}}));
  EXPECT_EQ(full["metadata"]["startup"], "acme");
  EXPECT_EQ(full["metadata"][kInterviewIdMetadataKey], "iv_1");
}

TEST(CreateBookingBody, InvalidUtf8InUserTextDoesNotThrow) {
  auto request = sample_booking();
  request.attendee.name = "Bad \xff name";
  std::string body;
  EXPECT_NO_THROW(body = encode_create_booking(request));
  json parsed = json::parse(body, nullptr, false);
  ASSERT_FALSE(parsed.is_discarded());
  EXPECT_NE(parsed["attendee"]["name"].get<std::string>().find("name"), std::string::npos);
}

TEST(CreateBookingValidation, RejectsMissingAndOversizedFields) {
  EXPECT_TRUE(validate_create_booking(sample_booking()));
  auto no_id = sample_booking();
  no_id.interview_id.clear();
  EXPECT_EQ(validate_create_booking(no_id).error().fields.count("interview_id"), 1u);
  auto reserved = sample_booking();
  reserved.metadata[kInterviewIdMetadataKey] = "other";
  EXPECT_FALSE(validate_create_booking(reserved));
  auto long_key = sample_booking();
  long_key.metadata[std::string(41, 'k')] = "v";
  EXPECT_FALSE(validate_create_booking(long_key));
  auto many = sample_booking();
  for (int i = 0; i < 50; ++i) many.metadata["k" + std::to_string(i)] = "v";
  EXPECT_FALSE(validate_create_booking(many));  // 50 + our own key
  auto no_zone = sample_booking();
  no_zone.attendee.time_zone.clear();
  EXPECT_FALSE(validate_create_booking(no_zone));
}

TEST(BookingsQuery, FiltersAndPagination) {
  BookingsQuery query;
  query.attendee_email = "bob@example.com";
  query.event_type_ids = {9};
  query.after_updated_at = *parse_iso8601("2026-05-01T00:00:00Z");
  query.take = 50;
  query.skip = 100;
  EXPECT_EQ(build_query(bookings_query_params(query)),
            "?attendeeEmail=bob%40example.com&eventTypeId=9&afterUpdatedAt=2026-05-01T00%3A00%3A00Z"
            "&take=50&skip=100");
  query.event_type_ids = {9, 10};
  query.status = {"upcoming", "unconfirmed"};
  std::string text = build_query(bookings_query_params(query));
  EXPECT_NE(text.find("eventTypeIds=9%2C10"), std::string::npos);
  EXPECT_NE(text.find("status=upcoming%2Cunconfirmed"), std::string::npos);
}

TEST(OtherBodies, CancelRescheduleGuestsWebhooks) {
  EXPECT_EQ(json::parse(encode_cancel_booking("No longer needed")),
            (json{{"cancellationReason", "No longer needed"}}));
  RescheduleRequest move{*parse_iso8601("2026-05-05T10:00:00Z"), "Clash", std::nullopt};
  EXPECT_EQ(json::parse(encode_reschedule_booking(move)),
            (json{{"start", "2026-05-05T10:00:00Z"}, {"reschedulingReason", "Clash"}}));
  json guests = json::parse(encode_add_guests({{"a@x.io", "A", std::nullopt}, {"b@x.io", std::nullopt, "UTC"}}));
  EXPECT_EQ(guests["guests"][0], (json{{"email", "a@x.io"}, {"name", "A"}}));
  EXPECT_EQ(guests["guests"][1], (json{{"email", "b@x.io"}, {"timeZone", "UTC"}}));
  EXPECT_FALSE(validate_add_guests({}));
  EXPECT_FALSE(validate_add_guests(std::vector<GuestInput>(11, GuestInput{"a@x.io", {}, {}})));
  EXPECT_FALSE(validate_add_guests({{"", {}, {}}}));
  EXPECT_EQ(json::parse(encode_mark_absent(true, {})), (json{{"host", true}}));
  EXPECT_EQ(json::parse(encode_mark_absent(std::nullopt, {{"a@x.io", true}, {"b@x.io", false}})),
            (json{{"attendees", {{{"email", "a@x.io"}, {"absent", true}}, {{"email", "b@x.io"}, {"absent", false}}}}}));
  EXPECT_FALSE(validate_mark_absent(std::nullopt, {}));
  EXPECT_FALSE(validate_mark_absent(false, {{"", true}}));
  EXPECT_TRUE(validate_mark_absent(false, {}));
  json hook = json::parse(encode_webhook_input({"https://x/h", {"BOOKING_CREATED"}, true, "sec", std::nullopt}));
  EXPECT_EQ(hook, (json{{"subscriberUrl", "https://x/h"}, {"triggers", {"BOOKING_CREATED"}}, {"active", true}, {"secret", "sec"}}));
  WebhookPatch patch;
  patch.active = false;
  EXPECT_EQ(json::parse(encode_webhook_patch(patch)), (json{{"active", false}}));
}

}  // namespace
}  // namespace poblysh::calcom
