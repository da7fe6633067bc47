// notify: MIME composition of one email (RFC 5322/2045/2047), pure so it can be unit-tested.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace poblysh::notify {

struct Mailbox {
  std::string name;     // display name, may be empty or non-ASCII
  std::string address;  // ASCII addr-spec; we do not send SMTPUTF8 mail
};

// Accepts "Name <a@b.example>", "\"Name, Jr\" <a@b.example>" and "a@b.example".
Result<Mailbox> parse_mailbox(std::string_view text);

// An addr-spec we are willing to put in a header and in RCPT TO: one '@', no spaces, no
// control characters or specials that would allow header or SMTP command injection.
bool is_valid_address(std::string_view address);

// An iCalendar object sent both inline (text/calendar, so mail clients show RSVP buttons)
// and as an .ics attachment (for clients that only import files).
struct CalendarPart {
  std::string method;  // "REQUEST" or "CANCEL"; repeated in the Content-Type as RFC 6047 asks
  std::string ics;
};

struct MimeMessage {
  Mailbox from;
  std::vector<Mailbox> to;
  std::string subject;
  SystemTime date;
  std::string message_id;  // without angle brackets, e.g. "3f2a…@poblysh.example"
  std::string text;        // plain-text body, UTF-8, any line endings
  std::string html;        // HTML body, UTF-8
  std::optional<CalendarPart> calendar;
};

// The full message with CRLF line endings and no line over 78 characters, ready for SMTP DATA
// (dot-stuffing is left to the SMTP client). Fails when an address is unusable.
Result<std::string> build_mime(const MimeMessage& message);

// Building blocks, exposed for tests.
// A header value; RFC 2047 "B" encoded words when it is not plain ASCII. `used` is how much of
// the first line the header name already takes ("Subject: " = 9).
std::string encode_header_text(std::string_view text, std::size_t used);
std::string format_mailbox(const Mailbox& mailbox);
std::string quoted_printable(std::string_view text);  // hard line breaks become CRLF
std::string base64_lines(std::string_view data);      // 76-character lines, CRLF
std::string rfc5322_date(SystemTime time);            // "Sun, 29 Mar 2026 01:30:00 +0000"

}  // namespace poblysh::notify
