#include "http/api/routes.hpp"

#include <array>
#include <memory>
#include <stdexcept>
#include <tuple>

namespace poblysh::http::api {
namespace {

using Handle = Response (*)(Handlers&, Request&, const Caller&);
using HandleLater = void (*)(Handlers&, Request&, Responder);
using HandleStream = StreamStart (*)(Handlers&, Request&, const Caller&);

// One row of the table. `access` comes before the handler, so a row that leaves it out does
// not compile; a row that leaves out everything after the pattern fails the static_assert.
struct Entry {
  Method method;
  std::string_view pattern;
  Access access;
  Handle handle = nullptr;
  HandleLater handle_later = nullptr;    // an async route (see http::Route)
  bool waits = false;                    // a GET that asks Cal.com: runs on a worker thread (see http::Route)
  bool cached = false;                   // its answers may be kept until the next write (page_cache.hpp)
  HandleStream handle_stream = nullptr;  // a stream (Server-Sent Events; see http::Route)
};

// The part of Handlers a handler class is: each class is one member's type.
template <class T>
T& part(Handlers& h) {
  return std::get<T&>(
      std::tie(h.session, h.team_members, h.startups, h.interviews, h.integrations, h.webhooks, h.emails, h.links));
}

template <class Member>
struct OwnerOf;
template <class T>
struct OwnerOf<Result<Response> (T::*)(Request&, const Caller&)> {
  using type = T;
};

// A handler method as a table row's function: the one place a handler's error becomes its answer
// (ApiContext::respond logs the detail and answers the error envelope).
template <auto method>
Response call(Handlers& h, Request& request, const Caller& caller) {
  using Owner = typename OwnerOf<decltype(method)>::type;
  return h.context.respond(request, (part<Owner>(h).*method)(request, caller));
}

Response healthz(Handlers&, Request&, const Caller&) { return json_response(200, {{"status", "ok"}}); }

Response readyz(Handlers& h, Request& request, const Caller&) {
  Error not_ready{ErrorCode::upstream_unavailable, "Not ready:", h.health.configuration_problems, {}, {}};
  if (auto ready = h.health.database_ready(); !ready) not_ready.fields.emplace("database", "is not reachable");
  if (not_ready.fields.empty()) return json_response(200, {{"status", "ready"}});
  const char* separator = " ";
  for (const auto& [part, problem] : not_ready.fields) {
    not_ready.message += separator + part + " " + problem;
    separator = "; ";
  }
  not_ready.message += ".";
  return error_response(std::move(not_ready), request);
}

void calcom_webhook(Handlers& h, Request& request, Responder responder) {
  h.webhooks.calcom(request, std::move(responder));
}

StreamStart interview_events(Handlers& h, Request& request, const Caller& caller) {
  return h.events->open(request, caller);
}

using enum Method;
constexpr Access anonymous = Access::anonymous;
constexpr Access member = Access::member;
constexpr Access admin = Access::admin;
constexpr Access link_token = Access::link_token;

// A GET that asks Cal.com: it may wait, so it runs on a worker thread (see http::Route).
constexpr Entry asks_calcom(Entry entry) {
  entry.waits = true;
  return entry;
}

// Its answers may be kept until the next write (page_cache.hpp).
constexpr Entry cached(Entry entry) {
  entry.cached = true;
  return entry;
}

constexpr std::array kTable{
    Entry{get, "/healthz", anonymous, healthz},
    Entry{get, "/readyz", anonymous, readyz},

    Entry{post, "/api/v1/session", anonymous, call<&SessionHandlers::login>},
    Entry{get, "/api/v1/session", member, call<&SessionHandlers::current>},
    Entry{del, "/api/v1/session", member, call<&SessionHandlers::logout>},
    Entry{post, "/api/v1/users", admin, call<&SessionHandlers::create_user>},
    Entry{post, "/api/v1/api-tokens", member, call<&SessionHandlers::create_api_token>},
    Entry{get, "/api/v1/api-tokens", member, call<&SessionHandlers::list_api_tokens>},
    Entry{del, "/api/v1/api-tokens/:id", member, call<&SessionHandlers::revoke_api_token>},

    Entry{get, "/api/v1/team-members", member, call<&TeamMemberHandlers::list>},
    Entry{post, "/api/v1/team-members", admin, call<&TeamMemberHandlers::create>},
    Entry{get, "/api/v1/team-members/:id", member, call<&TeamMemberHandlers::get>},
    Entry{patch, "/api/v1/team-members/:id", admin, call<&TeamMemberHandlers::update>},
    Entry{post, "/api/v1/team-members/:id/deactivate", admin, call<&TeamMemberHandlers::deactivate>},

    Entry{get, "/api/v1/startups", member, call<&StartupHandlers::search>},
    Entry{post, "/api/v1/startups", member, call<&StartupHandlers::create>},
    Entry{get, "/api/v1/startups/:id", member, call<&StartupHandlers::get>},
    Entry{patch, "/api/v1/startups/:id", member, call<&StartupHandlers::update>},
    Entry{get, "/api/v1/startups/:id/contacts", member, call<&StartupHandlers::list_contacts>},
    Entry{post, "/api/v1/startups/:id/contacts", member, call<&StartupHandlers::create_contact>},
    Entry{get, "/api/v1/contacts", member, call<&StartupHandlers::search_contacts>},
    Entry{get, "/api/v1/contacts/:id", member, call<&StartupHandlers::get_contact>},
    Entry{patch, "/api/v1/contacts/:id", member, call<&StartupHandlers::update_contact>},

    cached(Entry{get, "/api/v1/interviews", member, call<&InterviewHandlers::list>}),
    Entry{post, "/api/v1/interviews", member, call<&InterviewHandlers::create>},
    Entry{get, "/api/v1/interviews/:id", member, call<&InterviewHandlers::get>},
    // Drafts only (409 for a booked interview); the draft's own starter or an admin (the service says so).
    Entry{del, "/api/v1/interviews/:id", member, call<&InterviewHandlers::discard>},
    Entry{put, "/api/v1/interviews/:id/title", member, call<&InterviewHandlers::title>},
    Entry{get, "/api/v1/drafts", member, call<&InterviewHandlers::drafts>},  // the caller's own
    Entry{put, "/api/v1/interviews/:id/contact", member, call<&InterviewHandlers::contact>},
    asks_calcom(Entry{get, "/api/v1/interviews/:id/availability", member, call<&InterviewHandlers::availability>}),
    Entry{put, "/api/v1/interviews/:id/team", member, call<&InterviewHandlers::team>},
    asks_calcom(
        Entry{get, "/api/v1/interviews/:id/booking-options", member, call<&InterviewHandlers::booking_options>}),
    Entry{put, "/api/v1/interviews/:id/booking", member, call<&InterviewHandlers::booking>},
    Entry{put, "/api/v1/interviews/:id/guests", member, call<&InterviewHandlers::guests>},
    Entry{put, "/api/v1/interviews/:id/details", member, call<&InterviewHandlers::details>},
    Entry{post, "/api/v1/interviews/:id/confirm", member, call<&InterviewHandlers::confirm>},
    Entry{post, "/api/v1/interviews/:id/cancel", member, call<&InterviewHandlers::cancel>},
    Entry{post, "/api/v1/interviews/:id/reschedule", member, call<&InterviewHandlers::reschedule>},
    Entry{post, "/api/v1/interviews/:id/outcome", member, call<&InterviewHandlers::outcome>},
    Entry{post, "/api/v1/interviews/:id/people", member, call<&InterviewHandlers::people>},
    Entry{post, "/api/v1/interviews/:id/scheduling-link", member, call<&InterviewHandlers::send_link>},
    Entry{get, "/api/v1/interviews/:id/scheduling-link", member, call<&InterviewHandlers::scheduling_link>},
    Entry{del, "/api/v1/interviews/:id/scheduling-link", member, call<&InterviewHandlers::revoke_link>},
    Entry{post, "/api/v1/interviews/:id/primary", member, call<&InterviewHandlers::primary>},
    Entry{post, "/api/v1/markdown/preview", member, call<&InterviewHandlers::markdown_preview>},
    Entry{.method = get, .pattern = "/api/v1/events", .access = member, .handle_stream = interview_events},

    // A startup's contact, with the personal link staff sent (no account).
    Entry{get, "/api/v1/links/:token", link_token, call<&LinkHandlers::get>},
    asks_calcom(Entry{get, "/api/v1/links/:token/times", link_token, call<&LinkHandlers::times>}),
    Entry{post, "/api/v1/links/:token/booking", link_token, call<&LinkHandlers::book>},
    Entry{post, "/api/v1/links/:token/reschedule", link_token, call<&LinkHandlers::reschedule>},
    Entry{post, "/api/v1/links/:token/cancel", link_token, call<&LinkHandlers::cancel>},

    // Re-checking Cal.com (?refresh=true) is for admins; the handler says so to members.
    asks_calcom(Entry{get, "/api/v1/integrations/calcom", member, call<&IntegrationHandlers::calcom>}),

    Entry{.method = post,
          .pattern = "/webhooks/calcom",
          .access = Access::calcom_signature,
          .handle_later = calcom_webhook},
    Entry{get, "/api/v1/admin/webhook-deliveries", admin, call<&WebhookHandlers::list>},
    Entry{post, "/api/v1/admin/webhook-deliveries/:id/reapply", admin, call<&WebhookHandlers::reapply>},
    Entry{get, "/api/v1/admin/emails", admin, call<&EmailHandlers::list>},
    Entry{post, "/api/v1/admin/emails/:id/resend", admin, call<&EmailHandlers::resend>},
};

constexpr bool every_route_states_its_access() {
  for (const Entry& entry : kTable) {
    if (entry.access == Access::unstated) return false;
  }
  return true;
}
static_assert(every_route_states_its_access(), "every route states its access");

Result<Response> refused(const Error& error) { return tl::unexpected(error); }

}  // namespace

std::vector<Route> routes(Handlers handlers) {
  auto shared = std::make_shared<Handlers>(std::move(handlers));
  std::vector<Route> out;
  for (const Entry& entry : kTable) {
    if ((entry.handle != nullptr) + (entry.handle_later != nullptr) + (entry.handle_stream != nullptr) != 1 ||
        (entry.handle_stream && !shared->events)) {
      throw std::logic_error("route " + std::string(entry.pattern) + " needs exactly one handler");
    }
    Route route{entry.method, std::string(entry.pattern), {}, {}, entry.waits};
    const Access access = entry.access;
    if (entry.handle_stream) {
      route.stream_handler = [shared, access, handle = entry.handle_stream](Request& request) -> StreamStart {
        auto caller = shared->context.authorize(access, request);
        if (!caller) return {shared->context.respond(request, refused(caller.error())), {}};
        return handle(*shared, request, *caller);
      };
    } else if (entry.handle_later) {
      route.async_handler = [shared, access, handle = entry.handle_later](Request& request, Responder responder) {
        auto caller = shared->context.authorize(access, request);
        if (!caller) return responder.send(shared->context.respond(request, refused(caller.error())));
        handle(*shared, request, std::move(responder));
      };
    } else {
      ApiHandler handler = [shared, handle = entry.handle](Request& request, const Caller& caller) {
        return handle(*shared, request, caller);
      };
      if (entry.cached && shared->cached_reads) handler = shared->cached_reads(std::move(handler));
      route.handler = [shared, access, handler = std::move(handler)](Request& request) {
        auto caller = shared->context.authorize(access, request);
        if (!caller) return shared->context.respond(request, refused(caller.error()));
        return handler(request, *caller);
      };
    }
    out.push_back(std::move(route));
  }
  return out;
}

std::vector<RouteAccess> route_access() {
  std::vector<RouteAccess> out;
  for (const Entry& entry : kTable) out.push_back({entry.method, entry.pattern, entry.access});
  return out;
}

}  // namespace poblysh::http::api
