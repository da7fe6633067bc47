// /v2/webhooks…: the user's webhook subscriptions (ids are UUID strings, as in real Cal.com).
#include "render.hpp"
#include "routes.hpp"

namespace poblysh::calcom_sim {
namespace {

using nlohmann::json;

http::Response fail(SimContext& context, const http::Request& request, const ApiError& error) {
  return nest_error(request, error, context.clock.now());
}

// Reads the fields a create or PATCH body may carry; `creating` enforces the required ones.
SimResult<WebhookInput> parse_webhook(const json& body, bool creating) {
  std::vector<std::string> problems;
  WebhookInput input;
  if (!body.is_object()) return bad_request("body must be an object");
  if (body.contains("subscriberUrl")) {
    if (body["subscriberUrl"].is_string()) input.subscriber_url = body["subscriberUrl"].get<std::string>();
    else problems.push_back("subscriberUrl must be a string");
  } else if (creating) {
    problems.push_back("subscriberUrl must be a string");
  }
  if (body.contains("triggers")) {
    if (body["triggers"].is_array() && std::all_of(body["triggers"].begin(), body["triggers"].end(),
                                                   [](const json& t) { return t.is_string(); })) {
      input.triggers = body["triggers"].get<std::vector<std::string>>();
    } else {
      problems.push_back("triggers must be an array of strings");
    }
  } else if (creating) {
    problems.push_back("triggers must be an array");
  }
  if (body.contains("active")) {
    if (body["active"].is_boolean()) input.active = body["active"].get<bool>();
    else problems.push_back("active must be a boolean value");
  } else if (creating) {
    problems.push_back("active must be a boolean value");
  }
  if (body.contains("secret")) {
    if (body["secret"].is_string()) input.secret = body["secret"].get<std::string>();
    else problems.push_back("secret must be a string");
  }
  if (body.contains("payloadTemplate")) {
    if (body["payloadTemplate"].is_string()) input.payload_template = body["payloadTemplate"].get<std::string>();
    else if (!body["payloadTemplate"].is_null()) problems.push_back("payloadTemplate must be a string");
  }
  if (body.contains("version") && body["version"] != "2021-10-20") {
    problems.push_back("version must be one of the following values: 2021-10-20");
  }
  if (!problems.empty()) {
    std::string message;
    for (const auto& item : problems) message += (message.empty() ? "" : ", ") + item;
    return bad_request(message);
  }
  return input;
}

http::Response list(SimContext& context, http::Request& request, const Caller& caller) {
  const auto take = to_int(request.query_param("take").value_or("250"));
  const auto skip = to_int(request.query_param("skip").value_or("0"));
  if (!take || *take < 1 || *take > 250 || !skip || *skip < 0) {
    return fail(context, request, ApiError{400, "BadRequestException", "take must be 1 to 250, skip must not be less than 0"});
  }
  json data = json::array();
  int index = 0;
  for (const auto& hook : context.store.webhooks(caller.user->id)) {
    if (index++ < *skip || static_cast<int>(data.size()) >= *take) continue;
    data.push_back(webhook_json(hook));
  }
  return success(200, data);
}

http::Response create(SimContext& context, http::Request& request, const Caller& caller) {
  auto body = parse_json_body(request);
  if (!body) return fail(context, request, body.error());
  auto input = parse_webhook(*body, true);
  if (!input) return fail(context, request, input.error());
  auto hook = context.store.create_webhook(caller.user->id, *input);
  if (!hook) return fail(context, request, hook.error());
  return success(201, webhook_json(*hook));
}

http::Response get_one(SimContext& context, http::Request& request, const Caller& caller) {
  auto hook = context.store.webhook(caller.user->id, request.path_params["webhookId"]);
  if (!hook) return fail(context, request, hook.error());
  return success(200, webhook_json(*hook));
}

http::Response update(SimContext& context, http::Request& request, const Caller& caller) {
  auto body = parse_json_body(request);
  if (!body) return fail(context, request, body.error());
  auto input = parse_webhook(*body, false);
  if (!input) return fail(context, request, input.error());
  auto hook = context.store.update_webhook(caller.user->id, request.path_params["webhookId"], *input);
  if (!hook) return fail(context, request, hook.error());
  return success(200, webhook_json(*hook));
}

http::Response remove(SimContext& context, http::Request& request, const Caller& caller) {
  auto hook = context.store.delete_webhook(caller.user->id, request.path_params["webhookId"]);
  if (!hook) return fail(context, request, hook.error());
  return success(200, webhook_json(*hook));
}

}  // namespace

std::vector<http::Route> webhook_routes(SimContext& context) {
  using http::Method;
  auto bind = [&context](auto function) {
    return [&context, function](http::Request& request, const Caller& caller) { return function(context, request, caller); };
  };
  return {
      {Method::get, "/v2/webhooks", guarded(context, Auth::required, "webhooks", bind(list))},
      {Method::post, "/v2/webhooks", guarded(context, Auth::required, "webhooks", bind(create))},
      {Method::get, "/v2/webhooks/:webhookId", guarded(context, Auth::required, "webhooks", bind(get_one))},
      {Method::patch, "/v2/webhooks/:webhookId", guarded(context, Auth::required, "webhooks", bind(update))},
      {Method::del, "/v2/webhooks/:webhookId", guarded(context, Auth::required, "webhooks", bind(remove))},
  };
}

}  // namespace poblysh::calcom_sim
