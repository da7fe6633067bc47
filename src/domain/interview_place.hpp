// domain: where an interview happens — a video call (Cal.com's provider and link), an address
// to go to, or a phone number to call — and the rules such a place must pass.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace poblysh::domain {

enum class PlaceKind { video, in_person, phone };
const char* place_kind_name(PlaceKind kind);  // "video", "in_person", "phone"
std::optional<PlaceKind> parse_place_kind(std::string_view text);

// A video call keeps its provider and link on the interview (Cal.com chooses them at booking);
// the other kinds carry what people need to find each other.
struct Place {
  PlaceKind kind = PlaceKind::video;
  std::string detail;  // the address (in_person) or the number (phone); empty for a video call
  bool operator==(const Place&) const = default;
};

inline constexpr std::size_t kMaxAddressBytes = 300;
inline constexpr int kMaxAddressLines = 5;

// The place as people typed it, trimmed, or every problem named under "place.address" or
// "place.phone": an address is 3–300 characters on at most five lines, without other control
// characters; a phone number is digits with the signs people write them with (+ first, spaces,
// dashes, dots, brackets, slashes), 5–20 digits, at most 40 characters.
Result<Place> checked_place(PlaceKind kind, std::string_view detail);
// Whether `text` reads as a phone number by the rule above.
bool is_phone_number(std::string_view text);

// Cal.com's location text of a booking as an address or phone number; nothing for a link, a
// video integration ("integrations:…"), an empty one, or text that no rule above accepts.
std::optional<Place> place_from_calcom_location(std::string_view location);

// What LOCATION and the emails say: the address, the number, or else the meeting link.
std::string location_text(const Place& place, const std::string& meeting_url);
// How an email labels location_text: "Address", "Phone", or empty (a video call has its own).
std::string place_label(const Place& place);

}  // namespace poblysh::domain
