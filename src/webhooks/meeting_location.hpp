// webhooks: where an interview takes place, read from the ways Cal.com reports it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/interview_place.hpp"

namespace poblysh::webhooks {

struct MeetingPlace {
  std::string url;       // empty when Cal.com did not give a joinable link
  std::string provider;  // "Cal Video", "Google Meet", "Zoom", "Microsoft Teams", or empty
  // A location that is an address or a phone number (not a link or a video integration).
  std::optional<domain::Place> place;
};

// The link comes from metadata.videoCallUrl, else videoCallData.url, else a location that is a
// web URL. The provider comes from the location ("integrations:daily" → "Cal Video"), else the
// video call type, else the link's host. The place comes from a location that is neither.
MeetingPlace meeting_place(std::string_view video_call_url, std::string_view video_call_data_url,
                           std::string_view video_call_type, std::string_view location);

}  // namespace poblysh::webhooks
