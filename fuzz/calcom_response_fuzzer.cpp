// Fuzz target: Cal.com response bodies into our types. Every parser sees every input; each
// either maps it or answers upstream_failed, without relying on the exception net.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "calcom/errors.hpp"
#include "calcom/parse.hpp"
#include "fuzz_check.hpp"

namespace {

using namespace poblysh;
using namespace poblysh::calcom;

// `guarded` turns an escaped nlohmann exception into this message: a parser bug to fix.
constexpr std::string_view kExceptionNet = "malformed Cal.com response: parser exception";

template <class T>
void check(const Result<T>& result) {
  if (result) return;
  FUZZ_CHECK(result.error().code == ErrorCode::upstream_failed);
  FUZZ_CHECK(!std::string_view(result.error().internal).starts_with(kExceptionNet));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  check(parse_me_response(body));
  check(parse_event_types_response(body));
  check(parse_slots_response(body));
  check(parse_booking_response(body));
  const int take = size > 0 ? data[0] % 101 : 0;
  auto page = parse_bookings_response(body, take);
  check(page);
  if (page && take > 0 && static_cast<int>(page->bookings.size()) < take) {
    // Without pagination info, a short page is the last one.
    FUZZ_CHECK(body.find("pagination") != std::string_view::npos || !page->has_next_page);
  }
  check(parse_webhook_response(body));
  check(parse_webhooks_response(body));

  const ApiErrorInfo info = parse_error_body(body);
  for (const int status : {400, 401, 403, 404, 409, 422, 429, 500, 503}) {
    const Error error = error_from_status(status, info, "booking");
    FUZZ_CHECK(!error.message.empty());
    const int http = http_status(error.code);
    FUZZ_CHECK(http >= 400 && http < 600);
  }
  return 0;
}
