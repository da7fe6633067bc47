#include "scheduling/booking_place.hpp"

#include <gtest/gtest.h>

namespace poblysh::scheduling {
namespace {

using domain::Place;
using domain::PlaceKind;

calcom::EventType type_with(std::vector<calcom::BookingLocation> locations) {
  calcom::EventType type;
  type.id = 7;
  type.locations = std::move(locations);
  return type;
}

const calcom::BookingLocation kVideo{"integration", "cal-video", {}, {}, {}};
const calcom::BookingLocation kOffice{"address", {}, "12 rue de la Paix, 75002 Paris", {}, {}};
const calcom::BookingLocation kLine{"phone", {}, {}, "+33 1 84 88 12 34", {}};

TEST(BookingPlace, TheTypesFirstAddressOrNumberIsTheDefault) {
  EXPECT_EQ(default_place(type_with({kOffice, kVideo})),
            (Place{PlaceKind::in_person, "12 rue de la Paix, 75002 Paris"}));
  EXPECT_EQ(default_place(type_with({kLine})), (Place{PlaceKind::phone, "+33 1 84 88 12 34"}));
  EXPECT_EQ(default_place(type_with({kVideo, kOffice})), Place{});
  EXPECT_EQ(default_place(type_with({})), Place{});
  // Cal.com's text is held to our rules: what they refuse is no default.
  EXPECT_EQ(default_place(type_with({{"address", {}, std::string(500, 'a'), {}, {}}})), Place{});
  EXPECT_EQ(default_place(type_with({{"phone", {}, {}, "ask reception", {}}})), Place{});
}

TEST(BookingPlace, TheOrganizersOwnPlaceIsNamedByItsType) {
  auto office =
      booking_location({PlaceKind::in_person, "12 rue de la Paix, 75002 Paris"}, type_with({kVideo, kOffice}));
  ASSERT_TRUE(office);
  EXPECT_EQ(office->type, "address");
  EXPECT_FALSE(office->address) << "Cal.com's organizer address takes no value";
  auto line = booking_location({PlaceKind::phone, "+33 1 84 88 12 34"}, type_with({kLine}));
  ASSERT_TRUE(line);
  EXPECT_EQ(line->type, "phone");
}

TEST(BookingPlace, AnotherPlaceGoesAsTheAttendeesWhenTheTypeTakesOne) {
  const Place elsewhere{PlaceKind::in_person, "5 quai de Valmy, 75010 Paris"};
  auto attendee = booking_location(elsewhere, type_with({kOffice, {"attendeeAddress", {}, {}, {}, {}}}));
  ASSERT_TRUE(attendee);
  EXPECT_EQ(attendee->type, "attendeeAddress");
  EXPECT_EQ(attendee->address, elsewhere.detail);
  auto phone =
      booking_location({PlaceKind::phone, "+49 30 1234567"}, type_with({kLine, {"attendeePhone", {}, {}, {}, {}}}));
  ASSERT_TRUE(phone);
  EXPECT_EQ(phone->type, "attendeePhone");
  EXPECT_EQ(phone->phone, "+49 30 1234567");
  auto defined = booking_location(elsewhere, type_with({kVideo, {"attendeeDefined", {}, {}, {}, {}}}));
  ASSERT_TRUE(defined);
  EXPECT_EQ(defined->type, "attendeeDefined");
  EXPECT_EQ(defined->location, elsewhere.detail);
}

TEST(BookingPlace, NothingWhenTheTypeCannotTakeIt) {
  EXPECT_FALSE(booking_location({PlaceKind::in_person, "5 quai de Valmy, 75010 Paris"}, type_with({kOffice})));
  EXPECT_FALSE(booking_location({PlaceKind::phone, "+49 30 1234567"}, type_with({kVideo, kOffice})));
  EXPECT_FALSE(booking_location(Place{}, type_with({kOffice, {"attendeeDefined", {}, {}, {}, {}}})));
}

}  // namespace
}  // namespace poblysh::scheduling
