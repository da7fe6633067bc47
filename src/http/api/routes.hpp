// http/api: the one route table of the service, with each route's access.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/api/event_streams.hpp"
#include "http/api/integration_handlers.hpp"
#include "http/api/interview_handlers.hpp"
#include "http/api/link_handlers.hpp"
#include "http/api/session_handlers.hpp"
#include "http/api/startup_handlers.hpp"
#include "http/api/team_member_handlers.hpp"
#include "http/api/webhook_handlers.hpp"
#include "http/message.hpp"

namespace poblysh::http::api {

// What /readyz checks. A part that was configured but cannot work makes the instance not ready
// (a proxy or orchestrator then keeps traffic away and the operator sees why); Cal.com's own
// health is not part of it, since the service is useful while Cal.com is down.
struct HealthProbe {
  std::function<Status()> database_ready;
  // Found at start-up and fixed until the next one: part name → what is wrong with it.
  std::map<std::string, std::string> configuration_problems;
};

struct Handlers {
  const ApiContext& context;  // checks each route's access before its handler runs
  SessionHandlers& session;
  TeamMemberHandlers& team_members;
  StartupHandlers& startups;
  InterviewHandlers& interviews;
  IntegrationHandlers& integrations;
  HealthProbe health;
  WebhookHandlers& webhooks;
  EmailHandlers& emails;
  LinkHandlers& links;
  // Wraps the read endpoints whose answers may be kept until the next write (page_cache.hpp);
  // empty: every request reads the store.
  std::function<ApiHandler(ApiHandler)> cached_reads;
  EventStreams* events = nullptr;  // GET /api/v1/events (Server-Sent Events)
};

// The server's routes: each handler behind the check of its route's stated access.
std::vector<Route> routes(Handlers handlers);

// What the table states of each route, without handlers: for tests that walk every route.
struct RouteAccess {
  Method method;
  std::string_view pattern;
  Access access;
};
std::vector<RouteAccess> route_access();

}  // namespace poblysh::http::api
