// http/api: interviews as JSON — the stable field names of the booking workflow API.
#pragma once

#include "http/api/json_io.hpp"
#include "scheduling/availability.hpp"
#include "scheduling/interview_service.hpp"

namespace poblysh::http::api {

// An interview's detail as JSON text. `notes_html`: its prep notes rendered (render_markdown);
// `viewer_zone`: the browser's IANA zone, for the summary's "your time" column.
std::string render_json(const interviews::InterviewView& view, const std::string& notes_html,
                        const std::string& viewer_zone, bool sandbox);
// A row of the interview list, written into a page (write_row) or as a value to embed.
void write_row(JsonWriter& out, const store::InterviewRow& row);
json render_row(const store::InterviewRow& row);
json render(const scheduling::TeamAvailability& availability);
json render(const scheduling::EventTypeOption& option);
json render_ranges(const std::vector<scheduling::TimeRange>& ranges);

}  // namespace poblysh::http::api
