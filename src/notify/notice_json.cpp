#include "notify/notice_json.hpp"

#include <array>
#include <nlohmann/json.hpp>
#include <utility>

#include "core/json_text.hpp"
#include "core/time.hpp"

namespace poblysh::notify {
namespace {

using nlohmann::json;

// Bumped when a field changes meaning; rows written by an older version keep being readable.
constexpr int kVersion = 1;

constexpr std::array<std::pair<NoticeKind, std::string_view>, 8> kKinds = {{
    {NoticeKind::created, "created"},
    {NoticeKind::confirmed, "confirmed"},
    {NoticeKind::rescheduled, "rescheduled"},
    {NoticeKind::cancelled, "cancelled"},
    {NoticeKind::reschedule_requested, "reschedule_requested"},
    {NoticeKind::added, "added"},
    {NoticeKind::removed, "removed"},
    {NoticeKind::pick_time, "pick_time"},
}};

NoticePerson person_from(const json& value) { return {value.at(0).get<std::string>(), value.at(1).get<std::string>()}; }

std::optional<SystemTime> optional_time(const json& object, const char* key) {
  const auto& value = object.at(key);
  if (value.is_null()) return std::nullopt;
  return from_unix_ms(value.get<std::int64_t>());
}

}  // namespace

// Written as text rather than as a DOM: this runs in the writer's transaction for every
// recipient. notice_from_json reads members by name, so their order is free.
namespace {

// Names and titles are user input: invalid UTF-8 is replaced rather than the change refused.
void put_string(std::string& out, std::string_view text) {
  if (is_plain_json_text(text)) {
    out += '"';
    out += text;
    out += '"';
    return;
  }
  out += json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace);
}

void put_key(std::string& out, std::string_view key) {
  out += '"';
  out += key;
  out += "\":";
}

void put_person(std::string& out, const NoticePerson& person) {
  out += '[';
  put_string(out, person.name);
  out += ',';
  put_string(out, person.email);
  out += ']';
}

void put_time(std::string& out, const std::optional<SystemTime>& time) {
  out += time ? std::to_string(to_unix_ms(*time)) : std::string("null");
}

}  // namespace

NoticeJson::NoticeJson(const QueuedNotice& queued) {
  const InterviewNotice& notice = queued.notice;
  std::string& out = shared_;
  out.reserve(512);
  out += "{\"v\":" + std::to_string(kVersion);
  out += ',';
  put_key(out, "from");
  put_person(out, {queued.from.name, queued.from.address});
  out += ',';
  put_key(out, "kind");
  put_string(out, kind_name(notice.kind));
  out += ',';
  put_key(out, "title");
  put_string(out, notice.interview_title);
  out += ',';
  put_key(out, "startup");
  put_string(out, notice.startup_name);
  out += ',';
  put_key(out, "start");
  put_time(out, notice.start);
  out += ',';
  put_key(out, "end");
  put_time(out, notice.end);
  out += ',';
  put_key(out, "prev_start");
  put_time(out, notice.previous_start);
  out += ',';
  put_key(out, "prev_end");
  put_time(out, notice.previous_end);
  out += ',';
  put_key(out, "zone");
  put_string(out, notice.meeting_time_zone);
  out += ',';
  put_key(out, "url");
  put_string(out, notice.meeting_url);
  out += ',';
  put_key(out, "provider");
  put_string(out, notice.meeting_provider);
  out += ',';
  put_key(out, "organizer");
  put_person(out, notice.organizer);
  out += ',';
  put_key(out, "attendees");
  out += '[';
  for (std::size_t i = 0; i < notice.attendees.size(); ++i) {
    if (i > 0) out += ',';
    put_person(out, notice.attendees[i]);
  }
  out += "],";
  put_key(out, "uid");
  put_string(out, notice.ical_uid);
  out += ',';
  put_key(out, "seq");
  out += std::to_string(notice.sequence);
  out += ',';
  put_key(out, "reason");
  put_string(out, notice.cancellation_reason);
  out += ',';
  put_key(out, "page");
  put_string(out, notice.interview_url);
  out += ',';
  put_key(out, "place");
  put_string(out, notice.place);
  out += ',';
  put_key(out, "place_label");
  put_string(out, notice.place_label);
}

std::string NoticeJson::for_recipient(const NoticePerson& recipient,
                                      const std::optional<std::string>& time_zone) const {
  std::string out = shared_;
  out += ',';
  put_key(out, "to");
  put_person(out, recipient);
  out += ',';
  put_key(out, "to_zone");
  if (time_zone) {
    put_string(out, *time_zone);
  } else {
    out += "null";
  }
  out += '}';
  return out;
}

std::string notice_to_json(const QueuedNotice& queued) {
  return NoticeJson(queued).for_recipient(queued.notice.recipient, queued.notice.recipient_time_zone);
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
    // Notices queued before places were kept have none: they were video calls.
    notice.place = object.value("place", std::string());
    notice.place_label = object.value("place_label", std::string());
    return queued;
  } catch (const json::exception& error) {
    return fail(ErrorCode::invalid_input, "This email could not be composed.",
                std::string("queued notice: ") + error.what());
  }
}

}  // namespace poblysh::notify
