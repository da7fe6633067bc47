// Session checks: kept in memory between commits (SessionCache, on SQLite), yet a sign-out, a
// deactivated account, a changed role or an expired session takes effect on the next request.
#include <gtest/gtest.h>

#include "auth/auth_service.hpp"
#include "manual_clock.hpp"
#include "service_process.hpp"
#include "store/sqlite/change_counter.hpp"
#include "test_store.hpp"

namespace poblysh::auth {
namespace {

using namespace std::chrono_literals;

constexpr auto kPassword = "correct-horse-battery-9";

class SessionCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::make_unique<testing::InProcessStore>(dir_.path() / "auth.db", 2);
    ASSERT_TRUE(store_->database().migrate());
    // As the service does: sessions are kept only where the store can tell about every commit.
    if (store_->dialect() == store::Dialect::sqlite) {
      changes_ = std::make_unique<store::SqliteChangeCounter>((dir_.path() / "auth.db").string());
    }
    auth_ = std::make_unique<AuthService>(store_->database(), accounts_, clock_, options_, changes_.get());
    auto user = auth_->create_user({"ada@example.com", "Ada", domain::Role::member}, kPassword);
    ASSERT_TRUE(user) << user.error().message;
    user_id_ = user->first.id;
    auto session = auth_->login("ada@example.com", kPassword, "127.0.0.1");
    ASSERT_TRUE(session) << session.error().message;
    token_ = session->token;
  }
  void TearDown() override {
    auth_.reset();
    changes_.reset();
    store_.reset();
  }

  void execute(const std::string& sql, std::vector<store::Value> params) {
    ASSERT_TRUE(store_->database().transaction([&](store::Connection& c) -> Status {
      if (auto done = c.execute(sql, params); !done) return tl::unexpected(done.error());
      return {};
    }));
  }

  // Signed in twice in a row: the second check is the one a kept session answers.
  void expect_signed_in_twice() {
    for (int i = 0; i < 2; ++i) {
      auto principal = auth_->from_session(token_);
      ASSERT_TRUE(principal) << principal.error().message;
      EXPECT_EQ(principal->user.email, "ada@example.com");
    }
  }

  void expect_refused() {
    auto principal = auth_->from_session(token_);
    ASSERT_FALSE(principal);
    EXPECT_EQ(principal.error().code, ErrorCode::unauthenticated);
  }

  testing::TempDir dir_;  // first: removed after everything in it is closed
  std::unique_ptr<testing::InProcessStore> store_;
  std::unique_ptr<store::SqliteChangeCounter> changes_;
  store::AccountRepo accounts_;
  testing::ManualClock clock_;
  AuthOptions options_;
  std::unique_ptr<AuthService> auth_;
  std::int64_t user_id_ = 0;
  std::string token_;
};

TEST_F(SessionCheckTest, SigningOutEndsTheSessionAtOnce) {
  expect_signed_in_twice();
  ASSERT_TRUE(auth_->logout(token_));
  expect_refused();
}

TEST_F(SessionCheckTest, ADeactivatedAccountIsRefusedAtOnce) {
  expect_signed_in_twice();
  execute("UPDATE users SET active = 0 WHERE id = ?", {user_id_});
  expect_refused();
}

TEST_F(SessionCheckTest, AChangedRoleIsSeenAtOnce) {
  expect_signed_in_twice();
  execute("UPDATE users SET role = 'admin' WHERE id = ?", {user_id_});
  auto principal = auth_->from_session(token_);
  ASSERT_TRUE(principal) << principal.error().message;
  EXPECT_EQ(principal->user.role, domain::Role::admin);
}

TEST_F(SessionCheckTest, ASessionEndsWhenItExpiresEvenWithNothingCommitted) {
  expect_signed_in_twice();
  clock_.advance(std::chrono::duration_cast<std::chrono::milliseconds>(options_.session_ttl) - 1s);
  expect_signed_in_twice();
  clock_.advance(1s);
  expect_refused();
}

TEST_F(SessionCheckTest, EachTokenIsItsOwnPerson) {
  auto other = auth_->create_user({"grace@example.com", "Grace", domain::Role::admin}, kPassword);
  ASSERT_TRUE(other) << other.error().message;
  auto session = auth_->login("grace@example.com", kPassword, "127.0.0.1");
  ASSERT_TRUE(session);
  for (int i = 0; i < 2; ++i) {
    auto ada = auth_->from_session(token_);
    auto grace = auth_->from_session(session->token);
    ASSERT_TRUE(ada && grace);
    EXPECT_EQ(ada->user.email, "ada@example.com");
    EXPECT_EQ(grace->user.email, "grace@example.com");
    EXPECT_EQ(grace->csrf_token, session->csrf_token);
  }
  auto forged = auth_->from_session(token_ + "x");
  ASSERT_FALSE(forged);
  EXPECT_EQ(forged.error().code, ErrorCode::unauthenticated);
}

}  // namespace
}  // namespace poblysh::auth
