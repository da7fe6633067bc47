// When a meeting's outcome may be recorded: domain::check_outcome_allowed, for the page's button.
import type { Interview } from '../api';

// Booked interviews after their end, and completed ones (Cal.com or the clock often completes
// them before anyone writes down who came).
const OUTCOME_STATUSES = new Set(['scheduled', 'awaiting_host', 'confirmed', 'completed']);

export function canRecordOutcome(interview: Pick<Interview, 'status' | 'end_time'>, now = Date.now()): boolean {
  return OUTCOME_STATUSES.has(interview.status) && !!interview.end_time && Date.parse(interview.end_time) <= now;
}
