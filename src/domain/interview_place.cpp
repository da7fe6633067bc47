#include "domain/interview_place.hpp"

#include <algorithm>

#include "core/enum_names.hpp"
#include "domain/validation.hpp"

namespace poblysh::domain {
namespace {

constexpr std::size_t kMinAddressBytes = 3;
constexpr std::size_t kMaxPhoneBytes = 40;
constexpr int kMinPhoneDigits = 5;
constexpr int kMaxPhoneDigits = 20;

constexpr EnumName<PlaceKind> kPlaceKindNames[] = {
    {PlaceKind::video, "video"}, {PlaceKind::in_person, "in_person"}, {PlaceKind::phone, "phone"}};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

const char* place_kind_name(PlaceKind kind) { return name_in(kPlaceKindNames, kind, "video"); }

std::optional<PlaceKind> parse_place_kind(std::string_view text) { return value_in(kPlaceKindNames, text); }

bool is_phone_number(std::string_view text) {
  if (text.empty() || text.size() > kMaxPhoneBytes) return false;
  int digits = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (is_digit(c)) {
      ++digits;
    } else if (c == '+') {
      if (i != 0) return false;  // a country code's sign comes first, once
    } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '/') {
      return false;
    }
  }
  return digits >= kMinPhoneDigits && digits <= kMaxPhoneDigits;
}

Result<Place> checked_place(PlaceKind kind, std::string_view detail_in) {
  const std::string detail = trimmed(detail_in);
  switch (kind) {
    case PlaceKind::video:
      if (!detail.empty()) return invalid_field("place", "a video call takes no address or number");
      return Place{};
    case PlaceKind::in_person: {
      FieldErrors errors;
      errors.require_text("place.address", detail, kMaxAddressBytes, Lines::many);
      if (errors.empty() && detail.size() < kMinAddressBytes)
        errors.add("place.address", "is too short for an address");
      if (errors.empty() && detail.find('\t') != std::string::npos) {
        errors.add("place.address", "must not contain tabs");
      }
      if (errors.empty() && std::count(detail.begin(), detail.end(), '\n') >= kMaxAddressLines) {
        errors.add("place.address", "must be at most " + std::to_string(kMaxAddressLines) + " lines");
      }
      RETURN_IF_ERROR(errors.result());
      // Line ends as one character: a pasted "\r\n" would reach a calendar file as two breaks.
      std::string address;
      for (char c : detail) {
        if (c != '\r') address += c;
      }
      return Place{PlaceKind::in_person, std::move(address)};
    }
    case PlaceKind::phone:
      if (detail.empty()) return invalid_field("place.phone", "is required");
      if (!is_phone_number(detail)) {
        return invalid_field("place.phone", "must be a phone number such as +33 1 84 88 12 34 (5–20 digits)");
      }
      return Place{PlaceKind::phone, detail};
  }
  return Place{};
}

std::optional<Place> place_from_calcom_location(std::string_view location) {
  const std::string text = trimmed(location);
  if (text.empty() || text.starts_with("integrations:") || text.find("://") != std::string::npos) return std::nullopt;
  if (is_phone_number(text)) return Place{PlaceKind::phone, text};
  auto address = checked_place(PlaceKind::in_person, text);
  if (!address) return std::nullopt;
  return *address;
}

std::string location_text(const Place& place, const std::string& meeting_url) {
  return place.kind == PlaceKind::video ? meeting_url : place.detail;
}

std::string place_label(const Place& place) {
  switch (place.kind) {
    case PlaceKind::in_person: return "Address";
    case PlaceKind::phone: return "Phone";
    case PlaceKind::video: break;
  }
  return "";
}

}  // namespace poblysh::domain
