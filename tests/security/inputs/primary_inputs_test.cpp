// Hostile bodies for POST /api/v1/interviews/:id/primary on a booked interview: ids out of range
// or of the wrong kind, times that are not times, control characters and huge text. Each is
// refused with the field named; the interview, Cal.com's bookings and the outbox stay as they
// were; the service stays healthy.
#include <string>
#include <vector>

#include "hostile_fixture.hpp"

namespace poblysh::testing {
namespace {

using nlohmann::json;

class HostilePrimary : public HostileInterviewTest {
 protected:
  void SetUp() override {
    start_draft();
    ASSERT_FALSE(HasFailure());
    chloe_ = northwind::add_member(api_, "Chloé Dubois", "chloe@poblysh.test", "Analyst", "chloe-analyst");
    ASSERT_GT(chloe_, 0);
    book();
  }

  void expect_refused(const std::string& body, const std::string& field) { expect_refused_at("primary", body, field); }

  // A body with Chloé and her event type, `field` set to the raw JSON `value`.
  std::string with(const std::string& field, const std::string& value) const {
    json base{{"primary_team_member_id", chloe_}, {"event_type_id", 1201}};
    base.erase(field);
    std::string text = base.dump();
    text.pop_back();
    return text + ",\"" + field + "\":" + value + "}";
  }

  int chloe_ = 0;
};

TEST_F(HostilePrimary, EveryWorstValueIsRefusedAndNothingChanges) {
  // Ids out of range or of the wrong kind.
  for (const char* field : {"primary_team_member_id", "event_type_id"}) {
    for (const char* id : {"9223372036854775808", "-1", "0", "-1e300", "1.5", "\"2\"", "null", "[1]", "{\"a\":1}",
                           "true", "99999999999999999999999999"}) {
      expect_refused(with(field, id), field);
    }
  }
  // Times that are not times, or not ahead.
  for (const std::string& start : std::vector<std::string>{
           "\"next tuesday\"", "\"2026-13-45T99:99:99Z\"", "\"2020-01-06T09:00:00Z\"", "42",
           "[\"2030-01-01T00:00:00Z\"]", "\"" + std::string(100000, '9') + "\"", "\"2030-01-01T00:00:00Z\\u0000\""}) {
    expect_refused(with("start_time", start), "start_time");
  }
  expect_refused(with("keep_previous", "\"yes\""), "keep_previous");
  expect_refused(with("keep_previous", "1"), "keep_previous");
  // Reasons too long, or with characters that would carry calendar lines; and of the wrong kind.
  expect_refused(with("reason", "\"" + std::string(5000, 'x') + "\""), "reason");
  expect_refused(with("reason", "\"Ill\\r\\nSUMMARY:fake\""), "reason");
  expect_refused(with("reason", "[\"x\"]"), "reason");
  // Someone who is not a team member, and an event type the new primary does not host.
  expect_refused(with("primary_team_member_id", "123456789"), "primary_team_member_id");
  expect_refused(with("event_type_id", "1001"), "event_type_id");

  // Nothing changed: the same team and booking, no history line, no new booking, nothing queued.
  const json after = api_.get(northwind::interview_path(id_)).json();
  EXPECT_EQ(after["team"], before_["team"]);
  EXPECT_EQ(after["calcom_booking_uid"], before_["calcom_booking_uid"]);
  EXPECT_EQ(after["history"].size(), before_["history"].size());
  const json requests = sim_.admin_get("/_sim/requests")["data"];
  EXPECT_EQ(requests.value("POST /v2/bookings", 0), 1) << requests.dump();
  expect_no_people_mail_and_healthy();
}

}  // namespace
}  // namespace poblysh::testing
