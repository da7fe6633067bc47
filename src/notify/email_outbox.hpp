// notify: the email outbox as admins see it — every message queued, and sending one again.
#pragma once

#include <cstdint>
#include <functional>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "store/database.hpp"
#include "store/outbox_repo.hpp"

namespace poblysh::notify {

class EmailOutbox {
 public:
  // `wake` tells the outbox worker a message is due (does nothing when mail is held).
  EmailOutbox(store::Database& db, store::OutboxRepo& outbox, const Clock& clock, std::function<void()> wake);

  // Newest first, with the status and interview the filter asks for.
  Result<store::Page<store::OutboxEntry>> list(const store::OutboxFilter& filter, const store::PageRequest& page);
  // A message that failed for good or was held goes out again with fresh attempts; any other is
  // a conflict (it is still to be sent, or was sent), a missing one not_found.
  Result<store::OutboxEntry> resend(std::int64_t id);

 private:
  store::Database& db_;
  store::OutboxRepo& outbox_;
  const Clock& clock_;
  std::function<void()> wake_;
};

}  // namespace poblysh::notify
