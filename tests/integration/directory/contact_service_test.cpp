// ContactService: a startup's contacts (and not_found for a missing startup), search across
// startups, get, create validated against the startup, update, and one email per startup.
#include "directory/contact_service.hpp"

#include "directory_fixture.hpp"

namespace poblysh::directory {
namespace {

using namespace std::chrono_literals;

class ContactServiceTest : public DirectoryTest {
 protected:
  ContactService service_{db_, startups_, contacts_, clock_};
};

domain::ContactFields fields(const std::string& name, const std::string& email) {
  return {name, email, "CEO", "", std::nullopt};
}

TEST_F(ContactServiceTest, AStartupsContactsAreListedByNameAndNobodyElses) {
  const auto [northwind, other] = northwind_and_other();
  auto listed = service_.list_for_startup(northwind.id, {1, {}, {}});
  ASSERT_TRUE(listed) << listed.error().internal;
  ASSERT_EQ(listed->items.size(), 1u);
  EXPECT_EQ(listed->items[0].fields.name, "Ines Chen");
  EXPECT_TRUE(listed->has_more);
  auto all = service_.list_for_startup(northwind.id, {});
  ASSERT_TRUE(all);
  EXPECT_EQ(all->items.size(), 2u);
}

TEST_F(ContactServiceTest, TheContactsOfAMissingStartupAreNotFoundNotAnEmptyList) {
  auto listed = service_.list_for_startup(987654, {});
  ASSERT_FALSE(listed);
  EXPECT_EQ(listed.error().code, ErrorCode::not_found);
  EXPECT_EQ(listed.error().message, "This startup does not exist.");
}

TEST_F(ContactServiceTest, SearchFindsNameOrEmailAcrossStartupsWithTheStartupsName) {
  const auto northwind = startup("Northwind Robotics");
  const auto other = startup("Other Startup");
  contact(northwind.id, "Ines Chen", "ines@northwind.example");
  contact(other.id, "Otto Other", "otto@northwind-partner.example");
  contact(other.id, "Nobody Else", "nobody@other.example");
  auto found = service_.search("northwind", {});
  ASSERT_TRUE(found) << found.error().internal;
  ASSERT_EQ(found->items.size(), 2u);
  EXPECT_EQ(found->items[0].contact.fields.name, "Ines Chen");
  EXPECT_EQ(found->items[0].startup_name, "Northwind Robotics");
  EXPECT_EQ(found->items[1].contact.fields.name, "Otto Other");
  EXPECT_EQ(found->items[1].startup_name, "Other Startup");
}

TEST_F(ContactServiceTest, GetFindsAContactOrAnswersNotFound) {
  const auto made = contact(startup("Acme").id, "Ines Chen", "ines@acme.example");
  auto found = service_.get(made.id);
  ASSERT_TRUE(found) << found.error().internal;
  EXPECT_EQ(found->fields.email, "ines@acme.example");
  auto missing = service_.get(987654);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  EXPECT_EQ(missing.error().message, "This contact does not exist.");
}

TEST_F(ContactServiceTest, CreateFillsAnEmptyCompanyWithTheStartupsName) {
  const auto acme = startup("Acme Rockets");
  auto made = service_.create(acme.id, fields("Ines Chen", "ines@acme.example"));
  ASSERT_TRUE(made) << made.error().internal;
  EXPECT_EQ(made->startup_id, acme.id);
  EXPECT_EQ(made->fields.company, "Acme Rockets");
  EXPECT_EQ(made->created_at, clock_.now());
  auto stored = service_.get(made->id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->fields.company, "Acme Rockets");
}

TEST_F(ContactServiceTest, CreateForAMissingStartupIsNotFoundEvenWithInvalidFields) {
  auto missing = service_.create(987654, fields("", "not an email"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found) << code_of(missing);
  EXPECT_EQ(missing.error().message, "This startup does not exist.");
}

TEST_F(ContactServiceTest, CreateRefusesInvalidFieldsAndStoresNothing) {
  const auto acme = startup("Acme");
  auto refused = service_.create(acme.id, fields("", "not an email"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_input);
  EXPECT_TRUE(refused.error().fields.contains("name"));
  EXPECT_TRUE(refused.error().fields.contains("email"));
  auto listed = service_.list_for_startup(acme.id, {});
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->items.empty());
}

TEST_F(ContactServiceTest, AStartupHasOneContactPerEmailOthersMayShareIt) {
  const auto acme = startup("Acme");
  const auto other = startup("Other");
  ASSERT_TRUE(service_.create(acme.id, fields("Ines Chen", "ines@shared.example")));
  auto taken = service_.create(acme.id, fields("Ines Again", "INES@shared.example"));
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code, ErrorCode::conflict) << code_of(taken);
  EXPECT_TRUE(taken.error().fields.contains("email"));
  EXPECT_TRUE(service_.create(other.id, fields("Ines Chen", "ines@shared.example")));
}

TEST_F(ContactServiceTest, UpdateChangesOnlyWhatThePatchChanges) {
  const auto acme = startup("Acme");
  const auto ines = contact(acme.id, "Ines Chen", "ines@acme.example");
  clock_.advance(1h);
  auto updated = service_.update(ines.id, [](domain::ContactFields& f) -> Status {
    f.title = "CTO";
    f.company = "";  // empty again: the startup's name
    return {};
  });
  ASSERT_TRUE(updated) << updated.error().internal;
  EXPECT_EQ(updated->fields.name, "Ines Chen");
  EXPECT_EQ(updated->fields.title, "CTO");
  EXPECT_EQ(updated->fields.company, "Acme");
  EXPECT_EQ(updated->updated_at, clock_.now());
}

TEST_F(ContactServiceTest, UpdateOfAMissingContactIsNotFoundBeforeThePatchRuns) {
  const auto missing = update_of_a_missing_id(service_);
  EXPECT_EQ(missing.code, ErrorCode::not_found) << code_name(missing.code);
  EXPECT_EQ(missing.message, "This contact does not exist.");
}

TEST_F(ContactServiceTest, UpdateAnswersThePatchsErrorOrTheDomainsAndChangesNothing) {
  const auto ines = contact(startup("Acme").id, "Ines Chen", "ines@acme.example");
  EXPECT_EQ(update_with_a_failing_patch(service_, ines.id).code, ErrorCode::invalid_input);
  auto invalid = service_.update(ines.id, [](domain::ContactFields& f) -> Status {
    f.email = "not an email";
    return {};
  });
  ASSERT_FALSE(invalid);
  EXPECT_EQ(invalid.error().code, ErrorCode::invalid_input);
  EXPECT_TRUE(invalid.error().fields.contains("email"));
  auto stored = service_.get(ines.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->fields.email, "ines@acme.example");
}

TEST_F(ContactServiceTest, UpdateToAnEmailAnotherContactOfTheStartupHasIsAConflict) {
  const auto acme = startup("Acme");
  contact(acme.id, "Ines Chen", "ines@acme.example");
  const auto bruno = contact(acme.id, "Bruno Keller", "bruno@acme.example");
  auto taken = service_.update(bruno.id, [](domain::ContactFields& f) -> Status {
    f.email = "ines@acme.example";
    return {};
  });
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code, ErrorCode::conflict) << code_of(taken);
  auto stored = service_.get(bruno.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->fields.email, "bruno@acme.example");
}

}  // namespace
}  // namespace poblysh::directory
