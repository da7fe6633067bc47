#include "notify/smtp_url.hpp"

#include <gtest/gtest.h>

namespace poblysh::notify {
namespace {

TEST(SmtpUrl, SchemesPickSecurityAndDefaultPorts) {
  auto plain = parse_smtp_url("smtp://mail.example");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->security, SmtpSecurity::opportunistic_starttls);
  EXPECT_EQ(plain->port, 25);
  auto starttls = parse_smtp_url("smtp+starttls://mail.example");
  ASSERT_TRUE(starttls);
  EXPECT_EQ(starttls->security, SmtpSecurity::required_starttls);
  EXPECT_EQ(starttls->port, 587);
  auto implicit = parse_smtp_url("smtps://mail.example/");
  ASSERT_TRUE(implicit);
  EXPECT_EQ(implicit->security, SmtpSecurity::implicit_tls);
  EXPECT_EQ(implicit->port, 465);
}

TEST(SmtpUrl, CredentialsArePercentDecoded) {
  auto endpoint = parse_smtp_url("smtp+starttls://apikey%40relay:p%3Ass%40w0rd@smtp.relay.example:2525");
  ASSERT_TRUE(endpoint);
  EXPECT_EQ(endpoint->username, "apikey@relay");
  EXPECT_EQ(endpoint->password, "p:ss@w0rd");
  EXPECT_EQ(endpoint->host, "smtp.relay.example");
  EXPECT_EQ(endpoint->port, 2525);
  EXPECT_EQ(endpoint->host_port(), "smtp.relay.example:2525");  // what logs show: no secret
}

TEST(SmtpUrl, Ipv6Literals) {
  auto endpoint = parse_smtp_url("smtp+insecure://u:p@[::1]:1025");
  ASSERT_TRUE(endpoint);
  EXPECT_EQ(endpoint->host, "::1");
  EXPECT_EQ(endpoint->port, 1025);
  EXPECT_EQ(endpoint->host_port(), "[::1]:1025");
}

// A password must not travel where a server (or whoever strips its STARTTLS offer) could read it.
TEST(SmtpUrl, CredentialsNeedTlsUnlessTheUrlSaysInsecureOnPurpose) {
  for (const char* clear :
       {"smtp://user:secret@mail.example", "smtp://user@mail.example:2525", "smtp://:secret@host"}) {
    auto parsed = parse_smtp_url(clear);
    ASSERT_FALSE(parsed) << clear;
    EXPECT_NE(parsed.error().fields.at("smtp_url").find("smtps://"), std::string::npos);
    EXPECT_EQ(parsed.error().fields.at("smtp_url").find("secret"), std::string::npos);
  }
  EXPECT_EQ(parse_smtp_url("smtps://user:secret@mail.example")->security, SmtpSecurity::implicit_tls);
  EXPECT_EQ(parse_smtp_url("smtp+starttls://user:secret@mail.example")->security, SmtpSecurity::required_starttls);
  auto insecure = parse_smtp_url("smtp+insecure://user:secret@127.0.0.1:2525");
  ASSERT_TRUE(insecure);
  EXPECT_EQ(insecure->security, SmtpSecurity::plain);
  EXPECT_EQ(insecure->port, 2525);
  EXPECT_EQ(parse_smtp_url("smtp+insecure://relay.internal")->port, 25);
  EXPECT_EQ(parse_smtp_url("smtp://mail.example")->security, SmtpSecurity::opportunistic_starttls);
}

TEST(SmtpUrl, RejectsMalformedUrlsWithoutEchoingThem) {
  for (const char* bad : {"", "mail.example", "http://mail.example", "smtp://", "smtp://host:0", "smtp://host:70000",
                          "smtp://host:", "smtp://host:12ab", "smtp://user:secret%zz@host", "smtp://host/path",
                          "smtp://[::1", "smtp://u:secret@"}) {
    auto parsed = parse_smtp_url(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().code, ErrorCode::invalid_input);
    for (const auto& [field, problem] : parsed.error().fields) EXPECT_EQ(problem.find("secret"), std::string::npos);
    EXPECT_EQ(parsed.error().message.find("secret"), std::string::npos);
  }
}

}  // namespace
}  // namespace poblysh::notify
