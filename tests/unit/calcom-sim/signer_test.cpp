#include "signer.hpp"

#include <gtest/gtest.h>

namespace poblysh::calcom_sim {
namespace {

TEST(Signer, MatchesTheRfc4231StyleKnownDigest) {
  // Well-known HMAC-SHA256 test vector.
  EXPECT_EQ(hmac_sha256_hex("key", "The quick brown fox jumps over the lazy dog"),
            "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
}

TEST(Signer, SignsTheExactBodyBytesInLowercaseHexWithoutPrefix) {
  const std::string body = R"({"triggerEvent":"BOOKING_CREATED","createdAt":"2026-05-04T09:00:00.000Z","payload":{}})";
  const auto signature = webhook_signature(std::string("whsec-test"), body);
  EXPECT_EQ(signature.size(), 64u);
  EXPECT_EQ(signature.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(signature, hmac_sha256_hex("whsec-test", body));
  EXPECT_NE(signature, webhook_signature(std::string("whsec-test"), body + " "));
  EXPECT_NE(signature, webhook_signature(std::string("other"), body));
}

TEST(Signer, WithoutSecretSendsTheLiteralPlaceholder) {
  EXPECT_EQ(webhook_signature(std::nullopt, "{}"), "no-secret-provided");
  EXPECT_EQ(webhook_signature(std::string(), "{}"), "no-secret-provided");
}

}  // namespace
}  // namespace poblysh::calcom_sim
