// http/api: /api/v1/interviews — the six wizard steps, lists, detail, cancel; Markdown preview.
#pragma once

#include "http/api/context.hpp"
#include "scheduling/availability.hpp"
#include "scheduling/interview_service.hpp"
#include "scheduling/markdown.hpp"

namespace poblysh::http::api {

class InterviewHandlers {
 public:
  InterviewHandlers(const ApiContext& context, scheduling::InterviewService& service, interviews::InterviewViews& views,
                    store::Database& db, store::InterviewRepo& repo, calcom::Integration& calcom,
                    std::string probe_slug, const Clock& clock)
      : context_(context),
        service_(service),
        views_(views),
        db_(db),
        repo_(repo),
        calcom_(calcom),
        probe_slug_(std::move(probe_slug)),
        clock_(clock) {}

  Response list(Request& request, const Caller& caller);
  Response create(Request& request, const Caller& caller);  // step 1
  Response get(Request& request, const Caller& caller);
  Response contact(Request& request, const Caller& caller);          // step 1 again
  Response availability(Request& request, const Caller& caller);     // step 2 data
  Response team(Request& request, const Caller& caller);             // step 2
  Response booking_options(Request& request, const Caller& caller);  // step 3 data
  Response booking(Request& request, const Caller& caller);          // step 3
  Response guests(Request& request, const Caller& caller);           // step 4
  Response details(Request& request, const Caller& caller);          // step 5
  Response confirm(Request& request, const Caller& caller);          // step 6
  Response cancel(Request& request, const Caller& caller);
  Response markdown_preview(Request& request, const Caller& caller);

 private:
  using Step =
      std::function<Result<interviews::InterviewView>(const scheduling::RequestInfo&, std::int64_t, const json&)>;
  // The shape every step shares: sign in, parse, run, answer with the whole draft.
  Response step(Request& request, const Caller& caller, const Step& run);
  // A step whose body `read` reads, and whose service method `apply` takes what it read.
  template <class Choice>
  Response step(Request& request, const Caller& caller, Result<Choice> (*read)(const json&),
                Result<interviews::InterviewView> (scheduling::InterviewService::*apply)(const scheduling::RequestInfo&,
                                                                                         std::int64_t, const Choice&));
  Response view_response(const Request& request, const interviews::InterviewView& view, int status = 200) const;
  Result<scheduling::AvailabilityRequest> availability_request(const Request& request, std::int64_t id);
  using AvailabilityQuery =
      std::function<Result<json>(scheduling::Availability&, const scheduling::AvailabilityRequest&)>;
  // Steps 2 and 3 read Cal.com the same way; only what they ask and render differs.
  Response with_availability(Request& request, const AvailabilityQuery& run);

  const ApiContext& context_;
  scheduling::InterviewService& service_;
  interviews::InterviewViews& views_;
  store::Database& db_;
  store::InterviewRepo& repo_;
  calcom::Integration& calcom_;
  std::string probe_slug_;
  const Clock& clock_;
  // Prep notes as HTML, for the detail every step answers with (1 MiB of recent notes).
  mutable scheduling::MarkdownCache notes_html_{1 << 20};
};

}  // namespace poblysh::http::api
