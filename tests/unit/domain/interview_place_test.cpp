#include "domain/interview_place.hpp"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>

namespace poblysh::domain {
namespace {

bool refused(const Result<Place>& place, const std::string& field) {
  return !place && place.error().code == ErrorCode::invalid_input && place.error().fields.contains(field);
}

TEST(InterviewPlace, KindsHaveNamesBothWays) {
  for (auto kind : {PlaceKind::video, PlaceKind::in_person, PlaceKind::phone}) {
    EXPECT_EQ(parse_place_kind(place_kind_name(kind)), kind);
  }
  EXPECT_FALSE(parse_place_kind("In_Person").has_value());
  EXPECT_FALSE(parse_place_kind("").has_value());
}

TEST(InterviewPlace, AnAddressIsTrimmedAndMayHaveLines) {
  auto place = checked_place(PlaceKind::in_person, "  12 rue de la Paix\r\n75002 Paris  ");
  ASSERT_TRUE(place) << place.error().message;
  EXPECT_EQ(place->kind, PlaceKind::in_person);
  EXPECT_EQ(place->detail, "12 rue de la Paix\n75002 Paris");
}

TEST(InterviewPlace, AnAddressOutsideItsBoundsIsRefused) {
  EXPECT_TRUE(refused(checked_place(PlaceKind::in_person, ""), "place.address"));
  EXPECT_TRUE(refused(checked_place(PlaceKind::in_person, "   "), "place.address"));
  EXPECT_TRUE(refused(checked_place(PlaceKind::in_person, "ab"), "place.address"));
  EXPECT_TRUE(checked_place(PlaceKind::in_person, std::string(kMaxAddressBytes, 'a')));
  EXPECT_TRUE(refused(checked_place(PlaceKind::in_person, std::string(kMaxAddressBytes + 1, 'a')), "place.address"));
  EXPECT_TRUE(refused(checked_place(PlaceKind::in_person, "a\nb\nc\nd\ne\nf"), "place.address"));
  EXPECT_TRUE(checked_place(PlaceKind::in_person, "a\nb\nc\nd\ne"));
}

TEST(InterviewPlace, AnAddressWithControlCharactersIsRefused) {
  for (const std::string& bad : {std::string("12 rue\0 Paix", 12), std::string("12 rue\x1b[31m"),
                                 std::string("12\true de la Paix"), std::string("12 rue\x7f")}) {
    EXPECT_TRUE(refused(checked_place(PlaceKind::in_person, bad), "place.address")) << bad;
  }
}

TEST(InterviewPlace, APhoneNumberHasPlausibleCharacters) {
  for (const std::string& good : std::initializer_list<std::string>{"+33 1 84 88 12 34", "(415) 555-0100",
                                                                    "030/1234567", "12345", "+1.415.555.0100"}) {
    auto place = checked_place(PlaceKind::phone, good);
    ASSERT_TRUE(place) << good;
    EXPECT_EQ(place->detail, good);
  }
  for (const std::string& bad : std::initializer_list<std::string>{
           "", "1234", "call me", "+33 1 84 88 12 34 ext. 5", "33+1234567", "123456789012345678901", "+33\n184881234",
           std::string(41, '1'), "tel:+3318488"}) {
    EXPECT_TRUE(refused(checked_place(PlaceKind::phone, bad), "place.phone")) << bad;
  }
}

TEST(InterviewPlace, AVideoCallTakesNoDetail) {
  auto video = checked_place(PlaceKind::video, "");
  ASSERT_TRUE(video);
  EXPECT_EQ(*video, Place{});
  EXPECT_TRUE(refused(checked_place(PlaceKind::video, "12 rue de la Paix"), "place"));
}

TEST(InterviewPlace, CalcomLocationsThatAreAPlace) {
  EXPECT_EQ(place_from_calcom_location("12 rue de la Paix, 75002 Paris"),
            (Place{PlaceKind::in_person, "12 rue de la Paix, 75002 Paris"}));
  EXPECT_EQ(place_from_calcom_location(" +33 1 84 88 12 34 "), (Place{PlaceKind::phone, "+33 1 84 88 12 34"}));
  EXPECT_FALSE(place_from_calcom_location("integrations:daily"));
  EXPECT_FALSE(place_from_calcom_location("integrations:google:meet"));
  EXPECT_FALSE(place_from_calcom_location("https://meet.google.com/abc-defg-hij"));
  EXPECT_FALSE(place_from_calcom_location(""));
  EXPECT_FALSE(place_from_calcom_location(std::string(kMaxAddressBytes + 1, 'a')));
  EXPECT_FALSE(place_from_calcom_location("Office\x01 7"));
}

TEST(InterviewPlace, LocationTextIsThePlaceElseTheLink) {
  const std::string link = "https://app.cal.com/video/abc";
  EXPECT_EQ(location_text(Place{}, link), link);
  EXPECT_EQ(location_text(Place{PlaceKind::in_person, "12 rue de la Paix"}, link), "12 rue de la Paix");
  EXPECT_EQ(location_text(Place{PlaceKind::phone, "+33 1 84 88 12 34"}, ""), "+33 1 84 88 12 34");
  EXPECT_EQ(place_label(Place{PlaceKind::in_person, "x"}), "Address");
  EXPECT_EQ(place_label(Place{PlaceKind::phone, "12345"}), "Phone");
  EXPECT_EQ(place_label(Place{}), "");
}

}  // namespace
}  // namespace poblysh::domain
