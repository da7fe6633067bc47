// tests/webhooks: what the SMTP sink received, decoded the way a mail client would read it.
#pragma once

#include <string>
#include <vector>

#include "smtp_sink.hpp"

namespace poblysh::testing {

struct Invitation {
  std::string recipient;  // the envelope recipient
  std::string to;         // the To header
  std::string subject;    // decoded
  std::string text;       // the plain-text part
  std::string method;     // "REQUEST", "CANCEL" (from the parsed iCalendar)
  std::string uid;
  std::string location;  // LOCATION, unescaped
  int sequence = -1;
  long long start = 0;  // Unix seconds (UTC) of DTSTART / DTEND
  long long end = 0;
};

// Parses every message; throws if one has no text part. Each email about a meeting has a
// text/calendar part too; a scheduling link's (no meeting yet) has none: its method is empty.
std::vector<Invitation> invitations(const std::vector<notify::testing::ReceivedMessage>& messages);
long long unix_seconds(const std::string& iso);

}  // namespace poblysh::testing
