#include "notify/notice_json.hpp"

#include <array>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/time.hpp"

namespace poblysh::notify {
namespace {

using nlohmann::json;

// Bumped when a field changes meaning; rows written by an older version keep being readable.
constexpr int kVersion = 1;

constexpr std::array<std::pair<NoticeKind, std::string_view>, 4> kKinds = {{
    {NoticeKind::created, "created"},
    {NoticeKind::confirmed, "confirmed"},
    {NoticeKind::rescheduled, "rescheduled"},
    {NoticeKind::cancelled, "cancelled"},
}};

json person_json(const NoticePerson& person) { return json::array({person.name, person.email}); }

NoticePerson person_from(const json& value) {
  return {value.at(0).get<std::string>(), value.at(1).get<std::string>()};
}

json time_json(const std::optional<SystemTime>& time) { return time ? json(to_unix_ms(*time)) : json(nullptr); }

std::optional<SystemTime> optional_time(const json& object, const char* key) {
  const auto& value = object.at(key);
  if (value.is_null()) return std::nullopt;
  return from_unix_ms(value.get<std::int64_t>());
}

}  // namespace

std::string notice_to_json(const QueuedNotice& queued) {
  const InterviewNotice& notice = queued.notice;
  json attendees = json::array();
  for (const auto& person : notice.attendees) attendees.push_back(person_json(person));
  const json object = {
      {"v", kVersion},
      {"from", json::array({queued.from.name, queued.from.address})},
      {"kind", kind_name(notice.kind)},
      {"title", notice.interview_title},
      {"startup", notice.startup_name},
      {"start", to_unix_ms(notice.start)},
      {"end", to_unix_ms(notice.end)},
      {"prev_start", time_json(notice.previous_start)},
      {"prev_end", time_json(notice.previous_end)},
      {"zone", notice.meeting_time_zone},
      {"to", person_json(notice.recipient)},
      {"to_zone", notice.recipient_time_zone ? json(*notice.recipient_time_zone) : json(nullptr)},
      {"url", notice.meeting_url},
      {"provider", notice.meeting_provider},
      {"organizer", person_json(notice.organizer)},
      {"attendees", std::move(attendees)},
      {"uid", notice.ical_uid},
      {"seq", notice.sequence},
      {"reason", notice.cancellation_reason},
      {"page", notice.interview_url},
  };
  // Names and titles are user input: replace invalid UTF-8 rather than refuse the change.
  return object.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<QueuedNotice> notice_from_json(std::string_view text) {
  const json object = json::parse(text, nullptr, false);
  if (object.is_discarded() || !object.is_object()) return invalid_field("notice", "is not a JSON object");
  try {
    if (object.at("v").get<int>() != kVersion) return invalid_field("notice", "has an unknown version");
    QueuedNotice queued;
    const auto& from = object.at("from");
    queued.from = {from.at(0).get<std::string>(), from.at(1).get<std::string>()};
    InterviewNotice& notice = queued.notice;
    const auto kind = object.at("kind").get<std::string>();
    bool known = false;
    for (const auto& [value, name] : kKinds) {
      if (name == kind) {
        notice.kind = value;
        known = true;
      }
    }
    if (!known) return invalid_field("notice", "has an unknown kind");
    notice.interview_title = object.at("title").get<std::string>();
    notice.startup_name = object.at("startup").get<std::string>();
    notice.start = from_unix_ms(object.at("start").get<std::int64_t>());
    notice.end = from_unix_ms(object.at("end").get<std::int64_t>());
    notice.previous_start = optional_time(object, "prev_start");
    notice.previous_end = optional_time(object, "prev_end");
    notice.meeting_time_zone = object.at("zone").get<std::string>();
    notice.recipient = person_from(object.at("to"));
    if (const auto& zone = object.at("to_zone"); !zone.is_null()) notice.recipient_time_zone = zone.get<std::string>();
    notice.meeting_url = object.at("url").get<std::string>();
    notice.meeting_provider = object.at("provider").get<std::string>();
    notice.organizer = person_from(object.at("organizer"));
    for (const auto& person : object.at("attendees")) notice.attendees.push_back(person_from(person));
    notice.ical_uid = object.at("uid").get<std::string>();
    notice.sequence = object.at("seq").get<int>();
    notice.cancellation_reason = object.at("reason").get<std::string>();
    notice.interview_url = object.at("page").get<std::string>();
    return queued;
  } catch (const json::exception& error) {
    return fail(ErrorCode::invalid_input, "This email could not be composed.",
                std::string("queued notice: ") + error.what());
  }
}

}  // namespace poblysh::notify
