// Every route in the route table, as anonymous, as a member (with, without and with a wrong
// CSRF token on cookie writes, and with an API token), and as an admin: refused exactly when
// its stated access says so — 401 for who is not signed in, 403 for who may not, and never
// either for who may.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "http/api/routes.hpp"
#include "http_client.hpp"
#include "service_process.hpp"

namespace poblysh::testing {
namespace {

using http::Method;
using http::api::Access;

const char* verb(Method method) { return http::method_name(method); }

bool is_write(Method method) { return method != Method::get && method != Method::head; }

// A concrete path: every ":param" becomes an id that names nothing (refusals come before it is
// looked up; an allowed call answers 404 or 400, never 401 or 403).
std::string concrete(std::string_view pattern) {
  std::string out;
  std::size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == ':') {
      out += "999999";
      while (i < pattern.size() && pattern[i] != '/') ++i;
    } else {
      out += pattern[i++];
    }
  }
  return out;
}

std::vector<http::api::RouteAccess> routes_signing_out_last() {
  auto routes = http::api::route_access();
  std::stable_partition(routes.begin(), routes.end(), [](const auto& route) {
    return !(route.method == Method::del && route.pattern == "/api/v1/session");
  });
  return routes;
}

// Anyone reaches the open routes and is asked to sign in everywhere else. A scheduling link's
// routes need no account: the walk's made-up token names no link (404), or its empty body is
// refused first (400).
void expect_link_answer(long status) { EXPECT_TRUE(status == 404 || status == 400) << status; }

void expect_anonymous_answer(Access access, long status) {
  if (access == Access::link_token) {
    expect_link_answer(status);
  } else if (access == Access::anonymous) {
    EXPECT_NE(status, 401);
    EXPECT_NE(status, 403);
  } else {
    EXPECT_EQ(status, 401);
  }
}

// A member (by cookie or API token) reaches member and open routes, is forbidden admin ones and
// is no Cal.com.
void expect_member_answer(Access access, long status) {
  switch (access) {
    case Access::anonymous:
    case Access::member:
      EXPECT_NE(status, 401);
      EXPECT_NE(status, 403);
      break;
    case Access::admin: EXPECT_EQ(status, 403); break;
    case Access::calcom_signature: EXPECT_EQ(status, 401); break;
    case Access::link_token: expect_link_answer(status); break;
    case Access::unstated: ADD_FAILURE(); break;
  }
}

// An admin reaches every route but Cal.com's.
void expect_admin_answer(Access access, long status) {
  if (access == Access::calcom_signature) {
    EXPECT_EQ(status, 401);
  } else if (access == Access::link_token) {
    expect_link_answer(status);
  } else {
    EXPECT_NE(status, 401);
    EXPECT_NE(status, 403);
  }
}

class RouteAccessTest : public ::testing::Test {
 protected:
  RouteAccessTest() : service_(Env{{"POBLYSH_CALCOM_WEBHOOK_SECRET", "route-access-webhook-secret"}}) {
    service_.add_user("member@example.com", "Max Member", "member", kPassword);
  }

  long call(HttpClient& client, const http::api::RouteAccess& route, std::map<std::string, std::string> headers = {}) {
    const auto path = concrete(route.pattern);
    // A stream (Server-Sent Events) stays open: its HEAD is checked the same way and ends.
    const bool stream = route.method == Method::get && route.pattern == "/api/v1/events";
    return client.send(stream ? "HEAD" : verb(route.method), path, is_write(route.method) ? "{}" : "", headers).status;
  }

  // Calls every route as `client` (signing out last, so the walk stays signed in) and checks each
  // answer against the route's access.
  void walk(HttpClient& client, void (*expect_answer)(Access, long)) {
    for (const auto& route : routes_signing_out_last()) {
      SCOPED_TRACE(std::string(verb(route.method)) + " " + std::string(route.pattern));
      expect_answer(route.access, call(client, route));
    }
  }
  // The same, signed in as `email` with a session cookie.
  void walk_signed_in(const std::string& email, const char* password, void (*expect_answer)(Access, long)) {
    HttpClient client(service_.base_url());
    ASSERT_EQ(client.login(email, password).status, 200);
    walk(client, expect_answer);
  }

  // After each walk: the service answers and its log holds no password, secret or report.
  void TearDown() override {
    EXPECT_EQ(HttpClient(service_.base_url()).get("/healthz").status, 200);
    const auto log = service_.process().stdout_text() + service_.process().stderr_text();
    for (const char* secret : {kPassword, kAdminPassword, "route-access-webhook-secret", "AddressSanitizer"}) {
      EXPECT_EQ(log.find(secret), std::string::npos) << secret;
    }
  }

  static constexpr const char* kPassword = "member-password-123";
  static constexpr const char* kAdminPassword = "correct-horse-battery";
  Service service_;
};

TEST_F(RouteAccessTest, TheTableStatesAnAccessForEveryRoute) {
  const auto routes = http::api::route_access();
  ASSERT_GT(routes.size(), 40u);
  for (const auto& route : routes) EXPECT_NE(route.access, Access::unstated) << route.pattern;
}

