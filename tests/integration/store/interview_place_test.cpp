// Migration 0017: an interview's place (domain/interview_place.hpp) is written by insert and save
// and read back by every read, on both stores; the column takes the three kinds and no other.
#include <gtest/gtest.h>

#include "core/time.hpp"
#include "store/interview_repo.hpp"
#include "store/startup_repo.hpp"
#include "store_fixture.hpp"

namespace poblysh::store::conformance {
namespace {

class InterviewPlaceStore : public StoreTest {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db().migrate());
    auto startup = transact(db(), [&](Connection& c) {
      return startups_.insert(c, {"Northwind Robotics", "https://northwind.example", "Robots"}, kNow);
    });
    ASSERT_TRUE(startup) << startup.error().internal;
    startup_id_ = startup->id;
  }

  domain::Interview read(std::int64_t id) {
    auto found = read_with(db(), [&](Connection& c) { return interviews_.find(c, id); });
    EXPECT_TRUE(found && *found);
    return found && *found ? **found : domain::Interview{};
  }

  static constexpr auto kNow = SystemTime(std::chrono::milliseconds(1'780'000'000'000));
  InterviewRepo interviews_;
  StartupRepo startups_;
  std::int64_t startup_id_ = 0;
};

TEST_F(InterviewPlaceStore, ThePlaceIsWrittenAndReadByEveryRead) {
  domain::Interview interview;
  interview.startup_id = startup_id_;
  interview.title = "Founder visit";
  interview.created_at = interview.updated_at = kNow;
  interview.place = {domain::PlaceKind::in_person, "12 rue de la Paix,\n75002 Paris; 2nd floor"};
  auto id = transact(db(), [&](Connection& c) { return interviews_.insert(c, interview); });
  ASSERT_TRUE(id) << id.error().internal;
  EXPECT_EQ(read(*id).place, interview.place);

  auto loaded = read(*id);
  auto changed = loaded;
  changed.place = {domain::PlaceKind::phone, "+33 1 84 88 12 34"};
  ASSERT_TRUE(transact(db(), [&](Connection& c) { return interviews_.save(c, changed, loaded); }));
  EXPECT_EQ(read(*id).place, changed.place);
  auto joined = read_with(db(), [&](Connection& c) { return interviews_.find_with_people(c, *id); });
  ASSERT_TRUE(joined && *joined);
  EXPECT_EQ((*joined)->interview.place, changed.place);
  auto listed = read_with(db(), [&](Connection& c) { return interviews_.list(c, InterviewFilter{}, PageRequest{}); });
  ASSERT_TRUE(listed) << listed.error().internal;
  ASSERT_EQ(listed->items.size(), 1u);
  EXPECT_EQ(listed->items.front().interview.place, changed.place);

  auto video = read(*id);
  video.place = {};
  ASSERT_TRUE(transact(db(), [&](Connection& c) { return interviews_.save(c, video); }));
  EXPECT_EQ(read(*id).place, domain::Place{});
}

TEST_F(InterviewPlaceStore, AnInterviewMadeBeforeIsAVideoCallAndTheKindColumnRefusesOthers) {
  run("INSERT INTO interviews (startup_id, title, status, created_at, updated_at, sort_at) VALUES (?, 't', 'draft', 0, "
      "0, 0)",
      {startup_id_});
  auto rows =
      read_with(db(), [&](Connection& c) { return c.query("SELECT id, place_kind, place_detail FROM interviews"); });
  ASSERT_TRUE(rows && rows->size() == 1u);
  EXPECT_EQ(rows->front().text(1), "video");
  EXPECT_EQ(rows->front().text(2), "");
  EXPECT_EQ(read(rows->front().integer(0)).place, domain::Place{});
  for (const char* kind : {"in_person", "phone", "video"}) {
    run("UPDATE interviews SET place_kind = ?", {std::string(kind)});
  }
  for (const char* kind : {"bogus", "", "In_Person"}) {
    auto refused = db().transaction([&](Connection& c) -> Status {
      RETURN_IF_ERROR(c.execute("UPDATE interviews SET place_kind = ?", {std::string(kind)}));
      return {};
    });
    EXPECT_FALSE(refused) << kind;
  }
}

}  // namespace
}  // namespace poblysh::store::conformance
