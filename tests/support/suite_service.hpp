// Test support: one running service for a whole test suite, for API tests whose records do not
// get in each other's way, so that the service starts once rather than once per test.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "http_client.hpp"
#include "service_process.hpp"

namespace poblysh::testing {

// The service lives from the suite's first test to its last, with its first admin and a member,
// Mia. Each test signs in afresh, so no test depends on another's session.
class SuiteServiceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    service_ = std::make_unique<Service>();
    member_password_ = service_->add_user("mia@example.com", "Mia Member", "member");
  }
  static void TearDownTestSuite() { service_.reset(); }

  // A client of its own, signed in; the test fails if the sign-in does.
  static std::unique_ptr<HttpClient> signed_in(const std::string& email, const std::string& password) {
    auto client = std::make_unique<HttpClient>(service_->base_url());
    EXPECT_EQ(client->login(email, password).status, 200) << email;
    return client;
  }
  static std::unique_ptr<HttpClient> signed_in_admin() {
    return signed_in("admin@example.com", "correct-horse-battery");
  }
  static std::unique_ptr<HttpClient> signed_in_member() { return signed_in("mia@example.com", member_password_); }

  inline static std::unique_ptr<Service> service_;
  inline static std::string member_password_;
};

}  // namespace poblysh::testing
