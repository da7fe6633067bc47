#include "http/api/routes.hpp"

namespace poblysh::http::api {

std::vector<Route> routes(Handlers h) {
  auto bind = [](auto& object, auto method) {
    return [&object, method](Request& request) { return (object.*method)(request); };
  };
  auto& session = h.session;
  auto& team = h.team_members;
  auto& startups = h.startups;
  auto& interviews = h.interviews;
  auto& integrations = h.integrations;
  auto health = h.health;
  auto& webhooks = h.webhooks;
  auto& emails = h.emails;
  auto cached = [&h](Handler handler) { return h.cached_reads ? h.cached_reads(std::move(handler)) : handler; };
  // A GET that asks Cal.com: run it on a worker thread (see Route).
  auto asks_calcom = [](Route route) {
    route.waits = true;
    return route;
  };
  return {
      {Method::get, "/healthz",
       [](Request&) {
         return json_response(200, {{"status", "ok"}});
       }},
      {Method::get, "/readyz",
       [health](Request& request) {
         if (auto ready = health.database_ready(); !ready) {
           return error_response(Error{ErrorCode::upstream_unavailable, "The database is not reachable.", {}, {}, {}},
                                 request);
         }
         return json_response(200, {{"status", "ready"}});
       }},

      {Method::post, "/api/v1/session", bind(session, &SessionHandlers::login)},
      {Method::get, "/api/v1/session", bind(session, &SessionHandlers::current)},
      {Method::del, "/api/v1/session", bind(session, &SessionHandlers::logout)},
      {Method::post, "/api/v1/users", bind(session, &SessionHandlers::create_user)},
      {Method::post, "/api/v1/api-tokens", bind(session, &SessionHandlers::create_api_token)},
      {Method::get, "/api/v1/api-tokens", bind(session, &SessionHandlers::list_api_tokens)},
      {Method::del, "/api/v1/api-tokens/:id", bind(session, &SessionHandlers::revoke_api_token)},

      {Method::get, "/api/v1/team-members", bind(team, &TeamMemberHandlers::list)},
      {Method::post, "/api/v1/team-members", bind(team, &TeamMemberHandlers::create)},
      {Method::get, "/api/v1/team-members/:id", bind(team, &TeamMemberHandlers::get)},
      {Method::patch, "/api/v1/team-members/:id", bind(team, &TeamMemberHandlers::update)},
      {Method::post, "/api/v1/team-members/:id/deactivate", bind(team, &TeamMemberHandlers::deactivate)},

      {Method::get, "/api/v1/startups", bind(startups, &StartupHandlers::search)},
      {Method::post, "/api/v1/startups", bind(startups, &StartupHandlers::create)},
      {Method::get, "/api/v1/startups/:id", bind(startups, &StartupHandlers::get)},
      {Method::patch, "/api/v1/startups/:id", bind(startups, &StartupHandlers::update)},
      {Method::get, "/api/v1/startups/:id/contacts", bind(startups, &StartupHandlers::list_contacts)},
      {Method::post, "/api/v1/startups/:id/contacts", bind(startups, &StartupHandlers::create_contact)},
      {Method::get, "/api/v1/contacts", bind(startups, &StartupHandlers::search_contacts)},
      {Method::get, "/api/v1/contacts/:id", bind(startups, &StartupHandlers::get_contact)},
      {Method::patch, "/api/v1/contacts/:id", bind(startups, &StartupHandlers::update_contact)},

      {Method::get, "/api/v1/interviews", cached(bind(interviews, &InterviewHandlers::list))},
      {Method::post, "/api/v1/interviews", bind(interviews, &InterviewHandlers::create)},
      {Method::get, "/api/v1/interviews/:id", bind(interviews, &InterviewHandlers::get)},
      {Method::put, "/api/v1/interviews/:id/contact", bind(interviews, &InterviewHandlers::contact)},
      asks_calcom(
          {Method::get, "/api/v1/interviews/:id/availability", bind(interviews, &InterviewHandlers::availability)}),
      {Method::put, "/api/v1/interviews/:id/team", bind(interviews, &InterviewHandlers::team)},
      asks_calcom({Method::get, "/api/v1/interviews/:id/booking-options",
                   bind(interviews, &InterviewHandlers::booking_options)}),
      {Method::put, "/api/v1/interviews/:id/booking", bind(interviews, &InterviewHandlers::booking)},
      {Method::put, "/api/v1/interviews/:id/guests", bind(interviews, &InterviewHandlers::guests)},
      {Method::put, "/api/v1/interviews/:id/details", bind(interviews, &InterviewHandlers::details)},
      {Method::post, "/api/v1/interviews/:id/confirm", bind(interviews, &InterviewHandlers::confirm)},
      {Method::post, "/api/v1/interviews/:id/cancel", bind(interviews, &InterviewHandlers::cancel)},
      {Method::post, "/api/v1/markdown/preview", bind(interviews, &InterviewHandlers::markdown_preview)},

      asks_calcom({Method::get, "/api/v1/integrations/calcom", bind(integrations, &IntegrationHandlers::calcom)}),

      // Signed by Cal.com (X-Cal-Signature-256), not by a session: see webhooks/webhook_receiver.hpp.
      {Method::post,
       "/webhooks/calcom",
       {},
       [&webhooks](Request& request, Responder responder) { webhooks.calcom(request, std::move(responder)); }},
      {Method::get, "/api/v1/admin/webhook-deliveries", bind(webhooks, &WebhookHandlers::list)},
      {Method::post, "/api/v1/admin/webhook-deliveries/:id/reapply", bind(webhooks, &WebhookHandlers::reapply)},
      {Method::get, "/api/v1/admin/emails", bind(emails, &EmailHandlers::list)},
      {Method::post, "/api/v1/admin/emails/:id/resend", bind(emails, &EmailHandlers::resend)},
  };
}

}  // namespace poblysh::http::api
