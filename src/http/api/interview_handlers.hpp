// http/api: /api/v1/interviews — the six wizard steps, lists, detail, cancel, reschedule; Markdown
// preview.
#pragma once

#include "http/api/context.hpp"
#include "scheduling/availability.hpp"
#include "scheduling/interview_service.hpp"
#include "scheduling/markdown.hpp"
#include "scheduling/scheduling_links.hpp"

namespace poblysh::http::api {

class InterviewHandlers {
 public:
  InterviewHandlers(const ApiContext& context, scheduling::InterviewService& service, interviews::InterviewViews& views,
                    scheduling::SchedulingLinks& links, calcom::Integration& calcom, std::string probe_slug,
                    const Clock& clock)
      : context_(context),
        service_(service),
        links_(links),
        views_(views),
        calcom_(calcom),
        probe_slug_(std::move(probe_slug)),
        clock_(clock) {}

  Result<Response> list(Request& request, const Caller& caller);
  Result<Response> create(Request& request, const Caller& caller);  // step 1
  Result<Response> get(Request& request, const Caller& caller);
  Result<Response> contact(Request& request, const Caller& caller);          // step 1 again
  Result<Response> availability(Request& request, const Caller& caller);     // step 2 data
  Result<Response> team(Request& request, const Caller& caller);             // step 2
  Result<Response> booking_options(Request& request, const Caller& caller);  // step 3 data
  Result<Response> booking(Request& request, const Caller& caller);          // step 3
  Result<Response> guests(Request& request, const Caller& caller);           // step 4
  Result<Response> details(Request& request, const Caller& caller);          // step 5
  Result<Response> confirm(Request& request, const Caller& caller);          // step 6
  Result<Response> cancel(Request& request, const Caller& caller);
  Result<Response> reschedule(Request& request, const Caller& caller);
  Result<Response> outcome(Request& request, const Caller& caller);  // interview_outcome_handler.cpp
  Result<Response> people(Request& request, const Caller& caller);   // guests and team, once booked
  // The primary interviewer, once booked (interview_primary_handler.cpp).
  Result<Response> primary(Request& request, const Caller& caller);
  Result<Response> markdown_preview(Request& request, const Caller& caller);
  // The caller's drafts, a draft's title, discarding a draft: draft_handlers.cpp.
  Result<Response> drafts(Request& request, const Caller& caller);
  Result<Response> title(Request& request, const Caller& caller);
  Result<Response> discard(Request& request, const Caller& caller);
  // The contact picks the time (interview_link_handler.cpp).
  Result<Response> send_link(Request& request, const Caller& caller);
  Result<Response> scheduling_link(Request& request, const Caller& caller);
  Result<Response> revoke_link(Request& request, const Caller& caller);

 private:
  using Step =
      std::function<Result<interviews::InterviewView>(const scheduling::RequestInfo&, std::int64_t, const json&)>;
  // The shape every step shares: sign in, parse, run, answer with the whole draft.
  Result<Response> step(Request& request, const Caller& caller, const Step& run);
  // A step whose body one pure reader turns into the argument of one service call.
  template <class Read, class Call>
  Result<Response> read_then(Request& request, const Caller& caller, Read read, Call call) {
    return step(request, caller,
                [&](const scheduling::RequestInfo& who, std::int64_t id,
                    const json& body) -> Result<interviews::InterviewView> {
                  ASSIGN_OR_RETURN(auto input, read(body));
                  return (service_.*call)(who, id, input);
                });
  }
  Response view_response(const Request& request, const interviews::InterviewView& view, int status = 200) const;
  // The detail with one member more (`key`: what the write itself has to tell).
  Response view_with(const Request& request, const interviews::InterviewView& view, const char* key, json value,
                     int status = 200) const;
  Result<scheduling::AvailabilityRequest> availability_request(const Request& request, std::int64_t id);
  using AvailabilityQuery =
      std::function<Result<json>(scheduling::Availability&, const scheduling::AvailabilityRequest&)>;
  // Steps 2 and 3 read Cal.com the same way; only what they ask and render differs.
  Result<Response> with_availability(Request& request, const AvailabilityQuery& run);

  const ApiContext& context_;
  scheduling::InterviewService& service_;
  scheduling::SchedulingLinks& links_;
  interviews::InterviewViews& views_;
  calcom::Integration& calcom_;
  std::string probe_slug_;
  const Clock& clock_;
  // Prep notes as HTML, for the detail every step answers with (1 MiB of recent notes).
  mutable scheduling::MarkdownCache notes_html_{1 << 20};
};

}  // namespace poblysh::http::api
