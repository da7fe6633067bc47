#include "notify/ical.hpp"

#include <gtest/gtest.h>
#include <libical/ical.h>

#include <memory>

#include "core/time.hpp"
#include "iso_time.hpp"

namespace poblysh::notify {
namespace {

using poblysh::testing::at;

struct Free {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Parsed = std::unique_ptr<icalcomponent, Free>;

CalendarEvent sample() {
  CalendarEvent event;
  event.uid = "interview-42@poblysh.example";
  event.sequence = 3;
  event.stamp = at("2026-03-01T12:00:00Z");
  event.start = at("2026-03-29T08:00:00Z");
  event.end = at("2026-03-29T09:00:00Z");
  event.summary = "Intro call, Acme; round 1";
  event.description = "Line one\nLine two, with comma; and semicolon";
  event.location = "https://meet.example/abc";
  event.url = "https://meet.example/abc";
  event.organizer = {"Olivia Organizer", "olivia@poblysh.example"};
  event.attendees = {
      {{"Olivia Organizer", "olivia@poblysh.example"}, AttendeeRole::chair, ParticipationStatus::accepted, false},
      {{"Ana \"The\" Founder", "ana@acme.example"}, AttendeeRole::required, ParticipationStatus::needs_action, true}};
  return event;
}

std::int64_t unix_seconds(const char* iso) {
  return std::chrono::duration_cast<std::chrono::seconds>(at(iso).time_since_epoch()).count();
}

TEST(Ical, RequestParsesBackWithEveryField) {
  auto ics = build_ics(sample());
  ASSERT_TRUE(ics) << ics.error().message;
  EXPECT_NE(ics->find("\r\n"), std::string::npos);
  Parsed calendar(icalparser_parse_string(ics->c_str()));
  ASSERT_TRUE(calendar);
  EXPECT_EQ(icalcomponent_get_method(calendar.get()), ICAL_METHOD_REQUEST);
  icalcomponent* event = icalcomponent_get_first_component(calendar.get(), ICAL_VEVENT_COMPONENT);
  ASSERT_NE(event, nullptr);
  EXPECT_STREQ(icalcomponent_get_uid(event), "interview-42@poblysh.example");
  EXPECT_EQ(icalcomponent_get_sequence(event), 3);
  EXPECT_STREQ(icalcomponent_get_summary(event), "Intro call, Acme; round 1");
  EXPECT_STREQ(icalcomponent_get_description(event), "Line one\nLine two, with comma; and semicolon");
  EXPECT_STREQ(icalcomponent_get_location(event), "https://meet.example/abc");
  EXPECT_EQ(icalcomponent_get_status(event), ICAL_STATUS_CONFIRMED);
  const icaltimetype start = icalcomponent_get_dtstart(event);
  const icaltimetype end = icalcomponent_get_dtend(event);
  EXPECT_TRUE(icaltime_is_utc(start));
  EXPECT_EQ(icaltime_as_timet(start), unix_seconds("2026-03-29T08:00:00Z"));
  EXPECT_EQ(icaltime_as_timet(end), unix_seconds("2026-03-29T09:00:00Z"));

  icalproperty* organizer = icalcomponent_get_first_property(event, ICAL_ORGANIZER_PROPERTY);
  ASSERT_NE(organizer, nullptr);
  EXPECT_STREQ(icalproperty_get_organizer(organizer), "mailto:olivia@poblysh.example");

  int count = 0;
  for (icalproperty* p = icalcomponent_get_first_property(event, ICAL_ATTENDEE_PROPERTY); p != nullptr;
       p = icalcomponent_get_next_property(event, ICAL_ATTENDEE_PROPERTY), ++count) {
    const std::string address = icalproperty_get_attendee(p);
    const auto role = icalparameter_get_role(icalproperty_get_first_parameter(p, ICAL_ROLE_PARAMETER));
    const auto partstat = icalparameter_get_partstat(icalproperty_get_first_parameter(p, ICAL_PARTSTAT_PARAMETER));
    const auto rsvp = icalparameter_get_rsvp(icalproperty_get_first_parameter(p, ICAL_RSVP_PARAMETER));
    const std::string cn = icalparameter_get_cn(icalproperty_get_first_parameter(p, ICAL_CN_PARAMETER));
    if (address == "mailto:ana@acme.example") {
      EXPECT_EQ(role, ICAL_ROLE_REQPARTICIPANT);
      EXPECT_EQ(partstat, ICAL_PARTSTAT_NEEDSACTION);
      EXPECT_EQ(rsvp, ICAL_RSVP_TRUE);
      EXPECT_EQ(cn, "Ana The Founder");  // quotes cannot appear in a parameter value
    } else {
      EXPECT_EQ(address, "mailto:olivia@poblysh.example");
      EXPECT_EQ(role, ICAL_ROLE_CHAIR);
      EXPECT_EQ(partstat, ICAL_PARTSTAT_ACCEPTED);
      EXPECT_EQ(rsvp, ICAL_RSVP_FALSE);
    }
  }
  EXPECT_EQ(count, 2);
}

TEST(Ical, CancelKeepsTheUidAndMarksCancelled) {
  CalendarEvent event = sample();
  event.method = CalendarMethod::cancel;
  event.sequence = 4;
  auto ics = build_ics(event);
  ASSERT_TRUE(ics);
  Parsed calendar(icalparser_parse_string(ics->c_str()));
  ASSERT_TRUE(calendar);
  EXPECT_EQ(icalcomponent_get_method(calendar.get()), ICAL_METHOD_CANCEL);
  icalcomponent* vevent = icalcomponent_get_first_component(calendar.get(), ICAL_VEVENT_COMPONENT);
  EXPECT_STREQ(icalcomponent_get_uid(vevent), "interview-42@poblysh.example");
  EXPECT_EQ(icalcomponent_get_sequence(vevent), 4);
  EXPECT_EQ(icalcomponent_get_status(vevent), ICAL_STATUS_CANCELLED);
  EXPECT_STREQ(method_name(CalendarMethod::cancel), "CANCEL");
}

TEST(Ical, RejectsBrokenEvents) {
  CalendarEvent event = sample();
  event.end = event.start;
  EXPECT_EQ(build_ics(event).error().code, ErrorCode::invalid_input);
  event = sample();
  event.uid.clear();
  EXPECT_EQ(build_ics(event).error().code, ErrorCode::invalid_input);
  event = sample();
  event.attendees[1].person.email = "not an address";
  EXPECT_EQ(build_ics(event).error().code, ErrorCode::invalid_input);
}

}  // namespace
}  // namespace poblysh::notify
