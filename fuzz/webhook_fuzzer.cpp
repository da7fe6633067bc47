// Fuzz target: a Cal.com webhook delivery — the signature check over the raw body, then the
// envelope parser; a parsed event must survive the reconciler's to_body round trip exactly.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"
#include "fuzz_check.hpp"
#include "webhooks/calcom_event.hpp"
#include "webhooks/signature.hpp"

namespace {

using namespace poblysh;
using namespace poblysh::webhooks;

void check_signature(std::string_view body) {
  const std::string secret = "whsec_fuzz";
  const std::string signature = hmac_sha256_hex(secret, body);
  FUZZ_CHECK(signature.size() == 64);
  FUZZ_CHECK(signature_matches(secret, body, signature));
  FUZZ_CHECK(!signature_matches("", body, signature));
  FUZZ_CHECK(!signature_matches(secret, body, std::nullopt));
  // An attacker's header (here: the body itself) verifies only if it is the HMAC.
  FUZZ_CHECK(signature_matches(secret, body, body) == (body == signature));
  std::string tampered = signature;
  tampered[body.size() % tampered.size()] ^= 1;
  FUZZ_CHECK(!signature_matches(secret, body, tampered));
  FUZZ_CHECK(sha256_hex(body).size() == 64);
}

void check_round_trip(const CalcomEvent& event) {
  const std::string body = to_body(event);
  auto again = parse_event(body);
  FUZZ_CHECK(again.has_value());
  FUZZ_CHECK(again->trigger == event.trigger);
  FUZZ_CHECK(again->created_at == event.created_at);
  if (!event.acts()) return;
  FUZZ_CHECK(again->uid == event.uid);
  FUZZ_CHECK(again->booking_id == event.booking_id);
  FUZZ_CHECK(again->start == event.start);
  FUZZ_CHECK(again->end == event.end);
  FUZZ_CHECK(again->status == event.status);
  FUZZ_CHECK(again->ical_uid == event.ical_uid);
  FUZZ_CHECK(again->ical_sequence == event.ical_sequence);
  FUZZ_CHECK(again->reschedule_uid == event.reschedule_uid);
  FUZZ_CHECK(again->reason == event.reason);
  FUZZ_CHECK(again->meeting_url == event.meeting_url);
  FUZZ_CHECK(again->interview_id == event.interview_id);
  FUZZ_CHECK(again->request_reschedule == event.request_reschedule);
  FUZZ_CHECK(again->marks == event.marks);
  FUZZ_CHECK(again->every_attendee_absent == event.every_attendee_absent);
  FUZZ_CHECK(again->message == event.message);
  if (event.meeting_provider == "Cal Video" || event.meeting_provider == "Google Meet" ||
      event.meeting_provider == "Zoom") {
    FUZZ_CHECK(again->meeting_provider == event.meeting_provider);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  check_signature(body);
  auto event = parse_event(body);
  if (!event) {
    // Refused deliveries are always the user's kind of error, naming the field.
    FUZZ_CHECK(event.error().code == ErrorCode::invalid_input);
    FUZZ_CHECK(!event.error().fields.empty());
    return 0;
  }
  FUZZ_CHECK(!event->trigger.empty());
  if (event->acts()) FUZZ_CHECK(!event->uid.empty());
  if (event->start && event->end) FUZZ_CHECK(*event->start < *event->end);
  FUZZ_CHECK(!dedupe_key(*event, body).empty());
  check_round_trip(*event);
  return 0;
}
