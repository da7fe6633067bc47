// tests/support: the people the API-level tests book interviews with, made through our API —
// Alice (primary interviewer) and Bruno on the team, Northwind Robotics with Tomás (CTO) as a
// contact, and Lena (CEO) added inline by each draft — and the wizard's first two steps.
#pragma once

#include <string>

#include "http_client.hpp"

namespace poblysh::testing::northwind {

struct People {
  int alice = 0;
  int bruno = 0;
  int startup_id = 0;
  int advisor_id = 0;  // Tomás; 0 when not added
};

// A team member; `calcom_username` empty: one not linked to Cal.com. Returns its id (0, and a
// failed expectation, when refused).
int add_member(HttpClient& api, const std::string& name, const std::string& email, const std::string& role,
               const std::string& calcom_username);

// Alice and Bruno (linked to the simulator's users), the startup (with `website` unless empty)
// and, with `with_advisor`, Tomás.
People add_people(HttpClient& api, bool with_advisor = true, const std::string& website = "");

// /api/v1/interviews/<id>[/<step>]
std::string interview_path(int id, const std::string& step = "");

// Step 1: a draft for the startup with Lena added inline; returns its id.
int create_draft(HttpClient& api, int startup_id);

// Step 2: Alice primary, Bruno the other interviewer.
void assign_team(HttpClient& api, int interview_id, const People& people);

}  // namespace poblysh::testing::northwind
