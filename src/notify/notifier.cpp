#include "notify/notifier.hpp"

#include <sodium.h>

#include <cctype>
#include <cstdio>

namespace poblysh::notify {
namespace {

std::string lowercase(std::string_view text) {
  std::string out;
  for (char c : text) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A digest of the dedupe key (BLAKE2b; its first 8 bytes): stable across builds and platforms, unlike
// std::hash, and plenty to tell keys apart next to the row id, which is unique already.
std::uint64_t stable_hash(std::string_view text) {
  unsigned char digest[crypto_generichash_BYTES_MIN];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(text.data()), text.size(), nullptr,
                     0);
  std::uint64_t hash = 0;
  for (std::size_t i = 0; i < sizeof hash; ++i) hash = (hash << 8) | digest[i];
  return hash;
}

}  // namespace

std::string message_id_for(const MessageOrigin& origin, const Mailbox& from) {
  char local[48];
  std::snprintf(local, sizeof local, "%lld.%016llx", static_cast<long long>(origin.outbox_id),
                static_cast<unsigned long long>(stable_hash(origin.dedupe_key)));
  const auto at = from.address.find('@');
  return std::string(local) + "@" + (at == std::string::npos ? from.address : from.address.substr(at + 1));
}

Result<std::string> compose_email(const QueuedNotice& queued, const MessageOrigin& origin) {
  ASSIGN_OR_RETURN(auto rendered, render_notice(queued.notice, origin.created_at));
  MimeMessage message;
  message.from = queued.from;
  message.to = {{queued.notice.recipient.name, queued.notice.recipient.email}};
  message.subject = std::move(rendered.subject);
  message.date = origin.created_at;
  message.message_id = message_id_for(origin, queued.from);
  message.text = std::move(rendered.text);
  message.html = std::move(rendered.html);
  if (!rendered.ics.empty()) message.calendar = CalendarPart{method_name(rendered.method), std::move(rendered.ics)};
  return build_mime(message);
}

Notifier::Notifier(store::OutboxRepo& outbox, const Clock& clock, NotifierOptions options)
    : outbox_(outbox), clock_(clock), options_(std::move(options)) {}

Result<std::string> Notifier::compose(const InterviewNotice& notice) {
  return compose_email({options_.from, notice}, {0, "preview", clock_.now()});
}

Result<store::EnqueueResult> Notifier::enqueue(store::Connection& db, const InterviewNotice& notice,
                                               std::optional<std::int64_t> interview_id,
                                               std::string_view delivery_key) {
  if (delivery_key.empty()) return invalid_field("delivery_key", "is required");
  // Refuse here what could never be composed, so a bad notice fails with the change (as when
  // the email was composed in this transaction) instead of dying later in the worker.
  RETURN_IF_ERROR(check_notice(notice));
  return enqueue_row(db, notice, notice_subject(notice), notice_to_json({options_.from, notice}), interview_id,
                     delivery_key);
}

Result<int> Notifier::enqueue_each(store::Connection& db, InterviewNotice notice,
                                   const std::vector<NoticePerson>& recipients,
                                   std::optional<std::int64_t> interview_id, std::string_view delivery_key) {
  if (delivery_key.empty()) return invalid_field("delivery_key", "is required");
  if (recipients.empty()) return 0;
  notice.recipient = recipients.front();
  RETURN_IF_ERROR(check_notice(notice));
  const std::string subject = notice_subject(notice);
  const NoticeJson json({options_.from, notice});
  int created = 0;
  for (const auto& recipient : recipients) {
    if (!is_valid_address(recipient.email)) return invalid_field("recipient", "is not a valid email address");
    notice.recipient = recipient;
    ASSIGN_OR_RETURN(auto queued,
                     enqueue_row(db, notice, subject, json.for_recipient(recipient, notice.recipient_time_zone),
                                 interview_id, delivery_key));
    if (queued.created) ++created;
  }
  return created;
}

Result<store::EnqueueResult> Notifier::enqueue_row(store::Connection& db, const InterviewNotice& notice,
                                                   std::string subject, std::string json,
                                                   std::optional<std::int64_t> interview_id,
                                                   std::string_view delivery_key) {
  store::NewOutboxMessage message;
  message.interview_id = interview_id;
  message.kind = kind_name(notice.kind);
  message.recipient = notice.recipient.email;
  message.subject = std::move(subject);
  message.notice = std::move(json);
  message.dedupe_key = std::string(delivery_key) + ":" + lowercase(notice.recipient.email);
  message.held = options_.hold;
  return outbox_.enqueue(db, message, clock_.now());
}

}  // namespace poblysh::notify
