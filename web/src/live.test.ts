// live.ts: what a change event carries and what the page announces for it.
import { describe, expect, it } from 'vitest';
import { announcement, parseInterviewEvent } from './live';

describe('parseInterviewEvent', () => {
  it('reads an interview change', () => {
    expect(parseInterviewEvent('{"id":42,"version":7,"status":"confirmed"}')).toEqual({ id: 42, version: 7, status: 'confirmed' });
  });

  it('refuses anything else', () => {
    expect(parseInterviewEvent('not json')).toBeNull();
    expect(parseInterviewEvent('{"id":"42","version":7,"status":"confirmed"}')).toBeNull();
    expect(parseInterviewEvent('{"id":42,"status":"confirmed"}')).toBeNull();
    expect(parseInterviewEvent('null')).toBeNull();
  });
});

describe('announcement', () => {
  const event = (status: string) => ({ id: 1, version: 2, status });

  it('names the new status when it changed', () => {
    expect(announcement(event('confirmed'), 'scheduled')).toBe('Interview confirmed');
    expect(announcement(event('cancelled'), 'confirmed')).toBe('Interview cancelled');
    expect(announcement(event('reschedule_requested'), 'confirmed')).toBe('A new time was requested for this interview');
  });

  it('says the interview was updated when the status stayed (a reschedule, a guest added)', () => {
    expect(announcement(event('confirmed'), 'confirmed')).toBe('Interview updated');
  });
});
