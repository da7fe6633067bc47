#include "app/demo_interviews.hpp"

#include "scheduling/markdown.hpp"
#include "store/interview_repo.hpp"

namespace poblysh::app {
namespace {

using domain::InterviewStatus;
using std::chrono::hours;
using std::chrono::minutes;

// A tidy meeting time: `days` from today at `hour`:00 UTC, moved off weekends.
SystemTime at_hour(SystemTime now, int days, int hour) {
  using days_t = std::chrono::duration<int, std::ratio<86400>>;
  auto day = std::chrono::floor<days_t>(now) + days_t(days);
  // 1970-01-01 was a Thursday: weekday 0 = Thursday … 2 = Saturday, 3 = Sunday.
  const auto weekday = (day.time_since_epoch().count() % 7 + 7) % 7;
  if (weekday == 2) day += days_t(days >= 0 ? 2 : -1);
  if (weekday == 3) day += days_t(days >= 0 ? 1 : -2);
  return std::chrono::time_point_cast<SystemTime::duration>(day) + hours(hour);
}

domain::Interview demo(std::int64_t startup, std::int64_t contact, std::string title, InterviewStatus status,
                       SystemTime now) {
  domain::Interview interview;
  interview.startup_id = startup;
  interview.contact_id = contact;
  interview.title = std::move(title);
  interview.status = status;
  interview.timezone = "Europe/Berlin";
  interview.created_at = interview.updated_at = now;
  return interview;
}

void booked(domain::Interview& interview, std::int64_t event_type, std::string slug, std::string event_title,
            int duration, SystemTime start, std::string uid) {
  interview.event_type_id = event_type;
  interview.event_type_slug = std::move(slug);
  interview.event_type_title = std::move(event_title);
  interview.duration_minutes = duration;
  interview.start = start;
  interview.end = start + minutes(duration);
  interview.calcom_booking_uid = std::move(uid);
}

}  // namespace

Status add_demo_interviews(store::Connection& db, SystemTime now, const DemoIds& ids) {
  if (ids.team.size() < 6 || ids.startups.size() < 5 || ids.contacts.size() < 8) {
    return fail(ErrorCode::internal, "Something went wrong on our side.", "demo interviews without their people");
  }
  // The n-th (from 1) team member, startup and contact the demo data inserted.
  auto member = [&](std::size_t n) { return ids.team[n - 1]; };
  auto startup = [&](std::size_t n) { return ids.startups[n - 1]; };
  auto contact = [&](std::size_t n) { return ids.contacts[n - 1]; };
  store::InterviewRepo repo;
  std::vector<std::pair<domain::Interview, std::string>> all;

  auto confirmed =
      demo(startup(1), contact(1), "Northwind Robotics — founder interview", InterviewStatus::confirmed, now);
  booked(confirmed, 1001, "founder-interview", "Founder interview", 45, at_hour(now, 2, 9), "demo-northwind-1");
  confirmed.custom_duration = true;
  confirmed.meeting_url = "https://app.cal.com/video/demo-northwind-1";
  confirmed.meeting_provider = "Cal Video";
  confirmed.team = {{member(1), true}, {member(2), false}};
  confirmed.prep_notes_markdown =
      "## Focus\n\n- **Unit economics** of the warehouse pilots\n- Hiring plan for the next 12 months\n\n"
      "Read the [pilot report](https://northwind.example/pilot) before the call.";
  confirmed.custom_questions = {"Which customers renewed after the pilot?", "What breaks first at 10× volume?"};
  confirmed.guests = {{0, "Tomás Álvarez", "tomas@northwind.example", "CTO", "Northwind Robotics", contact(2),
                       domain::GuestInvitation::sent, now, now}};
  all.emplace_back(confirmed, "Cal.com confirmed the booking");

  auto scheduled = demo(startup(2), contact(3), "Helio Grid — first conversation", InterviewStatus::scheduled, now);
  booked(scheduled, 1201, "founder-interview", "Founder interview", 30, at_hour(now, 3, 13), "demo-heliogrid-1");
  scheduled.team = {{member(3), true}};
  scheduled.custom_questions = {"How do you price energy between neighbours?"};
  all.emplace_back(scheduled, "Booking sent to Cal.com");

  auto draft = demo(startup(3), contact(5), "Quill Health — interview", InterviewStatus::draft, now);
  draft.team = {{member(4), true}, {member(6), false}};
  all.emplace_back(draft, "Draft started");

  auto completed = demo(startup(4), contact(6), "Tidewater Analytics — deep dive", InterviewStatus::completed, now);
  booked(completed, 1003, "founder-interview-60", "Founder interview (60 min)", 60, at_hour(now, -3, 14),
         "demo-tidewater-1");
  completed.meeting_url = "https://meet.google.com/demo-tide-water";
  completed.meeting_provider = "Google Meet";
  completed.team = {{member(2), true}, {member(1), false}};
  all.emplace_back(completed, "Interview took place");

  auto cancelled = demo(startup(5), contact(8), "Lumen Learning Labs — intro", InterviewStatus::cancelled, now);
  booked(cancelled, 1301, "founder-interview", "Founder interview", 30, at_hour(now, 1, 10), "demo-lumen-1");
  cancelled.team = {{member(5), true}};
  cancelled.cancellation_reason = "The founder is travelling; they will propose a new date.";
  all.emplace_back(cancelled, cancelled.cancellation_reason);

  for (auto& [interview, note] : all) {
    ASSIGN_OR_RETURN(auto id, repo.insert(db, interview));
    if (!interview.prep_notes_markdown.empty()) {  // as set_details stores them
      ASSIGN_OR_RETURN(auto html, scheduling::render_markdown(interview.prep_notes_markdown));
      RETURN_IF_ERROR(repo.set_notes_html(db, id, html));
    }
    RETURN_IF_ERROR(repo.add_history(db, id, {now, "demo", domain::status_name(interview.status), note}));
  }
  return {};
}

}  // namespace poblysh::app
