// tests/directory: the directory's services over a fresh, migrated test store, with a clock the
// test moves and helpers that put rows in place through the repositories.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <utility>

#include "directory/contact_service.hpp"
#include "directory/startup_service.hpp"
#include "directory/team_service.hpp"
#include "migrated_store.hpp"
#include "store/interview_repo.hpp"
#include "store/startup_repo.hpp"
#include "store/team_member_repo.hpp"

namespace poblysh::directory {

class DirectoryTest : public testing::MigratedStoreTest {
 protected:
  // A startup as a repository stores it, without the services under test.
  domain::Startup startup(const std::string& name) {
    auto made = store::transact(db_, [&](store::Connection& c) {
      return startups_.insert(c, {name, "", ""}, clock_.now());
    });
    EXPECT_TRUE(made) << made.error().internal;
    return made.value_or(domain::Startup{});
  }
  domain::Contact contact(std::int64_t startup_id, const std::string& name, const std::string& email) {
    auto made = store::transact(db_, [&](store::Connection& c) {
      return contacts_.insert(c, startup_id, {name, email, "", "Acme", std::nullopt}, clock_.now());
    });
    EXPECT_TRUE(made) << made.error().internal;
    return made.value_or(domain::Contact{});
  }
  domain::TeamMember member(const std::string& name, const std::string& email, bool active = true) {
    auto made = store::transact(db_, [&](store::Connection& c) {
      return members_.insert(c, {name, email, "Editor", std::nullopt, std::nullopt, active}, clock_.now());
    });
    EXPECT_TRUE(made) << made.error().internal;
    return made.value_or(domain::TeamMember{});
  }
  // Northwind Robotics with two contacts (Zoe Zhang, Ines Chen), and Other Startup with one (Otto
  // Other), whose rows must stay out of answers about Northwind.
  std::pair<domain::Startup, domain::Startup> northwind_and_other() {
    const auto northwind = startup("Northwind Robotics");
    const auto other = startup("Other Startup");
    contact(northwind.id, "Zoe Zhang", "zoe@northwind.example");
    contact(northwind.id, "Ines Chen", "ines@northwind.example");
    contact(other.id, "Otto Other", "otto@other.example");
    return {northwind, other};
  }
  // A draft interview of `startup_id`, `title` its title.
  std::int64_t interview(std::int64_t startup_id, const std::string& title) {
    domain::Interview draft;
    draft.startup_id = startup_id;
    draft.title = title;
    draft.created_at = draft.updated_at = clock_.now();
    auto id = store::transact(db_, [&](store::Connection& c) { return interviews_.insert(c, draft); });
    EXPECT_TRUE(id) << id.error().internal;
    return id.value_or(0);
  }

  // A patch that fails the way a request with a field of the wrong type does, and says whether
  // it ran.
  auto refusing_patch(bool& ran) {
    return [&ran](auto&) -> Status {
      ran = true;
      return invalid_field("name", "must be text");
    };
  }

  // `service.update` of an id nobody has: its error (a default Error, whose code is internal, if
  // it succeeded); the patch must not have run.
  template <class Service>
  Error update_of_a_missing_id(Service& service) {
    bool ran = false;
    auto missing = service.update(987654, refusing_patch(ran));
    EXPECT_FALSE(missing);
    EXPECT_FALSE(ran);
    return missing ? Error{} : missing.error();
  }
  // `service.update` of `id` with a patch that fails: the patch ran, and the answer is its error.
  template <class Service>
  Error update_with_a_failing_patch(Service& service, std::int64_t id) {
    bool ran = false;
    auto refused = service.update(id, refusing_patch(ran));
    EXPECT_FALSE(refused);
    EXPECT_TRUE(ran);
    return refused ? Error{} : refused.error();
  }

  store::StartupRepo startups_;
  store::ContactRepo contacts_;
  store::TeamMemberRepo members_;
  store::InterviewRepo interviews_;
};

// The error's code, or "ok" for a value: failures print what came back.
template <class T>
std::string code_of(const Result<T>& result) {
  return result ? "ok" : code_name(result.error().code);
}

}  // namespace poblysh::directory
