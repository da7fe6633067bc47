// directory: creating and editing a startup or a team member the same way — validated by the
// domain, saved in one transaction by the kind's repository.
#pragma once

#include <cstdint>
#include <functional>
#include <utility>

#include "core/clock.hpp"
#include "domain/record.hpp"
#include "store/database.hpp"

namespace poblysh::directory {

// The changes a request makes to a record's current fields.
template <typename Fields>
using Patch = std::function<Status(Fields&)>;

template <typename Repo, typename Fields>
Result<domain::Record<Fields>> create_record(store::Database& db, Repo& repo, Fields fields, const Clock& clock) {
  ASSIGN_OR_RETURN(auto valid, validated(std::move(fields)));  // domain::validated, by ADL
  return store::transact(db, [&](store::Connection& c) { return repo.insert(c, valid, clock.now()); });
}

// The patch applies once the record is found, so a missing one is not_found (named `what`)
// whatever the request says.
template <typename Repo, typename Fields>
Result<domain::Record<Fields>> update_record(store::Database& db, Repo& repo, const char* what, std::int64_t id,
                                             const Patch<Fields>& patch, const Clock& clock) {
  return store::transact(db, [&](store::Connection& c) -> Result<domain::Record<Fields>> {
    ASSIGN_OR_RETURN(auto current, store::found(repo.find(c, id), what));
    RETURN_IF_ERROR(patch(current.fields));
    ASSIGN_OR_RETURN(auto valid, validated(std::move(current.fields)));
    return repo.update(c, id, valid, clock.now());
  });
}

}  // namespace poblysh::directory
