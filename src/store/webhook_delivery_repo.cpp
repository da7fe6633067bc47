#include "store/webhook_delivery_repo.hpp"

#include "core/time.hpp"
#include "store/sql_helpers.hpp"

namespace poblysh::store {
namespace {

constexpr std::string_view kColumns =
    "id, duplicate_of, source, trigger_event, booking_uid, event_created_at, received_at, outcome, interview_id, "
    "detail, reapplied_at";

DeliverySource source_from(std::string_view name) {
  return name == "sync" ? DeliverySource::sync : DeliverySource::webhook;
}

DeliveryOutcome outcome_from(std::string_view name) { return parse_outcome(name).value_or(DeliveryOutcome::ignored); }

Delivery from_row(const Row& row) {
  Delivery d;
  d.id = row.integer(0);
  d.duplicate_of = row.optional_integer(1);
  d.source = source_from(row.text(2));
  d.trigger = row.text(3);
  d.booking_uid = row.text(4);
  d.event_created_at = optional_time(row, 5);
  d.received_at = from_unix_ms(row.integer(6));
  d.outcome = outcome_from(row.text(7));
  d.interview_id = row.optional_integer(8);
  d.detail = row.text(9);
  d.reapplied_at = optional_time(row, 10);
  return d;
}

Status done(const Result<std::int64_t>& result) {
  if (!result) return tl::unexpected(result.error());
  return {};
}

}  // namespace

Result<WebhookDeliveryRepo::Inserted> WebhookDeliveryRepo::insert(Connection& db, const NewDelivery& d) {
  static const std::string kInsert =
      "INSERT INTO webhook_deliveries (dedupe_key, duplicate_of, source, trigger_event, booking_uid, event_created_at, "
      "received_at, outcome, interview_id, raw_body, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (dedupe_key) DO NOTHING";
  ASSIGN_OR_RETURN(auto inserted,
                   db.insert_row(kInsert, {optional_value(d.dedupe_key), optional_value(d.duplicate_of),
                                           std::string(d.source == DeliverySource::sync ? "sync" : "webhook"),
                                           d.trigger, d.booking_uid, time_value(d.event_created_at),
                                           to_unix_ms(d.received_at), std::string(outcome_name(d.outcome)),
                                           optional_value(d.interview_id), d.raw_body, d.detail}));
  if (inserted) return Inserted{*inserted, true};
  ASSIGN_OR_RETURN(auto existing,
                   db.query_one("SELECT id FROM webhook_deliveries WHERE dedupe_key = ?", {*d.dedupe_key}));
  if (!existing) return fail(ErrorCode::internal, "Could not record the delivery.", "dedupe conflict without a row");
  return Inserted{existing->integer(0), false};
}

Result<std::optional<WebhookDeliveryRepo::Recorded>> WebhookDeliveryRepo::find_by_dedupe_key(
    Connection& db, const std::string& dedupe_key) {
  ASSIGN_OR_RETURN(auto row,
                   db.query_one("SELECT id, interview_id FROM webhook_deliveries WHERE dedupe_key = ?", {dedupe_key}));
  if (!row) return std::optional<Recorded>{};
  return std::optional<Recorded>(Recorded{row->integer(0), row->optional_integer(1)});
}

Status WebhookDeliveryRepo::set_outcome(Connection& db, std::int64_t id, DeliveryOutcome outcome,
                                        std::optional<std::int64_t> interview_id, std::string_view detail) {
  return done(db.execute("UPDATE webhook_deliveries SET outcome = ?, interview_id = ?, detail = ? WHERE id = ?",
                         {std::string(outcome_name(outcome)), optional_value(interview_id), std::string(detail), id}));
}

Status WebhookDeliveryRepo::mark_reapplied(Connection& db, std::int64_t id, SystemTime at) {
  return done(db.execute("UPDATE webhook_deliveries SET reapplied_at = ? WHERE id = ?", {to_unix_ms(at), id}));
}

Result<std::optional<Delivery>> WebhookDeliveryRepo::find(Connection& db, std::int64_t id) {
  static const std::string kSql = "SELECT " + std::string(kColumns) + ", raw_body FROM webhook_deliveries WHERE id = ?";
  ASSIGN_OR_RETURN(auto row, db.query_one(kSql, {id}));
  if (!row) return std::optional<Delivery>{};
  auto delivery = from_row(*row);
  delivery.raw_body = row->text(11);
  return std::optional<Delivery>(std::move(delivery));
}

Result<Page<Delivery>> WebhookDeliveryRepo::list(Connection& db, const DeliveryFilter& filter,
                                                 const PageRequest& page) {
  // One filter is written as an equality, so the walk is over its index in id order
  // (webhook_deliveries_by_interview or _by_outcome) and stops after a page; the interview, the
  // narrower, when both are given, the outcome then tested on each of its rows.
  std::string sql = "SELECT " + std::string(kColumns) + " FROM webhook_deliveries WHERE ";
  std::vector<Value> params;
  const Value outcome = filter.outcome ? Value(std::string(outcome_name(*filter.outcome))) : null_value();
  if (filter.interview_id) {
    sql += "interview_id = ? AND (CAST(? AS TEXT) IS NULL OR outcome = ?)";
    params = {*filter.interview_id, outcome, outcome};
  } else if (filter.outcome) {
    sql += "outcome = ?";
    params = {outcome};
  } else {
    sql += "1 = 1";
  }
  newest_first(sql, params, page);
  ASSIGN_OR_RETURN(auto rows, db.query(sql, params));
  return page_of(rows, page.limit, from_row);
}

Result<std::vector<DeliverySummary>> WebhookDeliveryRepo::for_interview(Connection& db, std::int64_t interview_id) {
  ASSIGN_OR_RETURN(auto rows, db.query("SELECT id, source, trigger_event, received_at, outcome FROM webhook_deliveries "
                                       "WHERE interview_id = ? ORDER BY "
                                       "id",
                                       {interview_id}));
  std::vector<DeliverySummary> out;
  for (const auto& row : rows) {
    out.push_back({row.integer(0), source_from(row.text(1)), row.text(2), from_unix_ms(row.integer(3)),
                   outcome_from(row.text(4))});
  }
  return out;
}

Result<WebhookDeliveryRepo::SyncState> WebhookDeliveryRepo::sync_state(Connection& db, std::string_view name) {
  ASSIGN_OR_RETURN(auto row,
                   db.query_one("SELECT cursor_at, last_run_at, last_result FROM calcom_sync_state WHERE name = ?",
                                {std::string(name)}));
  if (!row) return SyncState{};
  return SyncState{optional_time(*row, 0), optional_time(*row, 1), row->text(2)};
}

Status WebhookDeliveryRepo::save_sync_state(Connection& db, std::string_view name, const SyncState& state) {
  return done(
      db.execute("INSERT INTO calcom_sync_state (name, cursor_at, last_run_at, last_result) VALUES (?, ?, ?, ?) "
                 "ON CONFLICT (name) DO UPDATE SET cursor_at = excluded.cursor_at, last_run_at = excluded.last_run_at, "
                 "last_result = excluded.last_result",
                 {std::string(name), time_value(state.cursor_at), time_value(state.last_run_at), state.last_result}));
}

}  // namespace poblysh::store
