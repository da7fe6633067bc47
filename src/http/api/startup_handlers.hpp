// http/api: /api/v1/startups and /api/v1/contacts — any signed-in user reads and writes.
#pragma once

#include "directory/contact_service.hpp"
#include "directory/startup_service.hpp"
#include "http/api/context.hpp"

namespace poblysh::http::api {

class StartupHandlers {
 public:
  StartupHandlers(const ApiContext& context, directory::StartupService& startups, directory::ContactService& contacts)
      : context_(context), startups_(startups), contacts_(contacts) {}

  Result<Response> search(Request& request, const Caller& caller);
  Result<Response> get(Request& request,
                       const Caller& caller);  // the startup page: the startup, its contacts and interviews
  Result<Response> create(Request& request, const Caller& caller);
  Result<Response> update(Request& request, const Caller& caller);

  Result<Response> list_contacts(Request& request, const Caller& caller);
  Result<Response> create_contact(Request& request, const Caller& caller);
  Result<Response> get_contact(Request& request, const Caller& caller);
  Result<Response> update_contact(Request& request, const Caller& caller);
  Result<Response> search_contacts(Request& request, const Caller& caller);

 private:
  const ApiContext& context_;
  directory::StartupService& startups_;
  directory::ContactService& contacts_;
};

}  // namespace poblysh::http::api
