#include "notify/mime.hpp"

#include <gtest/gtest.h>

#include "core/time.hpp"
#include "iso_time.hpp"
#include "mime_reader.hpp"
#include "sample_notice.hpp"

namespace poblysh::notify {
namespace {

using testing::decode_header;
using testing::find_part;
using testing::header_parameter;
using testing::parse_mime;

using poblysh::testing::at;

MimeMessage sample() {
  MimeMessage message;
  message.from = testing::kSender;
  message.to = {{"Zoë Müller", "zoe@startup.example"}};
  message.subject = "Entretien confirmé : Café Zürich \xF0\x9F\x9A\x80 — a rather long subject line that needs folding";
  message.date = at("2026-03-29T01:30:00Z");
  message.message_id = "0123abcd@poblysh.example";
  message.text =
      "Hello Zoë,\nsee you at 10:00.\n" + std::string(200, 'x') + "\nLast line with = sign and trailing space \n";
  message.html = "<p>Hello Zo&euml;</p>\n<p>" + std::string(150, 'y') + "</p>\n";
  message.calendar = CalendarPart{"REQUEST", "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nSUMMARY:Café\r\nEND:VCALENDAR\r\n"};
  return message;
}

// Every line ends in CRLF (no bare CR or LF) and stays within RFC 5322's 78 characters.
void expect_wire_format(const std::string& text) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      ASSERT_GT(i, 0u);
      EXPECT_EQ(text[i - 1], '\r') << "bare LF at " << i;
      EXPECT_LE(i - 1 - start, 78u) << text.substr(start, i - start);
      start = i + 1;
    } else if (text[i] == '\r') {
      EXPECT_TRUE(i + 1 < text.size() && text[i + 1] == '\n') << "bare CR at " << i;
    }
  }
  EXPECT_EQ(start, text.size()) << "the message must end with CRLF";
}

TEST(Mime, RoundTripsHeadersAndEveryPart) {
  const MimeMessage message = sample();
  auto built = build_mime(message);
  ASSERT_TRUE(built) << built.error().message;
  expect_wire_format(*built);

  const auto root = parse_mime(*built);
  EXPECT_EQ(decode_header(root.header("Subject")), message.subject);
  EXPECT_EQ(decode_header(root.header("To")), "Zoë Müller <zoe@startup.example>");
  EXPECT_EQ(root.header("From"), "Poblysh Interviews <interviews@poblysh.example>");
  EXPECT_EQ(root.header("Date"), "Sun, 29 Mar 2026 01:30:00 +0000");
  EXPECT_EQ(root.header("Message-ID"), "<0123abcd@poblysh.example>");
  EXPECT_EQ(root.header("MIME-Version"), "1.0");
  EXPECT_EQ(root.content_type(), "multipart/mixed");

  const auto* text = find_part(root, "text/plain");
  const auto* html = find_part(root, "text/html");
  const auto* calendar = find_part(root, "text/calendar");
  const auto* attachment = find_part(root, "application/ics");
  ASSERT_TRUE(text && html && calendar && attachment);
  std::string expected_text;
  for (char c : message.text) expected_text += c == '\n' ? std::string("\r\n") : std::string(1, c);
  EXPECT_EQ(text->body, expected_text);
  EXPECT_EQ(header_parameter(text->header("Content-Type"), "charset"), "UTF-8");
  std::string expected_html;
  for (char c : message.html) expected_html += c == '\n' ? std::string("\r\n") : std::string(1, c);
  EXPECT_EQ(html->body, expected_html);
  EXPECT_EQ(header_parameter(calendar->header("Content-Type"), "method"), "REQUEST");
  EXPECT_EQ(calendar->body, message.calendar->ics);
  EXPECT_EQ(attachment->body, message.calendar->ics);
  EXPECT_NE(attachment->header("Content-Disposition").find("attachment"), std::string::npos);
}

TEST(Mime, WithoutCalendarIsJustAlternative) {
  MimeMessage message = sample();
  message.calendar.reset();
  auto built = build_mime(message);
  ASSERT_TRUE(built);
  const auto root = parse_mime(*built);
  EXPECT_EQ(root.content_type(), "multipart/alternative");
  EXPECT_EQ(root.parts.size(), 2u);
  EXPECT_EQ(find_part(root, "text/calendar"), nullptr);
}

TEST(Mime, HeaderInjectionIsNeutralised) {
  MimeMessage message = sample();
  message.subject = "Hello\r\nBcc: victim@evil.example";
  message.from.name = "Eve\r\nBcc: other@evil.example";
  auto built = build_mime(message);
  ASSERT_TRUE(built);
  EXPECT_EQ(built->find("\r\nBcc:"), std::string::npos);
  EXPECT_EQ(parse_mime(*built).header("Bcc"), "");
}

