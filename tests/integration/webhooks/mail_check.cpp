#include "mail_check.hpp"

#include <libical/ical.h>

#include <memory>
#include <stdexcept>

#include "mime_reader.hpp"

namespace poblysh::testing {
namespace {

struct Free {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};

}  // namespace

long long unix_seconds(const std::string& iso) {
  icaltimetype time = icaltime_from_string(iso.substr(0, 19).c_str());
  time.zone = icaltimezone_get_utc_timezone();
  return static_cast<long long>(icaltime_as_timet(time));
}

std::vector<Invitation> invitations(const std::vector<notify::testing::ReceivedMessage>& messages) {
  std::vector<Invitation> out;
  for (const auto& message : messages) {
    const auto root = notify::testing::parse_mime(message.data);
    const auto* calendar = notify::testing::find_part(root, "text/calendar");
    const auto* text = notify::testing::find_part(root, "text/plain");
    if (!text) throw std::runtime_error("message without a text part");
    Invitation invitation;
    invitation.recipient = message.recipients.empty() ? "" : message.recipients.front();
    invitation.to = root.header("to");
    invitation.subject = notify::testing::decode_header(root.header("subject"));
    invitation.text = text->body;
    // A scheduling link's email has no meeting yet, so no calendar part: method stays empty.
    if (!calendar) {
      out.push_back(std::move(invitation));
      continue;
    }
    std::unique_ptr<icalcomponent, Free> parsed(icalparser_parse_string(calendar->body.c_str()));
    if (!parsed) throw std::runtime_error("unparsable iCalendar");
    icalcomponent* event = icalcomponent_get_first_component(parsed.get(), ICAL_VEVENT_COMPONENT);
    if (!event) throw std::runtime_error("iCalendar without VEVENT");
    invitation.method = icalproperty_method_to_string(icalcomponent_get_method(parsed.get()));
    invitation.uid = icalcomponent_get_uid(event);
    invitation.sequence = icalcomponent_get_sequence(event);
    if (const char* location = icalcomponent_get_location(event)) invitation.location = location;
    invitation.start = static_cast<long long>(icaltime_as_timet(icalcomponent_get_dtstart(event)));
    invitation.end = static_cast<long long>(icaltime_as_timet(icalcomponent_get_dtend(event)));
    out.push_back(std::move(invitation));
  }
  return out;
}

}  // namespace poblysh::testing
