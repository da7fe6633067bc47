// http/api: the one route table of the service.
#pragma once

#include <vector>

#include "http/api/integration_handlers.hpp"
#include "http/api/interview_handlers.hpp"
#include "http/api/session_handlers.hpp"
#include "http/api/startup_handlers.hpp"
#include "http/api/team_member_handlers.hpp"
#include "http/api/webhook_handlers.hpp"
#include "http/message.hpp"

namespace poblysh::http::api {

struct HealthProbe {
  std::function<Status()> database_ready;
};

struct Handlers {
  SessionHandlers& session;
  TeamMemberHandlers& team_members;
  StartupHandlers& startups;
  InterviewHandlers& interviews;
  IntegrationHandlers& integrations;
  HealthProbe health;
  WebhookHandlers& webhooks;
  EmailHandlers& emails;
  // Wraps the read endpoints whose answers may be kept until the next write (page_cache.hpp);
  // empty: every request reads the store.
  std::function<Handler(Handler)> cached_reads;
};

std::vector<Route> routes(Handlers handlers);

}  // namespace poblysh::http::api
