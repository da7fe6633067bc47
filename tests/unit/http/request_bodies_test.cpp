// Request bodies read at their edges: numbers that do not fit, and text with control characters,
// are refused with the field named, never narrowed or stored.
#include "http/api/request_bodies.hpp"

#include <gtest/gtest.h>

#include "domain/startup.hpp"
#include "domain/validation.hpp"

namespace poblysh::http::api {
namespace {

std::string problem(const Error& error, const std::string& field) {
  const auto found = error.fields.find(field);
  return found == error.fields.end() ? "" : found->second;
}

TEST(RequestBodies, ADurationBeyondItsRangeIsRefusedNotNarrowed) {
  // 4294967326 is 2^32 + 30: a narrowing cast to int read it as 30 minutes.
  for (const char* minutes :
       {"4294967326", "-4294967266", "18446744073709551615", "99999999999999999999", "481", "4"}) {
    auto choice = read_booking_choice(
        json::parse(std::string(R"({"event_type_id":1,"custom_duration_minutes":)") + minutes + "}"));
    ASSERT_FALSE(choice) << minutes;
    EXPECT_NE(problem(choice.error(), "custom_duration_minutes"), "") << minutes;
  }
  auto fine = read_booking_choice(json::parse(R"({"event_type_id":1,"custom_duration_minutes":45})"));
  ASSERT_TRUE(fine);
  EXPECT_EQ(fine->custom_duration_minutes, 45);
}

TEST(RequestBodies, IdsBeyondSixtyFourBitsAreOutOfRange) {
  auto team = read_team(json::parse(R"({"primary_team_member_id":18446744073709551615})"));
  ASSERT_FALSE(team);
  EXPECT_EQ(problem(team.error(), "primary_team_member_id"), "is out of range");
  auto additional =
      read_team(json::parse(R"({"primary_team_member_id":1,"additional_team_member_ids":[18446744073709551615]})"));
  ASSERT_FALSE(additional);
  EXPECT_NE(problem(additional.error(), "additional_team_member_ids"), "");
}

TEST(RequestBodies, ACancelReasonIsBoundedAndFreeOfControlCharacters) {
  EXPECT_TRUE(read_cancel_reason(json{{"reason", "Moved to next week.\nSorry!"}}));
  EXPECT_FALSE(read_cancel_reason(json{{"reason", std::string(1001, 'x')}}));
  EXPECT_FALSE(read_cancel_reason(json{{"reason", std::string("a\0b", 3)}}));
}

TEST(RequestBodies, AnOutcomeNamesEachAbsentPersonByParty) {
  auto choice = read_outcome(json::parse(R"({"outcome":"no_show","note":"Late\nflight",
    "absent":[{"party":"contact"},{"party":"guest","email":" Ivy@Fund.example "},{"party":"interviewer","team_member_id":8}]})"));
  ASSERT_TRUE(choice) << choice.error().message;
  EXPECT_EQ(choice->outcome, domain::Outcome::no_show);
  EXPECT_EQ(choice->note, "Late\nflight");
  ASSERT_EQ(choice->absent.size(), 3u);
  EXPECT_EQ(choice->absent[0], (domain::NoShow{domain::AbsentParty::contact, "", 0}));
  EXPECT_EQ(choice->absent[1], (domain::NoShow{domain::AbsentParty::guest, "ivy@fund.example", 0}));
  EXPECT_EQ(choice->absent[2], (domain::NoShow{domain::AbsentParty::interviewer, "", 8}));
  auto completed = read_outcome(json{{"outcome", "completed"}, {"absent", nullptr}});
  ASSERT_TRUE(completed);
  EXPECT_TRUE(completed->absent.empty());
}

TEST(RequestBodies, AnOutcomeOutOfShapeIsRefusedNamingTheField) {
  const std::vector<std::pair<const char*, const char*>> cases{
      {R"({})", "outcome"},
      {R"({"outcome":"Completed"})", "outcome"},
      {R"({"outcome":["completed"]})", "outcome"},
      {R"({"outcome":"completed","note":7})", "note"},
      {R"({"outcome":"no_show","absent":{"party":"contact"}})", "absent"},
      {R"({"outcome":"no_show","absent":[7]})", "absent[0]"},
      {R"({"outcome":"no_show","absent":[{"party":"contact"},{"party":"host"}]})", "absent[1].party"},
      {R"({"outcome":"no_show","absent":[{"party":"guest","email":""}]})", "absent[0].email"},
      {R"({"outcome":"no_show","absent":[{"party":"interviewer","team_member_id":-1}]})", "absent[0].team_member_id"},
      {R"({"outcome":"no_show","absent":[{"party":"interviewer","team_member_id":18446744073709551615}]})",
       "absent[0].team_member_id"},
  };
  for (const auto& [body, field] : cases) {
    auto refused = read_outcome(json::parse(body));
    ASSERT_FALSE(refused) << body;
    EXPECT_NE(problem(refused.error(), field), "") << body;
  }
  json crowd = json::array();
  for (int i = 0; i < 61; ++i) crowd.push_back({{"party", "contact"}});
  EXPECT_NE(problem(read_outcome(json{{"outcome", "no_show"}, {"absent", crowd}}).error(), "absent"), "");
  EXPECT_NE(problem(read_outcome(json{{"outcome", "completed"}, {"note", std::string(2001, 'n')}}).error(), "note"),
            "");
}

TEST(TextFields, NamesAreOneLineWithoutControlCharacters) {
  for (const std::string& name : {std::string("Acme\0Corp", 9), std::string("Acme\nBcc: x@evil.example"),
                                  std::string("Acme\rX"), std::string("Acme\x1b[31m"), std::string("Acme\x7f")}) {
    auto startup = domain::validated(domain::StartupFields{name, "", ""});
    ASSERT_FALSE(startup) << name;
    EXPECT_NE(problem(startup.error(), "name").find("control characters"), std::string::npos) << name;
  }
  EXPECT_TRUE(domain::validated(domain::StartupFields{"Ünïcode Robotics 🤖 — “quoted”", "", ""}));
  // Characters that reorder or hide what a reader sees: a bidi override, C1, a line separator.
  for (const std::string& hidden : {std::string("Acme \u202Egpj.exe"), std::string("Acme\u0085"),
                                    std::string("Acme\u2028x"), std::string("Acme\u2066x")}) {
    auto startup = domain::validated(domain::StartupFields{hidden, "", ""});
    ASSERT_FALSE(startup) << hidden;
    EXPECT_NE(problem(startup.error(), "name").find("U+"), std::string::npos);
  }
  EXPECT_EQ(domain::forbidden_character("x\u202Ey", domain::Lines::many), "U+202E");
  EXPECT_EQ(domain::forbidden_character("x\u0085", domain::Lines::one), "U+0085");
  EXPECT_EQ(domain::forbidden_character(std::string("a\0", 2), domain::Lines::many), "U+0000");
  // A description may have line breaks, never NUL.
  EXPECT_TRUE(domain::validated(domain::StartupFields{"Acme", "", "First line\n\tsecond line"}));
  EXPECT_FALSE(domain::validated(domain::StartupFields{"Acme", "", std::string("x\0y", 3)}));
}

// A change of people is counted before its items are read: a long list costs one comparison,
// and no item of it reaches the store.
TEST(RequestBodies, APeopleChangeOfMoreThanThirtyIsRefusedFromItsLength) {
  json ids = json::array();
  for (int i = 0; i < 31; ++i) ids.push_back(i + 1);
  auto refused = read_people_change(json{{"add_team_member_ids", ids}});
  ASSERT_FALSE(refused);
  EXPECT_NE(problem(refused.error(), "people"), "");
  ids.erase(ids.begin());
  EXPECT_TRUE(read_people_change(json{{"add_team_member_ids", ids}}));
}

TEST(RequestBodies, APeopleChangeNamesEachFieldOfTheWrongType) {
  auto refused = read_people_change(json::parse(
      R"({"add_guests":[7],"remove_guests":[1],"add_team_member_ids":["2"],"remove_team_member_ids":[1e300]})"));
  ASSERT_FALSE(refused);
  for (const char* field : {"add_guests[0]", "remove_guests[0]", "add_team_member_ids", "remove_team_member_ids"}) {
    EXPECT_NE(problem(refused.error(), field), "") << field;
  }
  auto read = read_people_change(json::parse(
      R"({"add_guests":[{"contact_id":4},{"name":"Nia","email":"nia@partner.example"}],"remove_guests":["ivy@fund.example"],"add_team_member_ids":[3],"remove_team_member_ids":[2]})"));
  ASSERT_TRUE(read) << read.error().message;
  ASSERT_EQ(read->add_guests.size(), 2u);
  EXPECT_EQ(read->add_guests[0].contact_id, 4);
  EXPECT_EQ(read->add_guests[1].typed.email, "nia@partner.example");
  EXPECT_EQ(read->remove_guests, std::vector<std::string>{"ivy@fund.example"});
  EXPECT_EQ(read->add_team, std::vector<std::int64_t>{3});
  EXPECT_EQ(read->remove_team, std::vector<std::int64_t>{2});
}

}  // namespace
}  // namespace poblysh::http::api

