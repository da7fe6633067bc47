// StartupService: search, the startup's record (its contacts and interviews, nobody else's),
// create and update with validation, and not_found before anything a request says.
#include "directory/startup_service.hpp"

#include "directory_fixture.hpp"

namespace poblysh::directory {
namespace {

using namespace std::chrono_literals;

class StartupServiceTest : public DirectoryTest {
 protected:
  StartupService service_{db_, startups_, contacts_, interviews_, clock_};
};

TEST_F(StartupServiceTest, SearchFindsNamesContainingTheTextAndPages) {
  startup("Orbital Kitchens");
  startup("Kitchen Sync");
  startup("Unrelated Ltd");
  auto found = service_.search("kitchen", {1, {}, {}});
  ASSERT_TRUE(found) << found.error().internal;
  ASSERT_EQ(found->items.size(), 1u);
  EXPECT_EQ(found->items[0].fields.name, "Kitchen Sync");  // by name
  EXPECT_TRUE(found->has_more);
  auto none = service_.search("nowhere", {});
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->items.empty());
}

TEST_F(StartupServiceTest, TheRecordHoldsTheStartupWithItsOwnContactsAndInterviews) {
  const auto [northwind, other] = northwind_and_other();
  const auto intro = interview(northwind.id, "Founder intro");
  interview(other.id, "Someone else's call");

  auto record = service_.record(northwind.id);
  ASSERT_TRUE(record) << record.error().internal;
  EXPECT_EQ(record->startup.id, northwind.id);
  EXPECT_EQ(record->startup.fields.name, "Northwind Robotics");
  ASSERT_EQ(record->contacts.size(), 2u);
  EXPECT_EQ(record->contacts[0].fields.name, "Ines Chen");  // by name
  EXPECT_EQ(record->contacts[1].fields.name, "Zoe Zhang");
  ASSERT_EQ(record->interviews.size(), 1u);
  EXPECT_EQ(record->interviews[0].interview.id, intro);
  EXPECT_EQ(record->interviews[0].startup_name, "Northwind Robotics");
}

TEST_F(StartupServiceTest, TheRecordHoldsAtMostItsLimitsOfContactsAndInterviews) {
  const auto big = startup("Big Startup");
  auto made = db_.transaction([&](store::Connection& c) -> Status {
    for (int i = 0; i <= StartupService::kRecordContacts; ++i) {
      const auto n = std::to_string(1000 + i);  // names sort as numbers do
      RETURN_IF_ERROR(contacts_.insert(c, big.id, {"Person " + n, n + "@big.example", "", "Big", {}}, clock_.now()));
    }
    for (int i = 0; i <= StartupService::kRecordInterviews; ++i) {
      domain::Interview draft;
      draft.startup_id = big.id;
      draft.title = "Call " + std::to_string(i);
      draft.created_at = draft.updated_at = clock_.now();
      RETURN_IF_ERROR(interviews_.insert(c, draft));
    }
    return {};
  });
  ASSERT_TRUE(made) << made.error().internal;
  auto record = service_.record(big.id);
  ASSERT_TRUE(record) << record.error().internal;
  ASSERT_EQ(record->contacts.size(), std::size_t(StartupService::kRecordContacts));
  EXPECT_EQ(record->contacts.front().fields.name, "Person 1000");
  EXPECT_EQ(record->contacts.back().fields.name, "Person " + std::to_string(999 + StartupService::kRecordContacts));
  EXPECT_EQ(record->interviews.size(), std::size_t(StartupService::kRecordInterviews));
}

TEST_F(StartupServiceTest, TheRecordOfAMissingStartupIsNotFound) {
  auto record = service_.record(987654);
  ASSERT_FALSE(record);
  EXPECT_EQ(record.error().code, ErrorCode::not_found);
  EXPECT_EQ(record.error().message, "This startup does not exist.");
}

TEST_F(StartupServiceTest, CreateStoresTheValidatedFieldsAtTheClocksTime) {
  auto made = service_.create({"  Acme  ", "https://acme.example", "Rockets"});
  ASSERT_TRUE(made) << made.error().internal;
  EXPECT_GT(made->id, 0);
  EXPECT_EQ(made->fields.name, "Acme");  // trimmed by the domain's rule
  EXPECT_EQ(made->created_at, clock_.now());
  auto stored = service_.record(made->id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->startup.fields.website, "https://acme.example");
}

TEST_F(StartupServiceTest, CreateRefusesInvalidFieldsAndStoresNothing) {
  auto refused = service_.create({"", "ftp://x", ""});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_input);
  EXPECT_TRUE(refused.error().fields.contains("name"));
  EXPECT_TRUE(refused.error().fields.contains("website"));
  auto all = service_.search("", {});
  ASSERT_TRUE(all);
  EXPECT_TRUE(all->items.empty());
}

TEST_F(StartupServiceTest, UpdateChangesOnlyWhatThePatchChanges) {
  const auto acme = startup("Acme");
  clock_.advance(1h);
  auto updated = service_.update(acme.id, [](domain::StartupFields& fields) -> Status {
    fields.description = "Now with a description";
    return {};
  });
  ASSERT_TRUE(updated) << updated.error().internal;
  EXPECT_EQ(updated->fields.name, "Acme");
  EXPECT_EQ(updated->fields.description, "Now with a description");
  EXPECT_EQ(updated->updated_at, clock_.now());
  auto stored = service_.record(acme.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->startup.fields.description, "Now with a description");
}

TEST_F(StartupServiceTest, UpdateOfAMissingStartupIsNotFoundBeforeThePatchRuns) {
  const auto missing = update_of_a_missing_id(service_);
  EXPECT_EQ(missing.code, ErrorCode::not_found) << code_name(missing.code);
}

TEST_F(StartupServiceTest, UpdateAnswersThePatchsError) {
  const auto acme = startup("Acme");
  const auto refused = update_with_a_failing_patch(service_, acme.id);
  EXPECT_EQ(refused.code, ErrorCode::invalid_input);
  EXPECT_TRUE(refused.fields.contains("name"));
}

TEST_F(StartupServiceTest, UpdateValidatesThePatchedFieldsAndChangesNothing) {
  const auto acme = startup("Acme");
  auto refused = service_.update(acme.id, [](domain::StartupFields& fields) -> Status {
    fields.website = "ftp://acme.example";
    return {};
  });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_input);
  EXPECT_TRUE(refused.error().fields.contains("website"));
  auto stored = service_.record(acme.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->startup.fields.website, "");
}

}  // namespace
}  // namespace poblysh::directory
