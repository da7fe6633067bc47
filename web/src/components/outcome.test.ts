import { describe, expect, it } from 'vitest';
import { canRecordOutcome } from './outcome';

describe('canRecordOutcome', () => {
  const end = '2026-05-04T10:30:00Z';
  const at = (text: string) => Date.parse(text);

  it('offers it once a booked or completed meeting has ended', () => {
    for (const status of ['scheduled', 'awaiting_host', 'confirmed', 'completed'] as const) {
      expect(canRecordOutcome({ status, end_time: end }, at('2026-05-04T10:30:00Z'))).toBe(true);
    }
  });

  it('not before the end, nor without a meeting that took place', () => {
    expect(canRecordOutcome({ status: 'confirmed', end_time: end }, at('2026-05-04T10:29:59Z'))).toBe(false);
    expect(canRecordOutcome({ status: 'confirmed', end_time: null }, at('2026-05-05T00:00:00Z'))).toBe(false);
    for (const status of ['draft', 'reschedule_requested', 'cancelled'] as const) {
      expect(canRecordOutcome({ status, end_time: end }, at('2026-05-05T00:00:00Z'))).toBe(false);
    }
  });
});