namespace poblysh::http::api {
namespace {

TEST(RequestBodies, ADraftTitleIsReadWithItsLimitsInStepOneAndOnItsOwn) {
  const std::string longest(200, 't');
  auto given = read_new_interview(json{{"startup_id", 1}, {"contact_id", 2}, {"title", longest}});
  ASSERT_TRUE(given);
  EXPECT_EQ(given->title, longest);
  auto absent = read_new_interview(json{{"startup_id", 1}, {"contact_id", 2}});
  ASSERT_TRUE(absent);
  EXPECT_FALSE(absent->title);
  for (const json& bad : {json(longest + "t"), json("a\rb"), json("\u202E"), json(7), json::array()}) {
    auto created = read_new_interview(json{{"startup_id", 1}, {"contact_id", 2}, {"title", bad}});
    ASSERT_FALSE(created) << bad.dump();
    EXPECT_NE(problem(created.error(), "title"), "") << bad.dump();
    auto renamed = read_draft_title(json{{"title", bad}});
    ASSERT_FALSE(renamed) << bad.dump();
    EXPECT_NE(problem(renamed.error(), "title"), "") << bad.dump();
  }
  EXPECT_EQ(problem(read_draft_title(json::object()).error(), "title"), "is required");
  EXPECT_EQ(read_draft_title(json{{"title", nullptr}}).value(), "");         // back to the default
  EXPECT_EQ(read_draft_title(json{{"title", " Seed "}}).value(), " Seed ");  // the service trims
}

TEST(RequestBodies, APrimaryChangeNamesTheMemberTheTypeAndOptionallyATime) {
  auto read = read_primary_change(
      json::parse(R"({"primary_team_member_id":4,"event_type_id":1201,"keep_previous":true,"reason":"Ill"})"));
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->change.new_primary, 4);
  EXPECT_EQ(read->event_type_id, 1201);
  EXPECT_TRUE(read->change.keep_previous);
  EXPECT_FALSE(read->change.start);  // the same time
  EXPECT_EQ(read->change.reason, "Ill");
  auto moved = read_primary_change(
      json::parse(R"({"primary_team_member_id":4,"event_type_id":1201,"start_time":"2026-05-06T10:00:00Z"})"));
  ASSERT_TRUE(moved) << moved.error().message;
  ASSERT_TRUE(moved->change.start);
  EXPECT_FALSE(moved->change.keep_previous);

  auto refused = read_primary_change(json::parse(
      R"({"primary_team_member_id":-4,"event_type_id":null,"start_time":"soon","keep_previous":"yes","reason":[1]})"));
  ASSERT_FALSE(refused);
  for (const char* field : {"primary_team_member_id", "event_type_id", "start_time", "keep_previous", "reason"}) {
    EXPECT_NE(problem(refused.error(), field), "") << field;
  }
  auto out_of_range = read_primary_change(json::parse(R"({"primary_team_member_id":9223372036854775808})"));
  ASSERT_FALSE(out_of_range);
  EXPECT_NE(problem(out_of_range.error(), "primary_team_member_id"), "");
  EXPECT_NE(problem(out_of_range.error(), "event_type_id"), "");
}

}  // namespace
}  // namespace poblysh::http::api
