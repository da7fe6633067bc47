#include "app/demo_data.hpp"

#include "app/demo_interviews.hpp"
#include "store/startup_repo.hpp"
#include "store/team_member_repo.hpp"

namespace poblysh::app {
namespace {

struct DemoStartup {
  domain::StartupFields startup;
  std::vector<domain::ContactFields> contacts;
};

// Team members carry the Cal.com usernames of the simulator's fixture users, so availability
// works out of the box in the sandbox.
std::vector<domain::TeamMemberFields> demo_team() {
  return {
      {"Alice Martin", "alice@poblysh.test", "Editor", 2, "alice-editor", true},
      {"Bruno Keller", "bruno@poblysh.test", "Head of Research", 3, "bruno-partner", true},
      {"Chloé Dubois", "chloe@poblysh.test", "Analyst", 4, "chloe-analyst", true},
      {"David Osei", "david@poblysh.test", "Associate", 5, "david-associate", true},
      {"Emma Lindqvist", "emma@poblysh.test", "Scout", 6, "emma-scout", true},
      {"Grace Holm", "grace@poblysh.test", "Writer", std::nullopt, std::nullopt, true},
      {"Farid Haddad", "farid@poblysh.test", "Former Editor", 7, "farid-ventures", false},
  };
}

std::vector<DemoStartup> demo_startups() {
  return {
      {{"Northwind Robotics", "https://northwind.example", "Warehouse robots that learn new layouts in a day."},
       {{"Lena Fischer", "lena@northwind.example", "CEO & co-founder", "", "+49 30 1234567"},
        {"Tomás Álvarez", "tomas@northwind.example", "CTO", "", std::nullopt}}},
      {{"Helio Grid", "https://heliogrid.example", "Peer-to-peer solar energy trading for apartment blocks."},
       {{"Amara Nwosu", "amara@heliogrid.example", "Founder", "", std::nullopt},
        {"Jonas Berg", "jonas@heliogrid.example", "Head of Product", "", std::nullopt}}},
      {{"Quill Health", "https://quill.example", "Clinical notes written while the doctor listens."},
       {{"Sofia Marin", "sofia@quill.example", "CEO", "", std::nullopt}}},
      {{"Tidewater Analytics", "https://tidewater.example", "Flood-risk forecasts for insurers and cities."},
       {{"Kenji Watanabe", "kenji@tidewater.example", "Co-founder", "", std::nullopt},
        {"Priya Raman", "priya@tidewater.example", "Chief Scientist", "", std::nullopt}}},
      {{"Lumen Learning Labs", "https://lumenlabs.example", "Adaptive maths tutoring for secondary schools."},
       {{"Marc Dubois", "marc@lumenlabs.example", "Founder & CEO", "", std::nullopt}}},
  };
}

}  // namespace

Result<bool> load_demo_data(store::Database& db, const Clock& clock) {
  store::StartupRepo startups;
  store::ContactRepo contacts;
  store::TeamMemberRepo team;
  return store::transact(db, [&](store::Connection& connection) -> Result<bool> {
    ASSIGN_OR_RETURN(auto existing, connection.query_one("SELECT COUNT(*) FROM startups"));
    if (existing->integer(0) > 0) return false;
    const auto now = clock.now();
    DemoIds ids;
    for (const auto& member : demo_team()) {
      ASSIGN_OR_RETURN(auto added, team.insert(connection, member, now));
      ids.team.push_back(added.id);
    }
    for (const auto& demo : demo_startups()) {
      ASSIGN_OR_RETURN(auto startup, startups.insert(connection, demo.startup, now));
      ids.startups.push_back(startup.id);
      for (auto contact : demo.contacts) {
        contact.company = demo.startup.name;
        ASSIGN_OR_RETURN(auto added, contacts.insert(connection, startup.id, contact, now));
        ids.contacts.push_back(added.id);
      }
    }
    RETURN_IF_ERROR(add_demo_interviews(connection, now, ids));
    return true;
  });
}

}  // namespace poblysh::app
