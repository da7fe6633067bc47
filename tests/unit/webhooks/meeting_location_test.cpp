#include "webhooks/meeting_location.hpp"

#include <gtest/gtest.h>

#include <string>

namespace poblysh::webhooks {
namespace {

// The link a notice shows and the provider it names, checked together.
void expect_place(const MeetingPlace& place, const std::string& url, const std::string& provider) {
  EXPECT_EQ(place.url, url);
  EXPECT_EQ(place.provider, provider);
}

TEST(MeetingPlace, CalVideoFromMetadataAndDailyLocation) {
  expect_place(
      meeting_place("https://app.cal.com/video/abc", "https://daily.example/x", "daily_video", "integrations:daily"),
      "https://app.cal.com/video/abc", "Cal Video");
}

TEST(MeetingPlace, VideoCallDataWhenMetadataHasNoLink) {
  expect_place(meeting_place("", "https://meet.google.com/abc-defg-hij", "google_video", "integrations:google:meet"),
               "https://meet.google.com/abc-defg-hij", "Google Meet");
}

TEST(MeetingPlace, ZoomIntegration) {
  EXPECT_EQ(meeting_place("https://us02web.zoom.us/j/123", "", "", "integrations:zoom").provider, "Zoom");
  EXPECT_EQ(meeting_place("", "", "", "integrations:zoom").url, "");
}

TEST(MeetingPlace, PlainUrlLocation) {
  expect_place(meeting_place("", "", "", "https://meet.google.com/xyz-abcd-efg"),
               "https://meet.google.com/xyz-abcd-efg", "Google Meet");
  expect_place(meeting_place("", "", "", "https://video.example.org/room/7"), "https://video.example.org/room/7", "");
}

TEST(MeetingPlace, AddressesAreNotLinks) { expect_place(meeting_place("", "", "", "Main Street 1, Berlin"), "", ""); }

TEST(MeetingPlace, HostMatchingDoesNotTrustLookalikes) {
  EXPECT_EQ(meeting_place("", "", "", "https://zoom.us.evil.example/j/1").provider, "");
  EXPECT_EQ(meeting_place("", "", "", "https://notzoom.us/j/1").provider, "");
}

// A location that is an address or a phone number is the place; a link or an integration is not.
TEST(MeetingPlace, AnAddressOrPhoneLocationIsThePlace) {
  const auto address = meeting_place("", "", "", "12 rue de la Paix, 75002 Paris");
  EXPECT_EQ(address.place, (domain::Place{domain::PlaceKind::in_person, "12 rue de la Paix, 75002 Paris"}));
  EXPECT_EQ(address.url, "");
  EXPECT_EQ(meeting_place("", "", "", "+33 1 84 88 12 34").place,
            (domain::Place{domain::PlaceKind::phone, "+33 1 84 88 12 34"}));
  EXPECT_FALSE(meeting_place("https://app.cal.com/video/abc", "", "daily_video", "integrations:daily").place);
  EXPECT_FALSE(meeting_place("", "", "", "https://meet.poblysh.test/editorial").place);
  EXPECT_FALSE(meeting_place("", "", "", "").place);
  // Text no typed place could hold is no place either: the interview keeps the one it has.
  EXPECT_FALSE(meeting_place("", "", "", std::string(400, 'a')).place);
  EXPECT_FALSE(meeting_place("", "", "", "Room\x07 5").place);
}

}  // namespace
}  // namespace poblysh::webhooks
