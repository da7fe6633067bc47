// http/api: /api/v1/integrations/calcom — is Cal.com working, and is it the sandbox?
#pragma once

#include "calcom/integration.hpp"
#include "http/api/context.hpp"

namespace poblysh::http::api {

class IntegrationHandlers {
 public:
  IntegrationHandlers(const ApiContext& context, calcom::Integration& calcom, std::string base_url)
      : context_(context), calcom_(calcom), base_url_(std::move(base_url)) {}

  // Any signed-in user may read the state; ?refresh=true (admins) checks Cal.com again now.
  Result<Response> calcom(Request& request, const Caller& caller);

 private:
  const ApiContext& context_;
  calcom::Integration& calcom_;
  std::string base_url_;
};

}  // namespace poblysh::http::api
