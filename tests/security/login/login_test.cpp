// Guessing passwords: concurrent guesses get no more password checks than the limit, unknown
// accounts cost no more memory than the bounded checks, and a guesser elsewhere cannot lock the
// owner out.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "http_client.hpp"
#include "service_process.hpp"

namespace poblysh::testing {
namespace {

const std::string kAdminPassword = "correct-horse-battery";

class LoginAttack : public ::testing::Test {
 protected:
  // Connections come from 127.0.0.1, a trusted proxy here: X-Forwarded-For names the client.
  // A small ASan quarantine (see tests/security/inputs) so the peak shows what the hashes hold.
  LoginAttack() : service_(Env{{"POBLYSH_TRUSTED_PROXIES", "127.0.0.1"}, {"ASAN_OPTIONS", "quarantine_size_mb=8"}}) {}

  long login_from(const std::string& address, const std::string& email, const std::string& password) {
    HttpClient client(service_.base_url());
    return client.post("/api/v1/session", {{"email", email}, {"password", password}}, {{"X-Forwarded-For", address}})
        .status;
  }

  // Answers of `count` sign-ins sent at once, by status.
  std::map<long, int> at_once(int count, const std::function<long(int)>& attempt) {
    std::vector<std::thread> threads;
    std::vector<long> statuses(static_cast<std::size_t>(count));
    std::atomic<bool> go{false};
    for (int i = 0; i < count; ++i) {
      threads.emplace_back([&, i] {
        while (!go) std::this_thread::yield();
        statuses[static_cast<std::size_t>(i)] = attempt(i);
      });
    }
    go = true;
    for (auto& thread : threads) thread.join();
    std::map<long, int> by_status;
    for (long status : statuses) ++by_status[status];
    return by_status;
  }

  Service service_;
};

TEST_F(LoginAttack, ConcurrentGuessesGetNoMoreChecksThanTheLimit) {
  auto answers =
      at_once(40, [&](int i) { return login_from("203.0.113.7", "admin@example.com", "guess-" + std::to_string(i)); });
  EXPECT_EQ(answers[401], 5) << "wrong passwords checked";
  EXPECT_EQ(answers[429], 35);
  EXPECT_EQ(answers[401] + answers[429], 40);
}

TEST_F(LoginAttack, UnknownAccountsFromOneAddressAreThrottledAndCostBoundedMemory) {
  const auto before = service_.process().peak_resident_mib();
  auto answers = at_once(
      40, [&](int i) { return login_from("203.0.113.8", "nobody-" + std::to_string(i) + "@example.com", "guess"); });
  // The per-address limit: at most 20 passwords checked, the rest throttled. On a busy machine a
  // sign-in may instead be refused 503 while every check slot stays busy; that one is not counted,
  // so it can let a later attempt in, and only with none of them are the figures exact.
  EXPECT_LE(answers[401], 20);
  EXPECT_EQ(answers[401] + answers[429] + answers[503], 40);
  if (answers[503] == 0) {
    EXPECT_EQ(answers[401], 20);
    EXPECT_EQ(answers[429], 20);
  }
  // Two checks at a time, 64 MiB each, whatever the number of attempts.
  EXPECT_LT(service_.process().peak_resident_mib(), before + 2 * 64 + 64);
  // Sequentially too: every attempt was counted but those refused 503, so as many more bring the
  // count to 40, past the limit, and a made-up account from the same address is refused.
  for (int i = 0; i < answers[503]; ++i)
    login_from("203.0.113.8", "someone-" + std::to_string(i) + "@example.com", "guess");
  EXPECT_EQ(login_from("203.0.113.8", "someone-else@example.com", "guess"), 429);
}

// The limit itself, one attempt at a time so that no check slot is ever busy: the twentieth
// made-up account from one address is checked, the twenty-first refused.
TEST_F(LoginAttack, OneAddressGetsTwentyAttemptsAtMadeUpAccounts) {
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(login_from("203.0.113.9", "made-up-" + std::to_string(i) + "@example.com", "guess"), 401) << i + 1;
  }
  EXPECT_EQ(login_from("203.0.113.9", "made-up-20@example.com", "guess"), 429);
  EXPECT_EQ(login_from("198.51.100.10", "made-up-20@example.com", "guess"), 401) << "another address";
}

TEST_F(LoginAttack, AGuesserElsewhereCannotLockTheOwnerOut) {
  for (int i = 0; i < 10; ++i) login_from("198.51.100.9", "admin@example.com", "guess-" + std::to_string(i));
  EXPECT_EQ(login_from("198.51.100.9", "admin@example.com", kAdminPassword), 429) << "the guesser is throttled";
  EXPECT_EQ(login_from("192.0.2.20", "admin@example.com", kAdminPassword), 200) << "the owner, from their address";
}

TEST_F(LoginAttack, SuccessfulSignInsFromOneOfficeAddressAreNotThrottled) {
  for (int i = 0; i < 25; ++i) {
    ASSERT_EQ(login_from("192.0.2.30", "admin@example.com", kAdminPassword), 200) << "sign-in " << i + 1;
  }
}

}  // namespace
}  // namespace poblysh::testing
