#include "notify/email_outbox.hpp"

namespace poblysh::notify {

EmailOutbox::EmailOutbox(store::Database& db, store::OutboxRepo& outbox, const Clock& clock, std::function<void()> wake)
    : db_(db), outbox_(outbox), clock_(clock), wake_(std::move(wake)) {}

Result<store::Page<store::OutboxEntry>> EmailOutbox::list(const store::OutboxFilter& filter,
                                                          const store::PageRequest& page) {
  return store::read_with(db_, [&](store::Connection& db) { return outbox_.list(db, filter, page); });
}

Result<store::OutboxEntry> EmailOutbox::resend(std::int64_t id) {
  ASSIGN_OR_RETURN(auto entry,
                   store::transact(db_, [&](store::Connection& db) { return outbox_.resend(db, id, clock_.now()); }));
  if (wake_) wake_();
  return entry;
}

}  // namespace poblysh::notify
