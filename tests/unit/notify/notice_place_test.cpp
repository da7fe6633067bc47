// An interview's place in its emails: the address or number is the invitation's LOCATION (escaped
// as RFC 5545 says), a line of the email, and survives the outbox's JSON.
#include <gtest/gtest.h>
#include <libical/ical.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "iso_time.hpp"
#include "notify/notice.hpp"
#include "notify/notice_json.hpp"
#include "sample_notice.hpp"

namespace poblysh::notify {
namespace {

using poblysh::testing::at;

struct Free {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};

const std::string kAddress = "Poblysh, 12 rue de la Paix; 2nd floor\n75002 Paris";

InterviewNotice in_person(NoticeKind kind = NoticeKind::created) {
  InterviewNotice notice = testing::sample_notice();
  notice.kind = kind;
  notice.place = kAddress;
  notice.place_label = "Address";
  return notice;
}

std::string location_of(const std::string& ics) {
  std::unique_ptr<icalcomponent, Free> calendar(icalparser_parse_string(ics.c_str()));
  if (!calendar) return "(unparsed)";
  icalcomponent* event = icalcomponent_get_first_component(calendar.get(), ICAL_VEVENT_COMPONENT);
  const char* location = event ? icalcomponent_get_location(event) : nullptr;
  return location ? location : "";
}

// The ICS text with its folded lines joined again (RFC 5545 3.1).
std::string unfolded(std::string ics) {
  for (auto at_fold = ics.find("\r\n "); at_fold != std::string::npos; at_fold = ics.find("\r\n ")) {
    ics.erase(at_fold, 3);
  }
  return ics;
}

TEST(NoticePlace, TheAddressIsTheLocationEscapedAndALineOfTheEmail) {
  auto rendered = render_notice(in_person(), at("2026-03-01T00:00:00Z"));
  ASSERT_TRUE(rendered) << rendered.error().message;
  EXPECT_EQ(location_of(rendered->ics), kAddress);
  EXPECT_NE(unfolded(rendered->ics).find("LOCATION:Poblysh\\, 12 rue de la Paix\\; 2nd floor\\n75002 Paris\r\n"),
            std::string::npos)
      << rendered->ics;
  EXPECT_EQ(rendered->ics.find("URL:"), std::string::npos) << "a link would contradict the address";
  EXPECT_NE(rendered->text.find("Address"), std::string::npos);
  EXPECT_NE(rendered->text.find("12 rue de la Paix; 2nd floor"), std::string::npos);
  EXPECT_EQ(rendered->text.find("Join the meeting"), std::string::npos);
  EXPECT_NE(rendered->html.find("75002 Paris"), std::string::npos);
}

TEST(NoticePlace, APhoneNumberIsTheLocation) {
  InterviewNotice notice = testing::sample_notice();
  notice.kind = NoticeKind::created;
  notice.place = "+33 1 84 88 12 34";
  notice.place_label = "Phone";
  auto rendered = render_notice(notice, at("2026-03-01T00:00:00Z"));
  ASSERT_TRUE(rendered);
  EXPECT_EQ(location_of(rendered->ics), "+33 1 84 88 12 34");
  EXPECT_NE(rendered->text.find("Phone"), std::string::npos);
}

TEST(NoticePlace, ACancellationKeepsTheLocation) {
  auto rendered = render_notice(in_person(NoticeKind::cancelled), at("2026-03-01T00:00:00Z"));
  ASSERT_TRUE(rendered);
  EXPECT_EQ(rendered->method, CalendarMethod::cancel);
  EXPECT_EQ(location_of(rendered->ics), kAddress);
}

TEST(NoticePlace, AVideoCallsLocationIsItsLink) {
  InterviewNotice notice = testing::sample_notice();
  notice.kind = NoticeKind::created;
  auto rendered = render_notice(notice, at("2026-03-01T00:00:00Z"));
  ASSERT_TRUE(rendered);
  EXPECT_EQ(location_of(rendered->ics), "https://cal.example/video/abc");
}

TEST(NoticePlace, ThePlaceSurvivesTheOutboxAndOlderNoticesHaveNone) {
  QueuedNotice queued{testing::kSender, in_person()};
  auto back = notice_from_json(notice_to_json(queued));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->notice.place, kAddress);
  EXPECT_EQ(back->notice.place_label, "Address");

  auto older = nlohmann::json::parse(notice_to_json(queued));
  older.erase("place");
  older.erase("place_label");
  auto read = notice_from_json(older.dump());
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->notice.place, "");
}

}  // namespace
}  // namespace poblysh::notify
