#include "http/api/webhook_handlers.hpp"

#include "http/api/request_queries.hpp"

namespace poblysh::http::api {
namespace {

json render_email(const store::OutboxEntry& entry) {
  return {{"id", entry.id},
          {"interview_id", entry.interview_id ? json(*entry.interview_id) : json(nullptr)},
          {"kind", entry.kind},
          {"recipient", entry.recipient},
          {"subject", entry.subject},
          {"status", store::outbox_status_name(entry.status)},
          {"attempts", entry.attempts},
          {"next_attempt_at", iso(entry.next_attempt_at)},
          {"last_error", entry.last_error.empty() ? json(nullptr) : json(entry.last_error)},
          {"created_at", iso(entry.created_at)},
          {"sent_at", iso_or_null(entry.sent_at)}};
}

// Written as text, as Cal.com's every delivery is answered with one (the keys in the order a
// json object's dump gave them); the access log line tells the receipt too.
Response receipt_response(const webhooks::Receipt& receipt) {
  JsonWriter out;
  out.begin_object()
      .key("delivery_id")
      .value(receipt.delivery_id)
      .key("detail")
      .value(receipt.detail)
      .key("interview_id")
      .value(receipt.interview_id)
      .key("outcome")
      .value(store::outcome_name(receipt.outcome))
      .end_object();
  Response response = Response::json_text(200, out.take());
  response.log_fields = webhooks::log_fields(receipt);
  return response;
}

}  // namespace

json render(const store::Delivery& d) {
  return {{"id", d.id},
          {"source", d.source == store::DeliverySource::sync ? "sync" : "webhook"},
          {"trigger", d.trigger},
          {"booking_uid", d.booking_uid.empty() ? json(nullptr) : json(d.booking_uid)},
          {"event_created_at", iso_or_null(d.event_created_at)},
          {"received_at", iso(d.received_at)},
          {"outcome", store::outcome_name(d.outcome)},
          {"interview_id", d.interview_id ? json(*d.interview_id) : json(nullptr)},
          {"duplicate_of", d.duplicate_of ? json(*d.duplicate_of) : json(nullptr)},
          {"detail", d.detail},
          {"reapplied_at", iso_or_null(d.reapplied_at)}};
}

void WebhookHandlers::calcom(Request& request, Responder responder) {
  receiver_.receive(
      request.body, [responder](std::function<void()> task) { responder.post(std::move(task)); },
      // `request` lives until the answer is sent.
      [this, &request, responder](Result<webhooks::Receipt> receipt) {
        // Outcomes other than "applied" are still a success for Cal.com: it must not resend them.
        Result<Response> answer = receipt.map([](const webhooks::Receipt& r) { return receipt_response(r); });
        responder.send(context_.respond(request, std::move(answer)));
      });
}

Result<Response> WebhookHandlers::list(Request& request, const Caller&) {
  ASSIGN_OR_RETURN(auto filter, read_delivery_filter(request));
  ASSIGN_OR_RETURN(auto page, page_request(request));
  ASSIGN_OR_RETURN(auto rows, deliveries_.list(filter, page));
  return json_response(200, page_json(
                                rows, [](const store::Delivery& d) { return render(d); },
                                [](const store::Delivery& d) { return std::pair(std::to_string(d.id), d.id); }));
}

Result<Response> WebhookHandlers::reapply(Request& request, const Caller&) {
  ASSIGN_OR_RETURN(auto id, path_id(request));
  ASSIGN_OR_RETURN(auto receipt, deliveries_.reapply(id));
  return receipt_response(receipt);
}

Result<Response> EmailHandlers::list(Request& request, const Caller&) {
  ASSIGN_OR_RETURN(auto filter, read_outbox_filter(request));
  ASSIGN_OR_RETURN(auto page, page_request(request));
  ASSIGN_OR_RETURN(auto rows, outbox_.list(filter, page));
  return json_response(200, page_json(rows, render_email, [](const store::OutboxEntry& e) {
                         return std::pair(std::to_string(e.id), e.id);
                       }));
}

Result<Response> EmailHandlers::resend(Request& request, const Caller&) {
  ASSIGN_OR_RETURN(auto id, path_id(request));
  ASSIGN_OR_RETURN(auto entry, outbox_.resend(id));
  return json_response(200, render_email(entry));
}

}  // namespace poblysh::http::api
