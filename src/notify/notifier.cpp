#include "notify/notifier.hpp"

#include <array>
#include <cctype>
#include <cstdio>

namespace poblysh::notify {
namespace {

std::string lowercase(std::string_view text) {
  std::string out;
  for (char c : text) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

Notifier::Notifier(store::OutboxRepo& outbox, const Clock& clock, NotifierOptions options)
    : outbox_(outbox), clock_(clock), options_(std::move(options)), random_(std::random_device{}()) {}

std::string Notifier::next_message_id() {
  std::array<char, 40> buffer{};
  {
    std::lock_guard lock(random_mutex_);
    std::snprintf(buffer.data(), buffer.size(), "%016llx%016llx", static_cast<unsigned long long>(random_()),
                  static_cast<unsigned long long>(random_()));
  }
  const auto at = options_.from.address.find('@');
  return std::string(buffer.data()) + "@" + options_.from.address.substr(at + 1);
}

Result<std::string> Notifier::build(const InterviewNotice& notice, const RenderedNotice& rendered, SystemTime now) {
  MimeMessage message;
  message.from = options_.from;
  message.to = {{notice.recipient.name, notice.recipient.email}};
  message.subject = rendered.subject;
  message.date = now;
  message.message_id = next_message_id();
  message.text = rendered.text;
  message.html = rendered.html;
  message.calendar = CalendarPart{method_name(rendered.method), rendered.ics};
  return build_mime(message);
}

Result<std::string> Notifier::compose(const InterviewNotice& notice) {
  const SystemTime now = clock_.now();
  auto rendered = render_notice(notice, now);
  if (!rendered) return tl::unexpected(rendered.error());
  return build(notice, *rendered, now);
}

Result<store::EnqueueResult> Notifier::enqueue(store::Connection& db, const InterviewNotice& notice,
                                               std::optional<std::int64_t> interview_id, std::string_view delivery_key) {
  if (delivery_key.empty()) return invalid_field("delivery_key", "is required");
  const SystemTime now = clock_.now();
  auto rendered = render_notice(notice, now);
  if (!rendered) return tl::unexpected(rendered.error());
  auto body = build(notice, *rendered, now);
  if (!body) return tl::unexpected(body.error());
  store::NewOutboxMessage message;
  message.interview_id = interview_id;
  message.kind = kind_name(notice.kind);
  message.recipient = notice.recipient.email;
  message.subject = rendered->subject;
  message.body = std::move(*body);
  message.dedupe_key = std::string(delivery_key) + ":" + lowercase(notice.recipient.email);
  message.held = options_.hold;
  return outbox_.enqueue(db, message, now);
}

}  // namespace poblysh::notify
