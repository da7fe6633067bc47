// Two instances started at the same moment on an empty PostgreSQL schema, both asked to load
// the demo data: migrations run once (advisory lock), the demo rows and the first admin exist
// once, and both instances serve.
#include "two_instances.hpp"

namespace poblysh::testing {
namespace {

TEST(StartTogether, TwoInstancesOnAnEmptyDatabaseLoadTheDemoDataOnce) {
  PostgresSchema schema;
  const Env env{{"POBLYSH_DATABASE_URL", schema.url()}, {"POBLYSH_DEMO_DATA", "true"}};
  std::unique_ptr<Service> first, second;
  std::string first_error, second_error;
  auto start = [&env](std::unique_ptr<Service>& service, std::string& error) {
    try {
      service = std::make_unique<Service>(env);
    } catch (const std::exception& failure) {
      error = failure.what();
    }
  };
  std::thread one(start, std::ref(first), std::ref(first_error));
  std::thread two(start, std::ref(second), std::ref(second_error));
  one.join();
  two.join();
  ASSERT_TRUE(first && second) << first_error << " / " << second_error;

  for (auto* service : {first.get(), second.get()}) {
    HttpClient client(service->base_url());
    EXPECT_EQ(client.get("/readyz").status, 200);
    const auto log = service->process().stdout_text() + service->process().stderr_text();
    EXPECT_EQ(log.find("could not create the first admin"), std::string::npos) << log;
  }
  PgQuery db(schema.url());
  EXPECT_EQ(db.number("SELECT COUNT(*) FROM users"), 1);
  EXPECT_EQ(db.number("SELECT COUNT(*) FROM startups"), db.number("SELECT COUNT(DISTINCT name) FROM startups"));
  EXPECT_EQ(db.number("SELECT COUNT(*) FROM startups"), 5);
  EXPECT_EQ(db.number("SELECT COUNT(*) FROM team_members"), 7);
  EXPECT_EQ(db.number("SELECT COUNT(*) FROM contacts"), db.number("SELECT COUNT(DISTINCT email) FROM contacts"));
  const auto interviews = db.number("SELECT COUNT(*) FROM interviews");
  EXPECT_GT(interviews, 0);
  EXPECT_EQ(interviews, db.number("SELECT COUNT(DISTINCT title) FROM interviews"));
  if (::testing::Test::HasFailure()) {
    for (auto* service : {first.get(), second.get()}) {
      std::cerr << "--- instance log ---\n" << service->process().stderr_text() << service->process().stdout_text() << "\n";
    }
  }
}

}  // namespace
}  // namespace poblysh::testing
