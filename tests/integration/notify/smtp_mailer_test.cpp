#include "notify/smtp_mailer.hpp"

#include <gtest/gtest.h>
#include <libical/ical.h>

#include <fstream>

#include "manual_clock.hpp"
#include "mime_reader.hpp"
#include "notify/notifier.hpp"
#include "parsed_ics.hpp"
#include "sample_notice.hpp"
#include "smtp_sink.hpp"

namespace poblysh::notify {
namespace {

using namespace poblysh::notify::testing;
using poblysh::testing::ManualClock;

SmtpMailer mailer_for(const std::string& url, const std::string& ca_file = {}) {
  auto endpoint = parse_smtp_url(url);
  if (!endpoint) throw std::runtime_error("bad test URL");
  SmtpOptions options;
  options.envelope_from = "bounces@poblysh.example";
  options.connect_timeout = std::chrono::seconds(5);
  options.total_timeout = std::chrono::seconds(15);
  options.ca_file = ca_file;
  return SmtpMailer(*endpoint, options);
}

std::string compose(const InterviewNotice& notice) {
  ManualClock clock(*parse_iso8601("2026-03-01T10:00:00Z"));
  store::OutboxRepo unused;
  Notifier notifier(unused, clock, {kSender, false});
  auto body = notifier.compose(notice);
  if (!body) throw std::runtime_error(body.error().message);
  return *body;
}

std::string url_for(const SmtpSink& sink, const std::string& scheme = "smtp", const std::string& user_info = "") {
  return scheme + "://" + user_info + "127.0.0.1:" + std::to_string(sink.port());
}

TEST(SmtpMailer, DeliversTheComposedNoticeIntact) {
  SmtpSink sink;
  auto mailer = mailer_for(url_for(sink));
  const InterviewNotice notice = sample_notice();
  ASSERT_TRUE(mailer.send({{"ana@acme.example"}, compose(notice)}));

  const auto received = sink.wait_for(1);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].mail_from, "bounces@poblysh.example");
  EXPECT_EQ(received[0].recipients, std::vector<std::string>{"ana@acme.example"});
  const auto root = parse_mime(received[0].data);
  EXPECT_EQ(decode_header(root.header("Subject")),
            "Interview rescheduled: Intro with Acme — Zürich team – Sun 29 Mar 2026 04:00 EDT");
  EXPECT_EQ(decode_header(root.header("To")), "Ana Founder <ana@acme.example>");
  const auto* text = find_part(root, "text/plain");
  const auto* html = find_part(root, "text/html");
  const auto* calendar = find_part(root, "text/calendar");
  ASSERT_TRUE(text && html && calendar);
  EXPECT_NE(text->body.find("10:00\u201311:00 CEST (Europe/Berlin)"), std::string::npos);
  EXPECT_NE(html->body.find("<a href=\"https://cal.example/video/abc\">"), std::string::npos);
  EXPECT_EQ(header_parameter(calendar->header("Content-Type"), "method"), "REQUEST");

  const poblysh::testing::ParsedIcs ics(calendar->body);
  ASSERT_TRUE(ics.parsed());
  EXPECT_EQ(ics.method(), ICAL_METHOD_REQUEST);
  icalcomponent* event = ics.event();
  ASSERT_NE(event, nullptr);
  EXPECT_STREQ(icalcomponent_get_uid(event), "interview-7@poblysh.example");
  EXPECT_EQ(icalcomponent_get_sequence(event), 2);
}

TEST(SmtpMailer, LinesStartingWithADotSurviveTransfer) {
  SmtpSink sink;
  auto mailer = mailer_for(url_for(sink));
  const std::string data =
      "From: a@poblysh.example\r\nTo: b@acme.example\r\nSubject: dots\r\n\r\n.\r\n..two\r\nend\r\n";
  ASSERT_TRUE(mailer.send({{"b@acme.example"}, data}));
  const auto received = sink.wait_for(1);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].data, data);
}

TEST(SmtpMailer, AuthenticatesWithDecodedCredentials) {
  SmtpSink sink({.auth = "relay@user:p@ss:word"});
  auto good = mailer_for(url_for(sink, "smtp+insecure", "relay%40user:p%40ss%3Aword@"));
  ASSERT_TRUE(good.send({{"ana@acme.example"}, compose(sample_notice())}));
  const auto received = sink.wait_for(1);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].login, "relay@user");

  auto bad = mailer_for(url_for(sink, "smtp+insecure", "relay%40user:wrong-secret@"));
  auto refused = bad.send({{"ana@acme.example"}, compose(sample_notice())});
  ASSERT_FALSE(refused);
  // Bad credentials are our configuration, not the message: retry later, do not bury it.
  EXPECT_EQ(refused.error().code, ErrorCode::upstream_unavailable);
  EXPECT_EQ(refused.error().internal.find("wrong-secret"), std::string::npos);
  EXPECT_EQ(refused.error().message.find("wrong-secret"), std::string::npos);
  EXPECT_NE(refused.error().internal.find("127.0.0.1:" + std::to_string(sink.port())), std::string::npos);
}

