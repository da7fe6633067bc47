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
    token_ = token->token;
    token_id_ = token->id;
    user_id_ = user->first.id;
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
  std::int64_t token_id_ = 0;
  std::int64_t user_id_ = 0;
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

TEST_F(ApiTokenTest, ItsOwnerListsItsTokensNewestFirstWithoutTheSecret) {
  clock_.advance(5s);
  auto second = auth_->create_api_token(user_id_, "backup job");
  ASSERT_TRUE(second) << second.error().message;
  ASSERT_TRUE(auth_->from_api_token(token_));  // the first one is used
  auto tokens = auth_->api_tokens(user_id_);
  ASSERT_TRUE(tokens) << tokens.error().message;
  ASSERT_EQ(tokens->size(), 2u);
  EXPECT_EQ((*tokens)[0].id, second->id);
  EXPECT_EQ((*tokens)[0].name, "backup job");
  EXPECT_EQ((*tokens)[0].last_used_at, std::nullopt);
  EXPECT_EQ((*tokens)[1].id, token_id_);
  EXPECT_EQ((*tokens)[1].name, "reporting");
  EXPECT_EQ((*tokens)[1].last_used_at, std::optional<SystemTime>(clock_.now()));
  EXPECT_EQ((*tokens)[1].revoked_at, std::nullopt);

  auto other = auth_->create_user({"other@example.com", "Other Owner", domain::Role::member}, "");
  ASSERT_TRUE(other);
  auto none = auth_->api_tokens(other->first.id);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST_F(ApiTokenTest, ARevokedTokenSignsNobodyInFromItsNextRequest) {
  auto second = auth_->create_api_token(user_id_, "backup job");
  ASSERT_TRUE(second);
  ASSERT_TRUE(auth_->from_api_token(token_));
  clock_.advance(1min);
  const auto revoked_at = clock_.now();
  ASSERT_TRUE(auth_->revoke_api_token(user_id_, token_id_));
  auto refused = auth_->from_api_token(token_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::unauthenticated);
  EXPECT_TRUE(auth_->from_api_token(second->token)) << "only the revoked token stops working";

  clock_.advance(1min);  // revoking again changes nothing
  ASSERT_TRUE(auth_->revoke_api_token(user_id_, token_id_));
  auto tokens = auth_->api_tokens(user_id_);
  ASSERT_TRUE(tokens);
  ASSERT_EQ(tokens->size(), 2u);
  EXPECT_EQ((*tokens)[1].revoked_at, std::optional<SystemTime>(revoked_at));
  EXPECT_EQ((*tokens)[0].revoked_at, std::nullopt);
}

TEST_F(ApiTokenTest, NobodyRevokesATokenTheyDoNotOwn) {
  auto other = auth_->create_user({"other@example.com", "Other Owner", domain::Role::admin}, "");
  ASSERT_TRUE(other);
  auto refused = auth_->revoke_api_token(other->first.id, token_id_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::not_found);
  auto missing = auth_->revoke_api_token(user_id_, token_id_ + 100);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  EXPECT_TRUE(auth_->from_api_token(token_)) << "still valid";
}

}  // namespace
}  // namespace poblysh::auth
