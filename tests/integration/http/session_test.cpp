// Sign in, sign out, CSRF, API tokens and the failed-login throttle, through the real binary.
#include <gtest/gtest.h>

#include "suite_service.hpp"

using namespace poblysh::testing;

class SessionTest : public SuiteServiceTest {
 protected:
  // A new API token of `owner`'s, as its creation answers it: the secret is shown this once.
  static nlohmann::json new_token(HttpClient& owner) {
    auto created = owner.post("/api/v1/api-tokens", {{"name", "reporting script"}});
    EXPECT_EQ(created.status, 201) << created.body;
    return created.json();
  }
  // A script's client, which signs its requests with `token` instead of signing in.
  static std::unique_ptr<HttpClient> script_with(const std::string& token) {
    auto script = std::make_unique<HttpClient>(service_->base_url());
    script->set_bearer(token);
    return script;
  }
};

TEST_F(SessionTest, LoginSetsAnHttpOnlySessionCookieAndReturnsTheUser) {
  HttpClient client(service_->base_url());
  auto response = client.login("admin@example.com", "correct-horse-battery");
  ASSERT_EQ(response.status, 200) << response.body;
  auto cookie = response.header("set-cookie").value_or("");
  EXPECT_NE(cookie.find("poblysh_session="), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // served over plain HTTP here
  EXPECT_EQ(response.json()["user"]["role"], "admin");
  EXPECT_FALSE(client.csrf().empty());

  auto me = client.get("/api/v1/session");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json()["user"]["email"], "admin@example.com");
}

TEST_F(SessionTest, EmailIsCaseInsensitiveAtLogin) {
  HttpClient client(service_->base_url());
  EXPECT_EQ(client.login("ADMIN@Example.com", "correct-horse-battery").status, 200);
}

TEST_F(SessionTest, WrongPasswordIs401WithTheErrorEnvelope) {
  HttpClient client(service_->base_url());
  auto response = client.login("mia@example.com", "not-her-password");
  ASSERT_EQ(response.status, 401);
  auto body = response.json();
  EXPECT_EQ(body["error"]["code"], "unauthenticated");
  EXPECT_FALSE(body["error"]["message"].get<std::string>().empty());
  EXPECT_EQ(body["error"]["request_id"], response.header("x-request-id").value_or("?"));
}

TEST_F(SessionTest, EveryApiEndpointNeedsAuthentication) {
  HttpClient client(service_->base_url());
  for (const char* path :
       {"/api/v1/session", "/api/v1/team-members", "/api/v1/startups", "/api/v1/contacts", "/api/v1/api-tokens"}) {
    EXPECT_EQ(client.get(path).status, 401) << path;
  }
  EXPECT_EQ(client.get("/healthz").status, 200);
  EXPECT_EQ(client.get("/readyz").status, 200);
}

TEST_F(SessionTest, CookieWritesWithoutTheCsrfTokenAreRefused) {
  HttpClient client(service_->base_url());
  ASSERT_EQ(client.login("admin@example.com", "correct-horse-battery").status, 200);
  const std::string token = client.csrf();
  client.forget_csrf();
  auto refused = client.post("/api/v1/startups", {{"name", "No Token Ltd"}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.json()["error"]["code"], "forbidden");
  auto wrong = client.post("/api/v1/startups", {{"name", "Wrong Token Ltd"}}, {{"X-CSRF-Token", token + "x"}});
  EXPECT_EQ(wrong.status, 403);
  auto accepted = client.post("/api/v1/startups", {{"name", "Right Token Ltd"}}, {{"X-CSRF-Token", token}});
  EXPECT_EQ(accepted.status, 201) << accepted.body;
}

TEST_F(SessionTest, LogoutEndsTheSession) {
  HttpClient client(service_->base_url());
  ASSERT_EQ(client.login("mia@example.com", member_password_).status, 200);
  EXPECT_EQ(client.del("/api/v1/session").status, 204);
  EXPECT_EQ(client.get("/api/v1/session").status, 401);
}

TEST_F(SessionTest, ApiTokensAuthenticateScriptsWithoutCsrf) {
  const auto created = new_token(*signed_in_member());
  ASSERT_TRUE(created.contains("token")) << created.dump();
  const std::string token = created["token"];

  const auto script = script_with(token);
  EXPECT_EQ(script->get("/api/v1/team-members").status, 200);
  EXPECT_EQ(script->post("/api/v1/startups", {{"name", "Scripted Startup"}}).status, 201);

  EXPECT_EQ(script_with(token + "x")->get("/api/v1/team-members").status, 401);
}

TEST_F(SessionTest, ATokenIsListedAndRevokedByItsOwner) {
  const auto browser = signed_in_member();
  const auto created = new_token(*browser);
  ASSERT_TRUE(created.contains("token")) << created.dump();
  const int id = created["id"].get<int>();
  const auto script = script_with(created["token"].get<std::string>());
  ASSERT_EQ(script->get("/api/v1/team-members").status, 200);

  auto listed = browser->get("/api/v1/api-tokens");
  ASSERT_EQ(listed.status, 200) << listed.body;
  const auto items = listed.json()["items"];
  ASSERT_EQ(items.size(), 1u) << listed.body;
  EXPECT_EQ(items[0]["id"], id);
  EXPECT_EQ(items[0]["name"], "reporting script");
  EXPECT_TRUE(items[0]["last_used_at"].is_string()) << listed.body;
  EXPECT_TRUE(items[0]["revoked_at"].is_null()) << listed.body;
  EXPECT_FALSE(items[0].contains("token")) << "the secret is shown once, at creation";

  EXPECT_EQ(browser->del("/api/v1/api-tokens/" + std::to_string(id + 1)).status, 404);
  EXPECT_EQ(browser->del("/api/v1/api-tokens/" + std::to_string(id)).status, 204);
  EXPECT_EQ(script->get("/api/v1/team-members").status, 401);
  auto after = browser->get("/api/v1/api-tokens").json()["items"];
  ASSERT_EQ(after.size(), 1u);
  EXPECT_TRUE(after[0]["revoked_at"].is_string()) << after.dump();
}

TEST_F(SessionTest, RepeatedFailedLoginsAreThrottledPerAccount) {
  service_->add_user("target@example.com", "Tara Target", "member");
  HttpClient client(service_->base_url());
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(client.login("target@example.com", "guess-number-" + std::to_string(i)).status, 401);
  auto throttled = client.login("target@example.com", "correct-horse-battery");
  EXPECT_EQ(throttled.status, 429);
  EXPECT_EQ(throttled.json()["error"]["code"], "rate_limited");
  EXPECT_TRUE(throttled.header("retry-after").has_value());
}
