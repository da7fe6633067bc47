// http/api: POST /webhooks/calcom (Cal.com's deliveries) and the admin views of them and of
// the email outbox.
#pragma once

#include "http/api/context.hpp"
#include "notify/email_outbox.hpp"
#include "webhooks/delivery_log.hpp"
#include "webhooks/webhook_receiver.hpp"

namespace poblysh::http::api {

class WebhookHandlers {
 public:
  WebhookHandlers(const ApiContext& context, webhooks::WebhookReceiver& receiver, webhooks::DeliveryLog& deliveries)
      : context_(context), receiver_(receiver), deliveries_(deliveries) {}

  // POST /webhooks/calcom: signed by Cal.com, no session. Answered once the delivery's
  // transaction has committed, without holding a server thread while it waits for its batch.
  void calcom(Request& request, Responder responder);
  Result<Response> list(Request& request, const Caller& caller);  // GET /api/v1/admin/webhook-deliveries?outcome=
  Result<Response> reapply(Request& request,
                           const Caller& caller);  // POST /api/v1/admin/webhook-deliveries/:id/reapply

 private:
  const ApiContext& context_;
  webhooks::WebhookReceiver& receiver_;
  webhooks::DeliveryLog& deliveries_;
};

class EmailHandlers {
 public:
  EmailHandlers(const ApiContext& context, notify::EmailOutbox& outbox) : context_(context), outbox_(outbox) {}

  Result<Response> list(Request& request, const Caller& caller);    // GET /api/v1/admin/emails?status=&interview_id=
  Result<Response> resend(Request& request, const Caller& caller);  // POST /api/v1/admin/emails/:id/resend

 private:
  const ApiContext& context_;
  notify::EmailOutbox& outbox_;
};

json render(const store::Delivery& delivery);

}  // namespace poblysh::http::api