// The policy itself, so that a route stated with too little access fails here: only these are
// open to anyone or to Cal.com, and everything under /admin, accounts and the team is admin's.
TEST_F(RouteAccessTest, OnlyTheseRoutesAreOpenAndTheAdministrativeOnesAreAdmins) {
  std::vector<std::string> open;
  for (const auto& route : http::api::route_access()) {
    const std::string name = std::string(verb(route.method)) + " " + std::string(route.pattern);
    if (route.access == Access::anonymous || route.access == Access::calcom_signature ||
        route.access == Access::link_token) {
      open.push_back(name);
    }
    const bool administrative = route.pattern.starts_with("/api/v1/admin/") || route.pattern == "/api/v1/users" ||
                                (route.pattern.starts_with("/api/v1/team-members") && is_write(route.method));
    if (administrative) {
      EXPECT_EQ(route.access, Access::admin) << name;
    }
  }
  EXPECT_EQ(open, (std::vector<std::string>{"GET /healthz", "GET /readyz", "POST /api/v1/session",
                                            "GET /api/v1/links/:token", "GET /api/v1/links/:token/times",
                                            "POST /api/v1/links/:token/booking", "POST /api/v1/links/:token/reschedule",
                                            "POST /api/v1/links/:token/cancel", "POST /webhooks/calcom"}));
  for (const auto& route : http::api::route_access()) {
    if (route.access == Access::link_token) {
      EXPECT_TRUE(route.pattern.starts_with("/api/v1/links/:token")) << route.pattern;
    }
  }
}

TEST_F(RouteAccessTest, AnonymousCallersReachOnlyAnonymousRoutes) {
  HttpClient anonymous(service_.base_url());
  walk(anonymous, expect_anonymous_answer);
}

TEST_F(RouteAccessTest, MembersReachMemberRoutesAndAreRefusedAdminAndSignedRoutes) {
  walk_signed_in("member@example.com", kPassword, expect_member_answer);
}

TEST_F(RouteAccessTest, CookieWritesWithoutTheRightCsrfTokenAreRefused) {
  HttpClient admin(service_.base_url());
  ASSERT_EQ(admin.login("admin@example.com", kAdminPassword).status, 200);
  const std::string token = admin.csrf();
  ASSERT_GT(token.size(), 2u);
  std::string same_length_wrong = token;
  same_length_wrong.back() = same_length_wrong.back() == 'a' ? 'b' : 'a';
  const std::vector<std::pair<std::string, std::map<std::string, std::string>>> wrong_tokens{
      {"none", {{"X-CSRF-Token", ""}}},
      {"one character", {{"X-CSRF-Token", token.substr(0, 1)}}},
      {"its first half", {{"X-CSRF-Token", token.substr(0, token.size() / 2)}}},
      {"same length, one character off", {{"X-CSRF-Token", same_length_wrong}}},
      {"longer", {{"X-CSRF-Token", token + "x"}}},
  };
  for (const auto& route : http::api::route_access()) {
    // A link's routes take no cookie: the token in the path is the credential.
    if (!is_write(route.method) || route.access == Access::anonymous || route.access == Access::calcom_signature ||
        route.access == Access::link_token) {
      continue;
    }
    for (const auto& [what, headers] : wrong_tokens) {
      SCOPED_TRACE(std::string(verb(route.method)) + " " + std::string(route.pattern) + " with a CSRF token: " + what);
      EXPECT_EQ(call(admin, route, headers), 403);
    }
  }
  // Still signed in: the refused writes changed nothing, and the right token is accepted.
  EXPECT_EQ(admin.get("/api/v1/session").status, 200);
}

TEST_F(RouteAccessTest, AdminsReachEveryRouteButTheSignedOne) {
  walk_signed_in("admin@example.com", kAdminPassword, expect_admin_answer);
}

TEST_F(RouteAccessTest, AnApiTokenNeedsNoCsrfTokenAndCarriesItsOwnersRole) {
  HttpClient member(service_.base_url());
  ASSERT_EQ(member.login("member@example.com", kPassword).status, 200);
  const auto created = member.post("/api/v1/api-tokens", {{"name", "route walk"}});
  ASSERT_EQ(created.status, 201);
  HttpClient script(service_.base_url());
  script.set_bearer(created.json().at("token").get<std::string>());
  walk(script, expect_member_answer);
}

TEST_F(RouteAccessTest, ASignedRouteRefusesAWrongSignatureWhoeverSendsIt) {
  HttpClient admin(service_.base_url());
  ASSERT_EQ(admin.login("admin@example.com", kAdminPassword).status, 200);
  for (const auto& route : http::api::route_access()) {
    if (route.access != Access::calcom_signature) continue;
    EXPECT_EQ(call(admin, route, {{"X-Cal-Signature-256", std::string(64, '0')}}), 401) << route.pattern;
  }
}

}  // namespace
}  // namespace poblysh::testing
