// http/api: /api/v1/startups and /api/v1/contacts — any signed-in user reads and writes.
#pragma once

#include "core/clock.hpp"
#include "http/api/context.hpp"
#include "store/interview_repo.hpp"
#include "store/startup_repo.hpp"

namespace poblysh::http::api {

class StartupHandlers {
 public:
  StartupHandlers(const ApiContext& context, store::Database& db, store::StartupRepo& startups,
                  store::ContactRepo& contacts, store::InterviewRepo& interviews, const Clock& clock)
      : context_(context), db_(db), startups_(startups), contacts_(contacts), interviews_(interviews), clock_(clock) {}

  Response search(Request& request, const Caller& caller);
  Response get(Request& request, const Caller& caller);  // the startup page: the startup, its contacts and interviews
  Response create(Request& request, const Caller& caller);
  Response update(Request& request, const Caller& caller);

  Response list_contacts(Request& request, const Caller& caller);
  Response create_contact(Request& request, const Caller& caller);
  Response get_contact(Request& request, const Caller& caller);
  Response update_contact(Request& request, const Caller& caller);
  Response search_contacts(Request& request, const Caller& caller);

 private:
  const ApiContext& context_;
  store::Database& db_;
  store::StartupRepo& startups_;
  store::ContactRepo& contacts_;
  store::InterviewRepo& interviews_;
  const Clock& clock_;
};

}  // namespace poblysh::http::api
