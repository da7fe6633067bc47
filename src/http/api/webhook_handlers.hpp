// http/api: POST /webhooks/calcom (Cal.com's deliveries) and the admin views of them and of
// the email outbox.
#pragma once

#include <functional>

#include "http/api/context.hpp"
#include "store/outbox_repo.hpp"
#include "store/webhook_delivery_repo.hpp"
#include "webhooks/webhook_receiver.hpp"

namespace poblysh::http::api {

class WebhookHandlers {
 public:
  WebhookHandlers(const ApiContext& context, webhooks::WebhookReceiver& receiver, store::Database& db,
                  store::WebhookDeliveryRepo& deliveries)
      : context_(context), receiver_(receiver), db_(db), deliveries_(deliveries) {}

  // POST /webhooks/calcom: signed by Cal.com, no session. Answered once the delivery's
  // transaction has committed, without holding a server thread while it waits for its batch.
  void calcom(Request& request, Responder responder);
  Response list(Request& request, const Caller& caller);     // GET /api/v1/admin/webhook-deliveries?outcome=
  Response reapply(Request& request, const Caller& caller);  // POST /api/v1/admin/webhook-deliveries/:id/reapply

 private:
  const ApiContext& context_;
  webhooks::WebhookReceiver& receiver_;
  store::Database& db_;
  store::WebhookDeliveryRepo& deliveries_;
};

class EmailHandlers {
 public:
  // `wake` tells the outbox worker a message is due (does nothing when mail is held).
  EmailHandlers(const ApiContext& context, store::Database& db, store::OutboxRepo& outbox, const Clock& clock,
                std::function<void()> wake)
      : context_(context), db_(db), outbox_(outbox), clock_(clock), wake_(std::move(wake)) {}

  Response list(Request& request, const Caller& caller);    // GET /api/v1/admin/emails?status=&interview_id=
  Response resend(Request& request, const Caller& caller);  // POST /api/v1/admin/emails/:id/resend

 private:
  const ApiContext& context_;
  store::Database& db_;
  store::OutboxRepo& outbox_;
  const Clock& clock_;
  std::function<void()> wake_;
};

json render(const store::Delivery& delivery);

}  // namespace poblysh::http::api
