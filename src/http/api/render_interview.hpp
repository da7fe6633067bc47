// http/api: interviews as JSON — the stable field names of the booking workflow API.
#pragma once

#include "http/api/json_io.hpp"
#include "scheduling/availability.hpp"
#include "scheduling/interview_service.hpp"

namespace poblysh::http::api {

// `viewer_zone`: the browser's IANA zone, for the summary's "your time" column.
json render(const scheduling::InterviewView& view, const std::string& viewer_zone, bool sandbox);
json render_row(const store::InterviewRow& row);
json render(const scheduling::TeamAvailability& availability);
json render(const scheduling::EventTypeOption& option);
json render_ranges(const std::vector<scheduling::TimeRange>& ranges);

}  // namespace poblysh::http::api
