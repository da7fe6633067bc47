// InterviewRepo::find_with_people reads an interview with its startup, contact and team members
// in two statements: what it reads must be what the separate look-ups read (find, the startup,
// contact and team member repositories), on both stores.
#include <gtest/gtest.h>

#include <tuple>

#include "core/time.hpp"
#include "store/interview_repo.hpp"
#include "store/startup_repo.hpp"
#include "store/team_member_repo.hpp"
#include "store_fixture.hpp"

namespace poblysh::store::conformance {
namespace {

auto key(const domain::Interview& i) {
  std::vector<std::pair<std::int64_t, bool>> team;
  for (const auto& a : i.team) team.emplace_back(a.team_member_id, a.is_primary);
  std::vector<std::string> guests;
  for (const auto& g : i.guests) guests.push_back(g.name + "|" + g.email + "|" + g.role + "|" + g.company);
  return std::tuple(i.id, i.startup_id, i.contact_id, i.title, i.row_version, team, guests, i.custom_questions);
}
auto key(const domain::Startup& s) {
  return std::tie(s.id, s.fields.name, s.fields.website, s.fields.description, s.created_at, s.updated_at);
}
auto key(const domain::Contact& c) {
  return std::tie(c.id, c.startup_id, c.fields.name, c.fields.email, c.fields.title, c.fields.company, c.fields.phone,
                  c.created_at, c.updated_at);
}
auto key(const domain::TeamMember& m) {
  return std::tie(m.id, m.fields.name, m.fields.email, m.fields.role, m.fields.calcom_user_id, m.fields.calcom_username,
                  m.fields.active, m.created_at, m.updated_at);
}

class InterviewPeopleTest : public StoreTest {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db().migrate());
    const auto now = from_unix_ms(1'780'000'000'000);
    auto made = transact(db(), [&](Connection& c) -> Status {
      auto startup = startups_.insert(c, {"Northwind Robotics", "https://northwind.example", "Robots"}, now);
      if (!startup) return tl::unexpected(startup.error());
      startup_id_ = startup->id;
      auto contact =
          contacts_.insert(c, startup_id_, {"Ines Chen", "ines@northwind.example", "CEO", "Northwind", "+1 555"}, now);
      if (!contact) return tl::unexpected(contact.error());
      contact_id_ = contact->id;
      // Ids in the opposite order of the team's: the primary comes first whatever its id.
      for (const char* name : {"Zoe Adams", "Bruno Keller", "Alice Martin"}) {
        const std::string email = std::string(name).substr(0, 3) + "@poblysh.test";
        const bool on_calcom = member_ids_.size() == 1;  // one with Cal.com ids, the others without
        auto member = team_.insert(c,
                                   {name, email, "Editor", on_calcom ? std::optional<std::int64_t>(42) : std::nullopt,
                                    on_calcom ? std::optional<std::string>("bruno") : std::nullopt, true},
                                   now);
        if (!member) return tl::unexpected(member.error());
        member_ids_.push_back(member->id);
      }
      return {};
    });
    ASSERT_TRUE(made) << made.error().internal;
  }

  std::int64_t insert(std::optional<std::int64_t> contact_id, std::vector<domain::TeamAssignment> team) {
    domain::Interview interview;
    interview.startup_id = startup_id_;
    interview.contact_id = contact_id;
    interview.title = "Founder call";
    interview.team = std::move(team);
    interview.guests.push_back({0, "Guest One", "guest@elsewhere.example", "Advisor", "Elsewhere", std::nullopt,
                                domain::GuestInvitation::pending, std::nullopt, std::nullopt});
    interview.custom_questions = {"Why now?", "Who pays?"};
    interview.created_at = interview.updated_at = from_unix_ms(1'780'000'000'000);
    auto id = transact(db(), [&](Connection& c) { return interviews_.insert(c, interview); });
    EXPECT_TRUE(id) << id.error().internal;
    return id ? *id : 0;
  }

