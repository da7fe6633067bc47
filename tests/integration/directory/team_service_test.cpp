// TeamService: the list and its filter, get, create and update with validation, one member per
// email, and deactivation that keeps everything else.
#include "directory/team_service.hpp"

#include "directory_fixture.hpp"

namespace poblysh::directory {
namespace {

using namespace std::chrono_literals;

class TeamServiceTest : public DirectoryTest {
 protected:
  TeamService service_{db_, members_, clock_};
};

domain::TeamMemberFields fields(const std::string& name, const std::string& email) {
  return {name, email, "Editor", std::nullopt, std::nullopt, true};
}

TEST_F(TeamServiceTest, TheListIsByNameAndFollowsTheFilter) {
  member("Zoe Adams", "zoe@poblysh.test");
  member("Alice Martin", "alice@poblysh.test");
  member("Bruno Keller", "bruno@poblysh.test", /*active=*/false);
  auto all = service_.list({}, {});
  ASSERT_TRUE(all) << all.error().internal;
  ASSERT_EQ(all->items.size(), 3u);
  EXPECT_EQ(all->items[0].fields.name, "Alice Martin");
  EXPECT_EQ(all->items[2].fields.name, "Zoe Adams");
  auto active = service_.list({true, ""}, {});
  ASSERT_TRUE(active);
  EXPECT_EQ(active->items.size(), 2u);
  auto matching = service_.list({std::nullopt, "bruno"}, {});
  ASSERT_TRUE(matching);
  ASSERT_EQ(matching->items.size(), 1u);
  EXPECT_FALSE(matching->items[0].fields.active);
}

TEST_F(TeamServiceTest, GetFindsAMemberOrAnswersNotFound) {
  const auto alice = member("Alice Martin", "alice@poblysh.test");
  auto found = service_.get(alice.id);
  ASSERT_TRUE(found) << found.error().internal;
  EXPECT_EQ(found->fields.email, "alice@poblysh.test");
  auto missing = service_.get(987654);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  EXPECT_EQ(missing.error().message, "This team member does not exist.");
}

TEST_F(TeamServiceTest, CreateStoresTheValidatedFields) {
  auto made = service_.create(fields("  Alice Martin ", "alice@poblysh.test"));
  ASSERT_TRUE(made) << made.error().internal;
  EXPECT_EQ(made->fields.name, "Alice Martin");
  EXPECT_TRUE(made->fields.active);
  EXPECT_EQ(made->created_at, clock_.now());
  auto stored = service_.get(made->id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->fields.name, "Alice Martin");
}

TEST_F(TeamServiceTest, CreateRefusesInvalidFieldsAndStoresNothing) {
  auto refused = service_.create({"", "not an email", "", -1, std::nullopt, true});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_input);
  for (const char* field : {"name", "email", "role", "calcom_user_id"}) {
    EXPECT_TRUE(refused.error().fields.contains(field)) << field;
  }
  auto all = service_.list({}, {});
  ASSERT_TRUE(all);
  EXPECT_TRUE(all->items.empty());
}

TEST_F(TeamServiceTest, TwoMembersCannotShareAnEmail) {
  ASSERT_TRUE(service_.create(fields("Alice Martin", "alice@poblysh.test")));
  auto taken = service_.create(fields("Another Alice", "ALICE@poblysh.test"));
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code, ErrorCode::conflict) << code_of(taken);
  const auto bruno = member("Bruno Keller", "bruno@poblysh.test");
  auto renamed = service_.update(bruno.id, [](domain::TeamMemberFields& f) -> Status {
    f.email = "alice@poblysh.test";
    return {};
  });
  ASSERT_FALSE(renamed);
  EXPECT_EQ(renamed.error().code, ErrorCode::conflict) << code_of(renamed);
}

TEST_F(TeamServiceTest, UpdateChangesOnlyWhatThePatchChanges) {
  const auto alice = member("Alice Martin", "alice@poblysh.test");
  clock_.advance(1h);
  auto updated = service_.update(alice.id, [](domain::TeamMemberFields& f) -> Status {
    f.role = "Head of Research";
    f.calcom_username = "alice";
    return {};
  });
  ASSERT_TRUE(updated) << updated.error().internal;
  EXPECT_EQ(updated->fields.name, "Alice Martin");
  EXPECT_EQ(updated->fields.role, "Head of Research");
  EXPECT_EQ(updated->fields.calcom_username, std::optional<std::string>("alice"));
  EXPECT_EQ(updated->updated_at, clock_.now());
}

TEST_F(TeamServiceTest, UpdateOfAMissingMemberIsNotFoundBeforeThePatchRuns) {
  const auto missing = update_of_a_missing_id(service_);
  EXPECT_EQ(missing.code, ErrorCode::not_found) << code_name(missing.code);
}

TEST_F(TeamServiceTest, UpdateAnswersThePatchsErrorOrTheDomainsAndChangesNothing) {
  const auto alice = member("Alice Martin", "alice@poblysh.test");
  EXPECT_EQ(update_with_a_failing_patch(service_, alice.id).code, ErrorCode::invalid_input);
  auto invalid = service_.update(alice.id, [](domain::TeamMemberFields& f) -> Status {
    f.calcom_username = "not valid!";
    return {};
  });
  ASSERT_FALSE(invalid);
  EXPECT_EQ(invalid.error().code, ErrorCode::invalid_input);
  EXPECT_TRUE(invalid.error().fields.contains("calcom_username"));
  auto stored = service_.get(alice.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->fields.calcom_username, std::nullopt);
}

TEST_F(TeamServiceTest, DeactivateKeepsTheMemberAndEverythingElse) {
  const auto alice = member("Alice Martin", "alice@poblysh.test");
  clock_.advance(1h);
  auto deactivated = service_.deactivate(alice.id);
  ASSERT_TRUE(deactivated) << deactivated.error().internal;
  EXPECT_FALSE(deactivated->fields.active);
  EXPECT_EQ(deactivated->fields.name, "Alice Martin");
  EXPECT_EQ(deactivated->fields.email, "alice@poblysh.test");
  EXPECT_EQ(deactivated->updated_at, clock_.now());
  auto stored = service_.get(alice.id);
  ASSERT_TRUE(stored);
  EXPECT_FALSE(stored->fields.active);
}

TEST_F(TeamServiceTest, DeactivatingAMissingMemberIsNotFound) {
  auto missing = service_.deactivate(987654);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  EXPECT_EQ(missing.error().message, "This team member does not exist.");
}

}  // namespace
}  // namespace poblysh::directory
