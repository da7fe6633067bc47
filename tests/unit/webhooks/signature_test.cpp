#include "webhooks/signature.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace poblysh::webhooks {
namespace {

TEST(Signature, MatchesRfc4231TestCase2) {
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Signature, AcceptsTheSignatureOfTheExactBody) {
  const std::string body = R"({"triggerEvent":"PING","createdAt":"2026-05-04T08:00:00.000Z","payload":{}})";
  EXPECT_TRUE(signature_matches("s3cret", body, hmac_sha256_hex("s3cret", body)));
}

TEST(Signature, RefusesAnyChangedByte) {
  const std::string body = R"({"triggerEvent":"BOOKING_CREATED","payload":{"uid":"abc"}})";
  const std::string signature = hmac_sha256_hex("s3cret", body);
  for (std::size_t i = 0; i < body.size(); ++i) {
    std::string tampered = body;
    tampered[i] = static_cast<char>(tampered[i] ^ 0x01);
    EXPECT_FALSE(signature_matches("s3cret", tampered, signature)) << "byte " << i;
  }
}

TEST(Signature, RefusesWrongMissingAndMalformedSignatures) {
  const std::string body = "{}";
  const std::string good = hmac_sha256_hex("s3cret", body);
  EXPECT_FALSE(signature_matches("s3cret", body, std::nullopt));
  EXPECT_FALSE(signature_matches("s3cret", body, std::string_view("")));
  EXPECT_FALSE(signature_matches("s3cret", body, std::string_view("no-secret-provided")));
  EXPECT_FALSE(signature_matches("other", body, good));
  EXPECT_FALSE(signature_matches("s3cret", body, "sha256=" + good));  // Cal.com sends no prefix
  std::string upper = good;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_FALSE(signature_matches("s3cret", body, upper));  // lowercase hex only
  std::string last_wrong = good;
  last_wrong.back() = last_wrong.back() == '0' ? '1' : '0';
  EXPECT_FALSE(signature_matches("s3cret", body, last_wrong));  // every character is compared
  // The comparison covers the expected length only: the length check refuses the rest.
  EXPECT_FALSE(signature_matches("s3cret", body, good + "0"));
  EXPECT_FALSE(signature_matches("s3cret", body, good.substr(0, good.size() / 2)));
}

// One keyed check serves every delivery, from any thread: each answer is HMAC()'s.
TEST(Signature, AKeyedCheckAnswersAsHmacForManyBodiesOnSeveralThreads) {
  const SignatureCheck check("whsec-rotated-2026");
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) {
        const std::string body =
            R"({"n":)" + std::to_string(t * 1000 + i) + std::string(static_cast<std::size_t>(i), 'x') + "}";
        const std::string good = hmac_sha256_hex("whsec-rotated-2026", body);
        if (!check.matches(body, good)) ++wrong;
        if (check.matches(body + " ", good) || check.matches(body, hmac_sha256_hex("whsec-other", body))) ++wrong;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(Signature, AnEmptySecretNeverVerifies) {
  const std::string body = "{}";
  EXPECT_FALSE(signature_matches("", body, hmac_sha256_hex("", body)));
}

TEST(Sha256, HexOfKnownInput) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace poblysh::webhooks