  // Reads the interview both ways and compares what each part holds.
  void expect_same_as_separate_reads(std::int64_t id) {
    auto both = read_with(db(), [&](Connection& c) -> Result<std::pair<InterviewWithPeople, InterviewWithPeople>> {
      auto joined = interviews_.find_with_people(c, id);
      if (!joined) return tl::unexpected(joined.error());
      auto interview = interviews_.find(c, id);
      if (!interview) return tl::unexpected(interview.error());
      if (!*joined || !*interview) return fail(ErrorCode::not_found, "no interview");
      InterviewWithPeople separate{**interview, {}, {}, {}};
      auto startup = startups_.find(c, separate.interview.startup_id);
      if (!startup) return tl::unexpected(startup.error());
      separate.startup = *startup;
      if (separate.interview.contact_id) {
        auto contact = contacts_.find(c, *separate.interview.contact_id);
        if (!contact) return tl::unexpected(contact.error());
        separate.contact = *contact;
      }
      std::vector<std::int64_t> ids;
      for (const auto& assignment : separate.interview.team) ids.push_back(assignment.team_member_id);
      auto members = team_.find_many(c, ids);
      if (!members) return tl::unexpected(members.error());
      separate.team_members = *members;
      return std::pair{std::move(**joined), std::move(separate)};
    });
    ASSERT_TRUE(both) << both.error().internal << both.error().message;
    const auto& [joined, separate] = *both;
    EXPECT_TRUE(key(joined.interview) == key(separate.interview));
    ASSERT_TRUE(joined.startup && separate.startup);
    EXPECT_TRUE(key(*joined.startup) == key(*separate.startup));
    ASSERT_EQ(joined.contact.has_value(), separate.contact.has_value());
    if (joined.contact) {
      EXPECT_TRUE(key(*joined.contact) == key(*separate.contact));
    }
    ASSERT_EQ(joined.team_members.size(), separate.team_members.size());
    for (std::size_t i = 0; i < joined.team_members.size(); ++i) {
      EXPECT_TRUE(key(joined.team_members[i]) == key(separate.team_members[i])) << "team member " << i;
    }
  }

  InterviewRepo interviews_;
  StartupRepo startups_;
  ContactRepo contacts_;
  TeamMemberRepo team_;
  std::int64_t startup_id_ = 0;
  std::int64_t contact_id_ = 0;
  std::vector<std::int64_t> member_ids_;
};

TEST_F(InterviewPeopleTest, ReadsWhatTheSeparateLookUpsRead) {
  const auto id = insert(contact_id_, {{member_ids_[2], true}, {member_ids_[0], false}, {member_ids_[1], false}});
  expect_same_as_separate_reads(id);
  auto joined = read_with(db(), [&](Connection& c) { return interviews_.find_with_people(c, id); });
  ASSERT_TRUE(joined && *joined);
  ASSERT_EQ((*joined)->team_members.size(), 3u);
  EXPECT_EQ((*joined)->team_members[0].fields.name, "Alice Martin");  // the primary first
  EXPECT_EQ((*joined)->team_members[1].fields.name, "Zoe Adams");     // then by id
  ASSERT_TRUE((*joined)->contact);
  EXPECT_EQ((*joined)->contact->fields.phone, std::optional<std::string>("+1 555"));
  EXPECT_EQ((*joined)->interview.guests.size(), 1u);
  EXPECT_EQ((*joined)->interview.custom_questions.size(), 2u);
}

// The notes' HTML is written with the notes only and read by the detail only: a save of the
// interview as another path read it (a webhook's, without the HTML) keeps it.
TEST_F(InterviewPeopleTest, TheNotesHtmlIsKeptBesideTheNotesAndReadByTheDetail) {
  const auto id = insert(contact_id_, {{member_ids_[0], true}});
  auto before = read_with(db(), [&](Connection& c) { return interviews_.find_with_people(c, id); });
  ASSERT_TRUE(before && *before);
  EXPECT_FALSE((*before)->interview.prep_notes_html.has_value()) << "none saved yet: the view renders";
  ASSERT_TRUE(transact(db(), [&](Connection& c) { return interviews_.set_notes_html(c, id, "<p>stored</p>\n"); }));
  auto plain = read_with(db(), [&](Connection& c) { return interviews_.find(c, id); });
  ASSERT_TRUE(plain && *plain);
  EXPECT_FALSE((*plain)->prep_notes_html.has_value());
  (*plain)->title = "Renamed by another path";
  ASSERT_TRUE(transact(db(), [&](Connection& c) { return interviews_.save(c, **plain); }));
  auto joined = read_with(db(), [&](Connection& c) { return interviews_.find_with_people(c, id); });
  ASSERT_TRUE(joined && *joined);
  EXPECT_EQ((*joined)->interview.title, "Renamed by another path");
  EXPECT_EQ((*joined)->interview.prep_notes_html, std::optional<std::string>("<p>stored</p>\n"));
}