TEST(SmtpMailer, TemporaryAndPermanentRefusals) {
  TempDir dir;
  const auto marker = dir.path() / "refuse";
  std::ofstream(marker) << "on";
  SmtpSink temporary({.refuse_while = marker, .refuse_code = 451});
  auto later = mailer_for(url_for(temporary)).send({{"ana@acme.example"}, compose(sample_notice())});
  ASSERT_FALSE(later);
  EXPECT_EQ(later.error().code, ErrorCode::upstream_unavailable);

  SmtpSink permanent({.refuse_while = marker, .refuse_code = 550, .refuse_at = "rcpt"});
  auto never = mailer_for(url_for(permanent)).send({{"ana@acme.example"}, compose(sample_notice())});
  ASSERT_FALSE(never);
  EXPECT_EQ(never.error().code, ErrorCode::unprocessable);
  EXPECT_TRUE(temporary.messages().empty());
  EXPECT_TRUE(permanent.messages().empty());
}

TEST(SmtpMailer, UnreachableRelayIsRetryable) {
  int port = 0;
  {
    SmtpSink gone;  // take a free port, then close it again
    port = gone.port();
  }
  auto failed =
      mailer_for("smtp://127.0.0.1:" + std::to_string(port)).send({{"ana@acme.example"}, "Subject: x\r\n\r\ny\r\n"});
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::upstream_unavailable);
}

TEST(SmtpMailer, RejectsUnsafeRecipientsBeforeConnecting) {
  auto mailer = mailer_for("smtp://127.0.0.1:9");
  auto sent = mailer.send({{"ana@acme.example>\r\nRCPT TO:<spy@evil.example"}, "Subject: x\r\n\r\ny\r\n"});
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().code, ErrorCode::invalid_input);
}

class SmtpTls : public ::testing::Test {
 protected:
  void SetUp() override {
    cert_ = dir_.path() / "cert.pem";
    key_ = dir_.path() / "key.pem";
    if (!make_loopback_certificate(cert_, key_)) GTEST_SKIP() << "openssl is not available";
  }
  TempDir dir_;
  std::filesystem::path cert_, key_;
};

TEST_F(SmtpTls, RequiredStarttlsEncryptsAndVerifiesTheServer) {
  SmtpSink sink({.tls_cert = cert_, .tls_key = key_, .require_starttls = true, .auth = "u:p"});
  ASSERT_TRUE(mailer_for(url_for(sink, "smtp+starttls", "u:p@"), cert_.string())
                  .send({{"ana@acme.example"}, compose(sample_notice())}));
  EXPECT_EQ(sink.wait_for(1).size(), 1u);
  // Without our CA the server's certificate is not trusted: nothing is sent.
  EXPECT_FALSE(
      mailer_for(url_for(sink, "smtp+starttls", "u:p@")).send({{"ana@acme.example"}, "Subject: x\r\n\r\ny\r\n"}));
  EXPECT_EQ(sink.messages().size(), 1u);
}

TEST_F(SmtpTls, RequiredStarttlsRefusesAServerWithoutTls) {
  SmtpSink plain;
  auto sent = mailer_for(url_for(plain, "smtp+starttls", "u:p@"), cert_.string())
                  .send({{"ana@acme.example"}, "Subject: x\r\n\r\ny\r\n"});
  ASSERT_FALSE(sent);
  EXPECT_TRUE(plain.messages().empty());
}

TEST_F(SmtpTls, OpportunisticStarttlsUsesTlsWhenOffered) {
  SmtpSink sink({.tls_cert = cert_, .tls_key = key_, .require_starttls = true});
  ASSERT_TRUE(mailer_for(url_for(sink, "smtp"), cert_.string()).send({{"ana@acme.example"}, compose(sample_notice())}));
  EXPECT_EQ(sink.wait_for(1).size(), 1u);
}

TEST_F(SmtpTls, ImplicitTls) {
  SmtpSink sink({.tls_cert = cert_, .tls_key = key_, .implicit_tls = true});
  ASSERT_TRUE(
      mailer_for(url_for(sink, "smtps"), cert_.string()).send({{"ana@acme.example"}, compose(sample_notice())}));
  EXPECT_EQ(sink.wait_for(1).size(), 1u);
}

}  // namespace
}  // namespace poblysh::notify
