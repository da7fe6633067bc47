#include "webhooks/meeting_location.hpp"

#include <array>
#include <utility>

namespace poblysh::webhooks {
namespace {

bool is_web_url(std::string_view text) { return text.starts_with("https://") || text.starts_with("http://"); }

std::string_view host_of(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  auto rest = url.substr(scheme + 3);
  return rest.substr(0, rest.find_first_of("/?#:"));
}

bool host_is(std::string_view host, std::string_view domain) {
  return host == domain || (host.size() > domain.size() && host.ends_with(domain) &&
                            host[host.size() - domain.size() - 1] == '.');
}

std::string provider_from_location(std::string_view location) {
  // Cal.com's stored location values for its video integrations.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kIntegrations{{
      {"integrations:daily", "Cal Video"},
      {"integrations:google:meet", "Google Meet"},
      {"integrations:zoom", "Zoom"},
      {"integrations:office365_video", "Microsoft Teams"},
      {"integrations:whereby_video", "Whereby"},
      {"integrations:jitsi", "Jitsi"},
  }};
  for (const auto& [value, name] : kIntegrations) {
    if (location == value) return std::string(name);
  }
  return {};
}

std::string provider_from_type(std::string_view type) {
  if (type == "daily_video") return "Cal Video";
  if (type == "google_video") return "Google Meet";
  if (type == "zoom_video") return "Zoom";
  if (type == "office365_video") return "Microsoft Teams";
  return {};
}

std::string provider_from_url(std::string_view url) {
  const auto host = host_of(url);
  if (host_is(host, "meet.google.com")) return "Google Meet";
  if (host_is(host, "zoom.us")) return "Zoom";
  if (host_is(host, "teams.microsoft.com") || host_is(host, "teams.live.com")) return "Microsoft Teams";
  if (host_is(host, "daily.co") || (host_is(host, "cal.com") && url.find("/video/") != std::string_view::npos)) {
    return "Cal Video";
  }
  return {};
}

}  // namespace

MeetingPlace meeting_place(std::string_view video_call_url, std::string_view video_call_data_url,
                           std::string_view video_call_type, std::string_view location) {
  MeetingPlace place;
  if (is_web_url(video_call_url)) place.url = video_call_url;
  else if (is_web_url(video_call_data_url)) place.url = video_call_data_url;
  else if (is_web_url(location)) place.url = location;
  place.provider = provider_from_location(location);
  if (place.provider.empty()) place.provider = provider_from_type(video_call_type);
  if (place.provider.empty() && !place.url.empty()) place.provider = provider_from_url(place.url);
  place.place = domain::place_from_calcom_location(location);
  return place;
}

}  // namespace poblysh::webhooks
