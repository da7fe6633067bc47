// API tokens: a script's requests are signed in by the token; "last used" is kept to the
// minute, so a read with a token writes nothing more than once a minute.
#include <gtest/gtest.h>

#include "auth/auth_service.hpp"
#include "manual_clock.hpp"
#include "service_process.hpp"
#include "test_store.hpp"

namespace poblysh::auth {
namespace {

using namespace std::chrono_literals;

class ApiTokenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::make_unique<testing::InProcessStore>(dir_.path() / "auth.db", 2);
    ASSERT_TRUE(store_->database().migrate());
    auth_ = std::make_unique<AuthService>(store_->database(), accounts_, clock_, AuthOptions{});
    auto user = auth_->create_user({"script@example.com", "Script Owner", domain::Role::member}, "");
    ASSERT_TRUE(user) << user.error().message;
    auto token = auth_->create_api_token(user->first.id, "reporting");
    ASSERT_TRUE(token) << token.error().message;
    token_ = *token;
  }
  void TearDown() override {
    auth_.reset();
    store_.reset();
  }

  std::optional<std::int64_t> last_used_ms() {
    auto row = store::read_with(store_->database(), [](store::Connection& c) {
      return c.query_one("SELECT last_used_at FROM api_tokens", {});
    });
    EXPECT_TRUE(row && *row);
    return (row && *row) ? (**row).optional_integer(0) : std::nullopt;
  }

  testing::TempDir dir_;  // first: removed after everything in it is closed
  std::unique_ptr<testing::InProcessStore> store_;
  store::AccountRepo accounts_;
  testing::ManualClock clock_;
  std::unique_ptr<AuthService> auth_;
  std::string token_;
};

std::int64_t ms(SystemTime at) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
}

TEST_F(ApiTokenTest, SignsInItsOwnerAndRefusesOthers) {
  auto principal = auth_->from_api_token(token_);
  ASSERT_TRUE(principal) << principal.error().message;
  EXPECT_EQ(principal->user.email, "script@example.com");
  EXPECT_FALSE(principal->via_session_cookie);
  auto wrong = auth_->from_api_token(token_ + "x");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::unauthenticated);
}

TEST_F(ApiTokenTest, LastUsedIsKeptToTheMinute) {
  EXPECT_EQ(last_used_ms(), std::nullopt);
  const auto first = clock_.now();
  ASSERT_TRUE(auth_->from_api_token(token_));
  EXPECT_EQ(last_used_ms(), ms(first));

  clock_.advance(59s);  // within the minute: nothing written
  ASSERT_TRUE(auth_->from_api_token(token_));
  EXPECT_EQ(last_used_ms(), ms(first));

  clock_.advance(1s);  // a minute after the recorded use
  ASSERT_TRUE(auth_->from_api_token(token_));
  EXPECT_EQ(last_used_ms(), ms(clock_.now()));
}

}  // namespace
}  // namespace poblysh::auth
