// The client against a misbehaving Cal.com (simulator faults), still through Prism: retries,
// lookups instead of duplicate bookings, 429 handling and a rejected key.
#include <chrono>
#include <thread>

#include "calcom/errors.hpp"
#include "calcom/health.hpp"
#include "prism_fixture.hpp"

namespace poblysh::calcom::contract {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

milliseconds since(Clock::time_point start) { return std::chrono::duration_cast<milliseconds>(Clock::now() - start); }

// The failed-attempt lines of the client's log.
std::vector<nlohmann::json> failures(const std::vector<nlohmann::json>& lines) {
  std::vector<nlohmann::json> out;
  for (const auto& line : lines) {
    if (line.value("msg", "") == "cal.com request failed") out.push_back(line);
  }
  return out;
}

TEST_F(ThroughPrism, A500OnCreateIsCheckedThenRetriedAndBooksExactlyOnce) {
  auto calcom = client();
  const SystemTime start = first_free_slot(*calcom);
  admin_->post("/faults", {{"errorCount", 1}, {"errorStatus", 500}, {"pathPrefix", "/v2/bookings"}});
  auto created = calcom->create_booking(booking_request("fault-500", start));
  ASSERT_TRUE(created) << created.error().internal;
  auto at_calcom = admin_->bookings_for("fault-500");
  ASSERT_EQ(at_calcom.size(), 1u);
  EXPECT_EQ(at_calcom[0]["uid"], created->uid);

  auto failed = failures(log_lines());
  ASSERT_EQ(failed.size(), 1u) << log_text();
  EXPECT_EQ(failed[0]["method"], "POST");
  EXPECT_EQ(failed[0]["path"], "/v2/bookings");
  EXPECT_EQ(failed[0]["status"], 500);
  EXPECT_EQ(failed[0]["calcom_code"], "InternalServerErrorException");
  EXPECT_EQ(failed[0]["attempt"], 1);
}

TEST_F(ThroughPrism, GatewayErrorsOnAReadAreRetriedUntilItSucceeds) {
  auto calcom = client();
  admin_->post("/faults", {{"errorCount", 2}, {"errorStatus", 503}, {"pathPrefix", "/v2/me"}});
  auto me = calcom->me(CallContext{"req-gateway"});
  ASSERT_TRUE(me) << me.error().internal;
  EXPECT_EQ(me->username, "poblysh-ops");
  EXPECT_EQ(transport_->requests(), 3);
  auto failed = failures(log_lines());
  ASSERT_EQ(failed.size(), 2u) << log_text();
  EXPECT_EQ(failed[1]["status"], 503);
  EXPECT_EQ(failed[1]["attempt"], 2);
  EXPECT_EQ(failed[1]["request_id"], "req-gateway");
}

TEST_F(ThroughPrism, ATimeoutAfterCalcomBookedIsLookedUpNotDuplicated) {
  auto opts = options(key_);
  opts.total_timeout = milliseconds(800);
  auto calcom = client(opts);
  const SystemTime start = first_free_slot(*calcom);
  // The simulator stores the booking, then hangs before answering: our request times out.
  admin_->post("/faults", {{"failAfterCommitCount", 1}, {"failAfterCommitMode", "hang"}, {"hangMs", 2500}});
  auto created = calcom->create_booking(booking_request("fault-timeout", start));
  ASSERT_TRUE(created) << created.error().internal;
  auto at_calcom = admin_->bookings_for("fault-timeout");
  ASSERT_EQ(at_calcom.size(), 1u);
  EXPECT_EQ(at_calcom[0]["uid"], created->uid);
  bool recovered = false;
  for (const auto& line : log_lines()) recovered |= line.value("msg", "").find("had taken effect") != std::string::npos;
  EXPECT_TRUE(recovered) << log_text();
}

TEST_F(ThroughPrism, ATimeoutBeforeCalcomBookedIsSentAgainAndBooksExactlyOnce) {
  auto opts = options(key_);
  opts.total_timeout = milliseconds(800);
  auto calcom = client(opts);
  const SystemTime start = first_free_slot(*calcom);
  // The first create hangs before it is handled; the lookup finds nothing, so the client sends
  // again. When the hung one is finally handled, the slot is taken: still one booking.
  admin_->post("/faults", {{"hangCount", 1}, {"hangMs", 2000}, {"pathPrefix", "/v2/bookings"}});
  auto created = calcom->create_booking(booking_request("fault-hang", start));
  ASSERT_TRUE(created) << created.error().internal;
  std::this_thread::sleep_for(milliseconds(2500));
  auto at_calcom = admin_->bookings_for("fault-hang");
  ASSERT_EQ(at_calcom.size(), 1u);
  EXPECT_EQ(at_calcom[0]["uid"], created->uid);
}

// Two calls allowed per two-second window: the third waits the window out, then succeeds; `took`
// is how long it took.
void third_call_in_a_window(SimAdmin& admin, CurlClient& calcom, bool retry_after, milliseconds& took) {
  admin.post("/rate-limit", {{"limit", 2}, {"retryAfter", retry_after}, {"windowSeconds", 2}});
  ASSERT_TRUE(calcom.me());
  ASSERT_TRUE(calcom.me());
  const auto started = Clock::now();
  auto third = calcom.me();
  ASSERT_TRUE(third) << third.error().internal;
  took = since(started);
}

TEST_F(ThroughPrism, A429WithRetryAfterIsWaitedOutThenSucceeds) {
  auto calcom = client();
  milliseconds took{};
  ASSERT_NO_FATAL_FAILURE(third_call_in_a_window(*admin_, *calcom, true, took));
  EXPECT_GE(took, milliseconds(900));  // waited for the window to end
  auto failed = failures(log_lines());
  ASSERT_GE(failed.size(), 1u);
  EXPECT_EQ(failed[0]["status"], 429);
  EXPECT_EQ(failed[0]["calcom_code"], "ThrottlerException");
}

TEST_F(ThroughPrism, A429WithoutRetryAfterUsesTheRateLimitHeaders) {
  auto calcom = client();
  milliseconds took{};
  ASSERT_NO_FATAL_FAILURE(third_call_in_a_window(*admin_, *calcom, false, took));
  EXPECT_GE(took, milliseconds(900));
  EXPECT_LT(took, milliseconds(10000));  // not the 60 s fallback
  ASSERT_GE(failures(log_lines()).size(), 1u);
}

TEST_F(ThroughPrism, A429LongerThanTheBudgetFailsFastAndHoldsBackFurtherCalls) {
  admin_->post("/rate-limit", {{"limit", 1}, {"retryAfter", true}});  // Cal.com's 60 s window
  auto calcom = client();
  ASSERT_TRUE(calcom->me());
  const auto started = Clock::now();
  auto throttled = calcom->me();
  ASSERT_FALSE(throttled);
  EXPECT_LT(since(started), milliseconds(3000));
  EXPECT_EQ(throttled.error().code, ErrorCode::rate_limited);
  ASSERT_TRUE(throttled.error().retry_after_seconds.has_value());
  EXPECT_GE(*throttled.error().retry_after_seconds, 50);
  EXPECT_LE(*throttled.error().retry_after_seconds, 60);
  const int sent = transport_->requests();
  // The key is blocked for everyone in this process: the next call does not even go out.
  auto held_back = calcom->event_types({});
  ASSERT_FALSE(held_back);
  EXPECT_EQ(held_back.error().code, ErrorCode::rate_limited);
  EXPECT_EQ(transport_->requests(), sent);
}

TEST_F(ThroughPrism, ARejectedKeyGivesAClearMessageAndNeverShowsTheKey) {
  const std::string bad_key = "cal_live_thiskeywasrevoked0123456789abcd";
  auto calcom = client(options(bad_key));
  auto me = calcom->me(CallContext{"req-bad-key"});
  ASSERT_FALSE(me);
  EXPECT_EQ(me.error().code, ErrorCode::upstream_failed);
  EXPECT_EQ(me.error().message, kKeyRejectedMessage);
  EXPECT_EQ(me.error().internal.find(bad_key), std::string::npos);
  EXPECT_EQ(transport_->requests(), 1);  // a 401 is final: no retries

  auto report = check_health(*calcom);
  EXPECT_FALSE(report.ok);
  ASSERT_EQ(report.checks.size(), 3u);
  EXPECT_EQ(report.checks[0].state, CheckState::denied);
  EXPECT_EQ(report.checks[0].reason, kKeyRejectedMessage);
  for (const auto& line : render_health_text(report)) EXPECT_EQ(line.find(bad_key), std::string::npos) << line;

  auto failed = failures(log_lines());
  ASSERT_FALSE(failed.empty());
  EXPECT_EQ(failed[0]["status"], 401);
  EXPECT_EQ(failed[0]["calcom_code"], "UnauthorizedException");
  EXPECT_EQ(failed[0]["request_id"], "req-bad-key");
  EXPECT_EQ(log_text().find(bad_key), std::string::npos) << log_text();
}

}  // namespace
}  // namespace poblysh::calcom::contract