TEST(Mime, RejectsUnusableAddressesAndIds) {
  for (const char* bad : {"no-at-sign", "a b@example.org", "a@b@example.org", "x@example.org>\r\nRCPT TO:<y@z.org",
                          "@example.org", "user@", "user@.example.org", "<a@b.org>"}) {
    EXPECT_FALSE(is_valid_address(bad)) << bad;
    MimeMessage message = sample();
    message.to = {{"", bad}};
    auto built = build_mime(message);
    ASSERT_FALSE(built) << bad;
    EXPECT_EQ(built.error().code, ErrorCode::invalid_input);
  }
  MimeMessage message = sample();
  message.message_id = "has space@x";
  EXPECT_FALSE(build_mime(message));
  message = sample();
  message.to.clear();
  EXPECT_FALSE(build_mime(message));
}

TEST(Mime, ParsesMailboxes) {
  auto plain = parse_mailbox("interviews@poblysh.example");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->name, "");
  EXPECT_EQ(plain->address, "interviews@poblysh.example");
  auto named = parse_mailbox(" Poblysh Interviews <interviews@poblysh.example> ");
  ASSERT_TRUE(named);
  EXPECT_EQ(named->name, "Poblysh Interviews");
  EXPECT_EQ(named->address, "interviews@poblysh.example");
  auto quoted = parse_mailbox(R"("Doe, Jane \"JD\"" <jane@example.org>)");
  ASSERT_TRUE(quoted);
  EXPECT_EQ(quoted->name, R"(Doe, Jane "JD")");
  EXPECT_EQ(format_mailbox(*quoted), R"("Doe, Jane \"JD\"" <jane@example.org>)");
  EXPECT_FALSE(parse_mailbox("Name <jane@example.org"));
  EXPECT_FALSE(parse_mailbox("Name <not an address>"));
}

TEST(Mime, HeaderTextStaysPlainWhenItCan) {
  EXPECT_EQ(encode_header_text("Interview confirmed", 9), "Interview confirmed");
  const std::string folded = encode_header_text(std::string(50, 'a') + " " + std::string(40, 'b'), 9);
  EXPECT_EQ(folded, std::string(50, 'a') + "\r\n " + std::string(40, 'b'));
  // Text that looks like an encoded word must be encoded, or readers would decode it.
  EXPECT_TRUE(encode_header_text("=?UTF-8?B?aGk=?=", 9).starts_with("=?UTF-8?B?"));
  const std::string encoded = encode_header_text(std::string(30, 'x') + "é" + std::string(30, 'y'), 9);
  EXPECT_TRUE(encoded.starts_with("=?UTF-8?B?"));
  EXPECT_EQ(decode_header(encoded), std::string(30, 'x') + "é" + std::string(30, 'y'));
}

TEST(Mime, EncodedWordsNeverSplitACharacter) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "\xE2\x82\xAC";  // € is three bytes
  const std::string encoded = encode_header_text(text, 9);
  std::size_t words = 0;
  for (std::size_t at = encoded.find("=?"); at != std::string::npos; at = encoded.find("=?", at + 2)) {
    const auto end = encoded.find("?=", at + 10);
    const std::string raw = testing::decode_base64(encoded.substr(at + 10, end - at - 10));
    EXPECT_EQ(raw.size() % 3, 0u) << "word " << words << " splits a character";
    ++words;
  }
  EXPECT_GT(words, 1u);
  EXPECT_EQ(decode_header(encoded), text);
}

TEST(Mime, QuotedPrintableRules) {
  EXPECT_EQ(quoted_printable("a=b"), "a=3Db");
  EXPECT_EQ(quoted_printable("trailing \nnext"), "trailing=20\r\nnext");
  EXPECT_EQ(quoted_printable("tab\t"), "tab=09");
  EXPECT_EQ(quoted_printable("é"), "=C3=A9");
  const std::string long_line(200, 'z');
  const std::string encoded = quoted_printable(long_line);
  EXPECT_NE(encoded.find("=\r\n"), std::string::npos);
  for (std::size_t start = 0, end; start < encoded.size(); start = end + 2) {
    end = encoded.find("\r\n", start);
    if (end == std::string::npos) end = encoded.size();
    EXPECT_LE(end - start, 76u);
  }
  EXPECT_EQ(testing::decode_quoted_printable(encoded), long_line);
  // An escape is never cut by a soft break.
  const std::string accents = quoted_printable(std::string(30, 'a') + std::string(20, '=') + "é");
  EXPECT_EQ(testing::decode_quoted_printable(accents), std::string(30, 'a') + std::string(20, '=') + "é");
}

TEST(Mime, Base64LinesAndDates) {
  EXPECT_EQ(base64_lines("Man"), "TWFu\r\n");
  EXPECT_EQ(base64_lines("Ma"), "TWE=\r\n");
  EXPECT_EQ(base64_lines("M"), "TQ==\r\n");
  const std::string lines = base64_lines(std::string(100, 'q'));
  EXPECT_EQ(lines.find("\r\n"), 76u);
  EXPECT_EQ(rfc5322_date(at("2026-01-05T23:59:07Z")), "Mon, 05 Jan 2026 23:59:07 +0000");
}

}  // namespace
}  // namespace poblysh::notify
