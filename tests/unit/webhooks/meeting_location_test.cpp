#include "webhooks/meeting_location.hpp"

#include <gtest/gtest.h>

namespace poblysh::webhooks {
namespace {

TEST(MeetingPlace, CalVideoFromMetadataAndDailyLocation) {
  auto place = meeting_place("https://app.cal.com/video/abc", "https://daily.example/x", "daily_video", "integrations:daily");
  EXPECT_EQ(place.url, "https://app.cal.com/video/abc");
  EXPECT_EQ(place.provider, "Cal Video");
}

TEST(MeetingPlace, VideoCallDataWhenMetadataHasNoLink) {
  auto place = meeting_place("", "https://meet.google.com/abc-defg-hij", "google_video", "integrations:google:meet");
  EXPECT_EQ(place.url, "https://meet.google.com/abc-defg-hij");
  EXPECT_EQ(place.provider, "Google Meet");
}

TEST(MeetingPlace, ZoomIntegration) {
  EXPECT_EQ(meeting_place("https://us02web.zoom.us/j/123", "", "", "integrations:zoom").provider, "Zoom");
  EXPECT_EQ(meeting_place("", "", "", "integrations:zoom").url, "");
}

TEST(MeetingPlace, PlainUrlLocation) {
  auto place = meeting_place("", "", "", "https://meet.google.com/xyz-abcd-efg");
  EXPECT_EQ(place.url, "https://meet.google.com/xyz-abcd-efg");
  EXPECT_EQ(place.provider, "Google Meet");
  auto other = meeting_place("", "", "", "https://video.example.org/room/7");
  EXPECT_EQ(other.url, "https://video.example.org/room/7");
  EXPECT_EQ(other.provider, "");
}

TEST(MeetingPlace, AddressesAreNotLinks) {
  auto place = meeting_place("", "", "", "Main Street 1, Berlin");
  EXPECT_EQ(place.url, "");
  EXPECT_EQ(place.provider, "");
}

TEST(MeetingPlace, HostMatchingDoesNotTrustLookalikes) {
  EXPECT_EQ(meeting_place("", "", "", "https://zoom.us.evil.example/j/1").provider, "");
  EXPECT_EQ(meeting_place("", "", "", "https://notzoom.us/j/1").provider, "");
}

}  // namespace
}  // namespace poblysh::webhooks
