// Where an interview happens, end to end: the event type's address or phone number (Chloé's
// "Data room review" and "Phone screen" at the simulator) or the one step 5 gives, sent to Cal.com
// as its location, kept on the interview, and the LOCATION of every invitation; an address or
// number Cal.com reports later is taken.
#include "webhook_fixture.hpp"

namespace poblysh::testing {
namespace {

const std::string kParis = "12 rue de la Paix, 75002 Paris";  // event type 1202's address
const std::string kChloesLine = "+33 1 84 88 12 34";          // event type 1203's number

class PlaceTest : public WebhookTest {
 protected:
  // Steps 1–5 with Chloé as the primary interviewer and Alice beside her; `details` is step 5's body.
  int draft_with(int event_type_id, const json& details) {
    const int chloe = northwind::add_member(*api_, "Chloé Dubois", "chloe@poblysh.test", "Analyst", "chloe-analyst");
    const int id = northwind::create_draft(*api_, startup_id_);
    auto team = api_->send("PUT", path(id, "team"),
                           json{{"primary_team_member_id", event_type_id == 1001 ? alice_ : chloe},
                                {"additional_team_member_ids", {event_type_id == 1001 ? chloe : alice_}}}
                               .dump(),
                           {});
    EXPECT_EQ(team.status, 200) << team.body;
    auto options = api_->get(path(id, "booking-options")).json();
    for (const auto& type : options["event_types"]) {
      if (type["id"] == event_type_id) slots_ = type["slots"];
    }
    EXPECT_FALSE(slots_.empty()) << options.dump();
    auto booking = api_->send("PUT", path(id, "booking"),
                              json{{"event_type_id", event_type_id}, {"start_time", slots_[0]["start"]}}.dump(), {});
    EXPECT_EQ(booking.status, 200) << booking.body;
    auto step5 = api_->send("PUT", path(id, "details"), details.dump(), {});
    EXPECT_EQ(step5.status, 200) << step5.body;
    return id;
  }

  json confirm(int id) {
    auto confirmed = api_->post(path(id, "confirm"), json::object());
    EXPECT_EQ(confirmed.status, 200) << confirmed.body;
    return confirmed.json();
  }