// The later life of an interview (migration 0014): each new status, who did not come, the outcome
// note and Cal.com's last event are written by a save and read back by every read.
TEST_F(InterviewPeopleTest, TheOutcomeAndTheLastCalcomEventAreKept) {
  const auto id = insert(contact_id_, {{member_ids_[0], true}, {member_ids_[1], false}});
  for (auto status : {domain::InterviewStatus::awaiting_host, domain::InterviewStatus::reschedule_requested,
                      domain::InterviewStatus::completed}) {
    auto loaded = read_with(db(), [&](Connection& c) { return interviews_.find(c, id); });
    ASSERT_TRUE(loaded && *loaded);
    auto changed = **loaded;
    changed.status = status;
    ASSERT_TRUE(transact(db(), [&](Connection& c) { return interviews_.save(c, changed, **loaded); }))
        << domain::status_name(status);
    auto read = read_with(db(), [&](Connection& c) { return interviews_.find(c, id); });
    ASSERT_TRUE(read && *read);
    EXPECT_EQ((*read)->status, status);
  }
  auto loaded = read_with(db(), [&](Connection& c) { return interviews_.find(c, id); });
  ASSERT_TRUE(loaded && *loaded);
  auto changed = **loaded;
  const std::vector<domain::NoShow> absent{{domain::AbsentParty::interviewer, "", member_ids_[1]},
                                           {domain::AbsentParty::contact, "", 0},
                                           {domain::AbsentParty::guest, "guest@elsewhere.example", 0}};
  changed.no_shows = absent;
  changed.outcome_note = "Bruno was ill;\nthe guest's flight was late";
  changed.calcom_last_event = "Cal.com reported the meeting ended";
  changed.calcom_last_event_at = from_unix_ms(1'780'000'360'000);
  ASSERT_TRUE(transact(db(), [&](Connection& c) { return interviews_.save(c, changed, **loaded); }));
  auto expect_kept = [&](const domain::Interview& read) {
    EXPECT_EQ(read.no_shows, absent);
    EXPECT_EQ(read.outcome_note, changed.outcome_note);
    EXPECT_EQ(read.calcom_last_event, changed.calcom_last_event);
    EXPECT_EQ(read.calcom_last_event_at, changed.calcom_last_event_at);
    EXPECT_EQ(read.status, domain::InterviewStatus::completed);
  };
  auto plain = read_with(db(), [&](Connection& c) { return interviews_.find(c, id); });
  ASSERT_TRUE(plain && *plain);
  expect_kept(**plain);
  auto joined = read_with(db(), [&](Connection& c) { return interviews_.find_with_people(c, id); });
  ASSERT_TRUE(joined && *joined);
  expect_kept((*joined)->interview);
  InterviewFilter completed;
  completed.status = domain::InterviewStatus::completed;
  auto listed = read_with(db(), [&](Connection& c) { return interviews_.list(c, completed, PageRequest{}); });
  ASSERT_TRUE(listed) << listed.error().internal;
  ASSERT_EQ(listed->items.size(), 1u);
  expect_kept(listed->items.front().interview);

  // A present-after-all party is dropped again; nobody absent is an empty list.
  auto cleared = **plain;
  cleared.no_shows.clear();
  ASSERT_TRUE(transact(db(), [&](Connection& c) { return interviews_.save(c, cleared, **plain); }));
  auto after = read_with(db(), [&](Connection& c) { return interviews_.find(c, id); });
  ASSERT_TRUE(after && *after);
  EXPECT_TRUE((*after)->no_shows.empty());
}

TEST_F(InterviewPeopleTest, ADraftWithoutContactOrTeamHasNone) {
  const auto id = insert(std::nullopt, {});
  expect_same_as_separate_reads(id);
  auto joined = read_with(db(), [&](Connection& c) { return interviews_.find_with_people(c, id); });
  ASSERT_TRUE(joined && *joined);
  EXPECT_FALSE((*joined)->contact.has_value());
  EXPECT_TRUE((*joined)->team_members.empty());
  ASSERT_TRUE((*joined)->startup);
  EXPECT_EQ((*joined)->startup->fields.name, "Northwind Robotics");
}

TEST_F(InterviewPeopleTest, AnUnknownInterviewIsNotFound) {
  auto joined = read_with(db(), [&](Connection& c) { return interviews_.find_with_people(c, 987654); });
  ASSERT_TRUE(joined);
  EXPECT_FALSE(joined->has_value());
}

}  // namespace
}  // namespace poblysh::store::conformance
