-- An interview's detail lists its deliveries (id, source, trigger, received_at, outcome). The
-- index it walked held only (interview_id, id), so each delivery cost a look-up of its row, on a
-- page of its own with its ~2 KB raw body (the benchmark's details: 11.5 page reads each, 9.9
-- with this index; docs/performance.md). Holding the listed columns, the index answers the
-- detail alone; its entries are written by the same inserts as before (a few dozen bytes more).
DROP INDEX webhook_deliveries_by_interview;
CREATE INDEX webhook_deliveries_by_interview
  ON webhook_deliveries (interview_id, id, source, trigger_event, received_at, outcome);
