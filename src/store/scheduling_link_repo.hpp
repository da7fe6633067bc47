// store: the scheduling links a contact picks a time with, found by the digest of their token.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "domain/scheduling_link.hpp"
#include "store/database.hpp"

namespace poblysh::store {

class SchedulingLinkRepo {
 public:
  // Stores a new link and returns its id; the interview's earlier links are revoked at `now`,
  // so an interview has at most one link that serves.
  Result<std::int64_t> replace(Connection& db, const domain::SchedulingLink& link, SystemTime now);
  Result<std::optional<domain::SchedulingLink>> find_by_digest(Connection& db, std::string_view token_digest);
  // The interview's latest link, revoked or not.
  Result<std::optional<domain::SchedulingLink>> latest(Connection& db, std::int64_t interview_id);
  // Revokes the interview's links that still serve; returns how many.
  Result<std::int64_t> revoke_all(Connection& db, std::int64_t interview_id, SystemTime now);
  // The first opening is kept; later ones change nothing.
  Status mark_opened(Connection& db, std::int64_t id, SystemTime now);
  // A time was picked: true when this call made it so (the link was active).
  Result<bool> mark_booked(Connection& db, std::int64_t id, SystemTime now);
};

}  // namespace poblysh::store