  // The invitations received so far whose subject starts with `prefix`, once `count` have come.
  std::vector<Invitation> mails_titled(const std::string& prefix, std::size_t count) {
    std::vector<Invitation> out;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (out.size() < count && std::chrono::steady_clock::now() < deadline) {
      out.clear();
      for (const auto& mail : invitations(sink_->messages())) {
        if (mail.subject.rfind(prefix, 0) == 0) out.push_back(mail);
      }
      if (out.size() < count) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_EQ(out.size(), count) << prefix;
    return out;
  }
};

TEST_F(PlaceTest, AnInPersonInterviewSendsItsAddressToCalcomAndInEveryInvitation) {
  const int id = draft_with(1202, {{"timezone", "Europe/Paris"}});
  // The event type's address is the default from step 3 on; step 5 kept it.
  auto draft = interview(id);
  EXPECT_EQ(draft["place"], (json{{"kind", "in_person"}, {"address", kParis}, {"phone", nullptr}})) << draft.dump();
  auto booked = confirm(id);
  const std::string uid = booked["calcom_booking_uid"];
  EXPECT_EQ(sim_booking(uid)["location"], kParis) << "the booking names the organizer's address";

  auto confirmed = wait_for(id, [](const json& i) { return i["status"] == "confirmed"; });
  ASSERT_EQ(confirmed["status"], "confirmed") << confirmed.dump();
  EXPECT_EQ(confirmed["place"]["kind"], "in_person");
  EXPECT_EQ(confirmed["place"]["address"], kParis);
  const auto invited = mails_titled("Interview scheduled", 3);  // Chloé, Alice and Lena
  EXPECT_EQ(recipients(invited),
            (std::set<std::string>{"chloe@poblysh.test", "alice@poblysh.test", "lena@northwind.example"}));
  for (const auto& mail : invited) {
    EXPECT_EQ(mail.location, kParis) << mail.recipient;
    EXPECT_NE(mail.text.find("Address"), std::string::npos) << mail.text;
    EXPECT_NE(mail.text.find(kParis), std::string::npos) << mail.text;
  }
  for (const auto& mail : mails_titled("Interview confirmed", 2)) EXPECT_EQ(mail.location, kParis) << mail.recipient;
}

TEST_F(PlaceTest, APhoneInterviewSendsTheNumberAndEveryInvitationCarriesIt) {
  const int id = draft_with(1203, {{"timezone", "Europe/Paris"}});
  EXPECT_EQ(interview(id)["place"], (json{{"kind", "phone"}, {"address", nullptr}, {"phone", kChloesLine}}));
  auto booked = confirm(id);
  EXPECT_EQ(sim_booking(booked["calcom_booking_uid"])["location"], kChloesLine);
  for (const auto& mail : mails_titled("Interview scheduled", 3)) {
    EXPECT_EQ(mail.location, kChloesLine) << mail.recipient;
    EXPECT_NE(mail.text.find("Phone"), std::string::npos);
  }
}

// Step 5 may name an address the event type does not offer: Cal.com keeps its video default and
// our invitations carry the address, which Cal.com's video link later does not replace.
TEST_F(PlaceTest, StepFiveSetsAnAddressThatCalcomsVideoLinkDoesNotReplace) {
  const std::string office = "Poblysh, 5 quai de Valmy\n75010 Paris; 3rd floor";
  const int id =
      draft_with(1001, {{"timezone", "Europe/Berlin"}, {"place", {{"kind", "in_person"}, {"address", office}}}});
  EXPECT_EQ(interview(id)["place"]["address"], office);
  auto booked = confirm(id);
  EXPECT_EQ(sim_booking(booked["calcom_booking_uid"])["location"], "integrations:daily");
  auto confirmed = wait_for(id, [](const json& i) { return i["status"] == "confirmed"; });
  ASSERT_EQ(confirmed["status"], "confirmed");
  EXPECT_EQ(confirmed["place"]["kind"], "in_person");
  EXPECT_EQ(confirmed["place"]["address"], office);
  for (const auto& mail : mails_titled("Interview scheduled", 3)) EXPECT_EQ(mail.location, office) << mail.recipient;
  for (const auto& mail : mails_titled("Interview confirmed", 2)) EXPECT_EQ(mail.location, office) << mail.recipient;
}

// A video interview moved by Cal.com to a place with an address: the place follows, and the
// updated invitations say where.
TEST_F(PlaceTest, AWebhookWhoseLocationIsAnAddressSetsThePlace) {
  const int id = book();
  auto confirmed = wait_for(id, [](const json& i) { return i["status"] == "confirmed"; });
  ASSERT_EQ(confirmed["status"], "confirmed");
  EXPECT_EQ(confirmed["place"]["kind"], "video");
  const std::string first_uid = confirmed["calcom_booking_uid"];
  const std::string moved_uid = first_uid + "-moved";
  const std::string moved = rescheduled_delivery(first_uid, moved_uid, slots_[1], 1,
                                                 {{"iCalUID", sim_booking(first_uid)["icsUid"]},
                                                  {"location", kParis},
                                                  {"metadata", {{"poblysh_interview_id", std::to_string(id)}}}});
  auto answered = deliver_signed(moved);
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(answered.json()["outcome"], "applied") << answered.body;
  auto after = interview(id);
  EXPECT_EQ(after["place"], (json{{"kind", "in_person"}, {"address", kParis}, {"phone", nullptr}})) << after.dump();
  for (const auto& mail : mails_titled("Interview rescheduled", 5)) EXPECT_EQ(mail.location, kParis) << mail.recipient;
}

}  // namespace
}  // namespace poblysh::testing
