// The wizard's model: how a saved draft fills the wizard, where it resumes, when Next is allowed,
// and the draft remembered per startup. The viewer's zone is Europe/Berlin (vite.config.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Interview } from '../api';
import {
  DEFAULT_LINK_RULES, linkRequest, linkRulesProblem,
  RANGE_DAYS, STEPS, availabilityRange, customDurationProblem, dataFromInterview, durationOf, emptyData, forgetDraft,
  interviewFrom, rememberDraft, rememberedDraft, resumeStep, stepProblem, type WizardData,
} from './model';

const NORTHWIND = { id: 7, name: 'Northwind Robotics' };

/** A draft as GET /api/v1/interviews/:id answers it, with nothing chosen yet. */
function draft(patch: Partial<Interview> = {}): Interview {
  return {
    id: 42, title: 'Interview with Northwind Robotics', status: 'draft', invitation_status: 'pending',
    startup: NORTHWIND, contact: null, event_type: null, duration_minutes: null, timezone: 'UTC',
    start_time: null, end_time: null, calcom_booking_id: null, calcom_booking_uid: null, meeting_url: null,
    meeting_provider: null, prep_notes_markdown: '', prep_notes_html: '', custom_questions: [], team: [], guests: [],
    history: [], sandbox: true, created_at: '2026-12-07T09:00:00Z', updated_at: '2026-12-07T09:00:00Z',
    ...patch,
  };
}

const LENA = { id: 3, startup_id: 7, name: 'Lena Park', email: 'lena@northwind.example', title: 'CEO', company: 'Northwind', phone: null };
const ALICE = { team_member_id: 1, is_primary: true, name: 'Alice', email: 'alice@poblysh.example', role: 'Editor' };
const BRUNO = { team_member_id: 2, is_primary: false, name: 'Bruno', email: 'bruno@poblysh.example', role: 'Analyst' };
const FOUNDER_CALL = { id: 11, slug: 'founder-interview', title: 'Founder interview', length_minutes: 45 };

/** A draft whose first three steps are saved. */
function booked(patch: Partial<Interview> = {}): Interview {
  return draft({
    contact: LENA, team: [ALICE, BRUNO], event_type: FOUNDER_CALL, duration_minutes: 45,
    start_time: '2026-12-10T09:00:00Z', end_time: '2026-12-10T09:45:00Z', ...patch,
  });
}

/** Wizard data with every step's data filled in well. */
function complete(patch: Partial<WizardData> = {}): WizardData {
  return {
    ...emptyData(NORTHWIND), contactId: 3, primaryId: 1, additionalIds: [2], eventTypeId: 11,
    startTime: '2026-12-10T09:00:00Z', guests: [{ name: 'Ines', email: 'ines@fund.example', role: 'Investor', company: 'Fund' }],
    questions: ['What would success look like?'], timezone: 'Europe/Berlin', ...patch,
  };
}

describe('emptyData', () => {
  it('starts with nothing chosen, in the viewer’s zone', () => {
    const data = emptyData(NORTHWIND);
    expect(data.startup).toEqual(NORTHWIND);
    expect([data.contactId, data.primaryId, data.eventTypeId, data.startTime]).toEqual([null, null, null, null]);
    expect(data.additionalIds).toEqual([]);
    expect(data.useCustomDuration).toBe(false);
    expect(data.timezone).toBe('Europe/Berlin');
  });

  it('has six steps, the last one to confirm', () => {
    expect(STEPS).toHaveLength(6);
    expect(STEPS[5]).toBe('Confirm');
  });
});

describe('dataFromInterview', () => {
  it('takes the contact, the primary interviewer and the others from the draft', () => {
    const data = dataFromInterview(booked());
    expect(data.startup).toEqual(NORTHWIND);
    expect(data.contactId).toBe(3);
    expect(data.primaryId).toBe(1);
    expect(data.additionalIds).toEqual([2]);
    expect(data.eventTypeId).toBe(11);
    expect(data.startTime).toBe('2026-12-10T09:00:00Z');
  });

  it('has no primary when nobody on the team is primary', () => {
    const data = dataFromInterview(booked({ team: [BRUNO] }));
    expect(data.primaryId).toBeNull();
    expect(data.additionalIds).toEqual([2]);
  });

  it('sees a custom duration where the length differs from the event type’s', () => {
    const data = dataFromInterview(booked({ duration_minutes: 70 }));
    expect(data.useCustomDuration).toBe(true);
    expect(data.customDuration).toBe('70');
  });

  it('sees no custom duration where the length is the event type’s', () => {
    const data = dataFromInterview(booked());
    expect(data.useCustomDuration).toBe(false);
    expect(data.customDuration).toBe('');
  });

  it('believes the API’s custom_duration over the comparison, either way', () => {
    expect(dataFromInterview(booked({ duration_minutes: 45, custom_duration: true })).customDuration).toBe('45');
    expect(dataFromInterview(booked({ duration_minutes: 70, custom_duration: false })).useCustomDuration).toBe(false);
  });

  it('keeps guests from contacts by their contact id and fills missing text with empty strings', () => {
    const guests = [
      { id: 1, name: 'Ines', email: 'ines@fund.example', role: 'Investor', company: 'Fund', contact_id: 9,
        invitation_status: 'pending' as const, invited_at: null, last_sent_at: null },
      { id: 2, name: null as unknown as string, email: 'x@y.example', role: null as unknown as string, company: '', contact_id: null,
        invitation_status: 'pending' as const, invited_at: null, last_sent_at: null },
    ];
    expect(dataFromInterview(booked({ guests })).guests).toEqual([
      { contact_id: 9, name: 'Ines', email: 'ines@fund.example', role: 'Investor', company: 'Fund' },
      { contact_id: undefined, name: '', email: 'x@y.example', role: '', company: '' },
    ]);
  });

  it('takes the draft’s zone once step 5 was saved, and the viewer’s before (the draft’s is only a default then)', () => {
    const interview = booked({ timezone: 'America/New_York' });
    expect(dataFromInterview(interview, true).timezone).toBe('America/New_York');
    expect(dataFromInterview(interview, false).timezone).toBe('Europe/Berlin');
    expect(dataFromInterview(booked({ timezone: '' }), true).timezone).toBe('Europe/Berlin');
  });

  it('takes notes and questions as saved', () => {
    const data = dataFromInterview(booked({ prep_notes_markdown: '## Goals', custom_questions: ['Why now?'] }));
    expect(data.notes).toBe('## Goals');
    expect(data.questions).toEqual(['Why now?']);
  });
});

describe('resumeStep', () => {
  it('goes back to the first step whose data the draft lacks', () => {
    expect(resumeStep(draft(), 5)).toBe(1);
    expect(resumeStep(draft({ contact: LENA }), 5)).toBe(2);
    expect(resumeStep(draft({ contact: LENA, team: [BRUNO] }), 5)).toBe(2);
    expect(resumeStep(draft({ contact: LENA, team: [ALICE] }), 5)).toBe(3);
    expect(resumeStep(booked({ start_time: null }), 5)).toBe(3);
    expect(resumeStep(booked({ event_type: null }), 5)).toBe(3);
  });

  it('resumes a booked draft where it was left, from step 4 to 6', () => {
    expect(resumeStep(booked(), 5)).toBe(5);
    expect(resumeStep(booked(), 6)).toBe(6);
    expect(resumeStep(booked(), undefined)).toBe(4);
    expect(resumeStep(booked(), 2)).toBe(4);
    expect(resumeStep(booked(), 9)).toBe(6);
  });

  it('believes the API’s step flags over the fields', () => {
    const steps = { contact: true, team: true, booking: false, guests: false, details: false };
    expect(resumeStep(booked({ steps }), 6)).toBe(3);
    expect(resumeStep(draft({ steps: { ...steps, booking: true } }), 6)).toBe(6);
  });
});

describe('customDurationProblem', () => {
  const custom = (text: string) => complete({ useCustomDuration: true, customDuration: text });

  it('has nothing to say when the event type’s length is used', () => {
    expect(customDurationProblem(complete({ customDuration: 'nonsense' }))).toBeNull();
  });

  it('wants whole minutes', () => {
    for (const text of ['', '  ', '12.5', '1e2', '-30', '30 min', '0x1e']) {
      expect(customDurationProblem(custom(text)), text).toBe('Enter the duration in whole minutes.');
    }
  });

  it('wants 5 to 480 minutes, both ends included', () => {
    expect(customDurationProblem(custom('4'))).toBe('Choose between 5 and 480 minutes.');
    expect(customDurationProblem(custom('5'))).toBeNull();
    expect(customDurationProblem(custom('480'))).toBeNull();
    expect(customDurationProblem(custom('481'))).toBe('Choose between 5 and 480 minutes.');
    expect(customDurationProblem(custom(' 90 '))).toBeNull();
  });
});

describe('stepProblem: when Next is allowed', () => {
  it('allows every step when everything is filled in well', () => {
    for (let step = 1; step <= 6; step++) expect(stepProblem(step, complete()), `step ${step}`).toBeNull();
  });

  it('step 1 wants a contact', () => {
    expect(stepProblem(1, complete({ contactId: null }))).toEqual({ field: 'contact', message: 'Choose a contact at the startup, or add one.' });
  });

  it('step 2 wants a primary interviewer; others are optional', () => {
    expect(stepProblem(2, complete({ primaryId: null }))?.field).toBe('primary');
    expect(stepProblem(2, complete({ additionalIds: [] }))).toBeNull();
  });

  it('step 3 asks for the booking type first, then a good duration, then a time', () => {
    const nothing = complete({ eventTypeId: null, useCustomDuration: true, customDuration: '2', startTime: null });
    expect(stepProblem(3, nothing)?.field).toBe('event_type');
    expect(stepProblem(3, { ...nothing, eventTypeId: 11 })).toEqual({ field: 'duration', message: 'Choose between 5 and 480 minutes.' });
    expect(stepProblem(3, { ...nothing, eventTypeId: 11, customDuration: '50' })?.field).toBe('start_time');
    expect(stepProblem(3, { ...nothing, eventTypeId: 11, customDuration: '50', startTime: '2026-12-10T09:00:00Z' })).toBeNull();
  });

  it('step 4 names the guest whose email is wrong, or says "a guest"', () => {
    const guests = [
      { name: 'Ines', email: 'ines@fund.example', role: '', company: '' },
      { name: 'Omar', email: 'omar@', role: '', company: '' },
    ];
    expect(stepProblem(4, complete({ guests }))).toEqual({ field: 'guests', message: 'Fix the email of Omar.' });
    expect(stepProblem(4, complete({ guests: [{ name: '', email: 'nobody', role: '', company: '' }] }))?.message).toBe(
      'Fix the email of a guest.',
    );
    expect(stepProblem(4, complete({ guests: [] }))).toBeNull();
  });

  it('step 5 refuses an empty question (blank counts as empty) and wants a zone', () => {
    expect(stepProblem(5, complete({ questions: ['Why now?', '   '] }))?.field).toBe('questions');
    expect(stepProblem(5, complete({ questions: [] }))).toBeNull();
    expect(stepProblem(5, complete({ timezone: '' }))?.field).toBe('timezone');
  });

  it('judges only its own step', () => {
    const empty = emptyData(NORTHWIND);
    expect(stepProblem(4, empty)).toBeNull();
    expect(stepProblem(5, empty)).toBeNull();
    expect(stepProblem(6, empty)).toBeNull();
  });
});

describe('durationOf', () => {
  const lengths = new Map([[11, 45], [12, 60]]);
  const lengthOf = (id: number) => lengths.get(id);

  it('is the custom duration when there is a good one', () => {
    expect(durationOf(complete({ useCustomDuration: true, customDuration: '70' }), booked(), lengthOf)).toBe(70);
  });

  it('falls back to the event type’s length when the custom one is not good', () => {
    expect(durationOf(complete({ useCustomDuration: true, customDuration: '2' }), booked(), lengthOf)).toBe(45);
    expect(durationOf(complete({ eventTypeId: 12 }), booked(), lengthOf)).toBe(60);
  });

  it('falls back to the saved draft’s duration, then to none', () => {
    expect(durationOf(complete({ eventTypeId: 99 }), booked({ duration_minutes: 30 }), lengthOf)).toBe(30);
    expect(durationOf(complete({ eventTypeId: null }), booked({ duration_minutes: 30 }), lengthOf)).toBe(30);
    expect(durationOf(complete({ eventTypeId: null }), null, lengthOf)).toBeNull();
  });
});

describe('availabilityRange', () => {
  it('covers today and the next 13 days of the viewer’s calendar', () => {
    expect(RANGE_DAYS).toBe(14);
    expect(availabilityRange(new Date('2026-12-07T10:00:00Z'))).toEqual({ from: '2026-12-07', to: '2026-12-20' });
  });

  it('starts on the viewer’s day, not the UTC day, just after local midnight', () => {
    expect(availabilityRange(new Date('2026-12-06T23:30:00Z'))).toEqual({ from: '2026-12-07', to: '2026-12-20' });
  });

  it('counts calendar days across the spring switch and the year’s end', () => {
    // Started at 00:30 local time, 23-hour days would end a day early if it counted hours.
    expect(availabilityRange(new Date('2026-03-21T23:30:00Z'))).toEqual({ from: '2026-03-22', to: '2026-04-04' });
    expect(availabilityRange(new Date('2026-12-25T12:00:00Z'))).toEqual({ from: '2026-12-25', to: '2027-01-07' });
  });
});

describe('the draft remembered per startup', () => {
  let store: Map<string, string>;
  beforeEach(() => {
    store = new Map();
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => store.get(key) ?? null,
      setItem: (key: string, value: string) => void store.set(key, value),
      removeItem: (key: string) => void store.delete(key),
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('is remembered with its step and forgotten again', () => {
    rememberDraft(7, 42, 3);
    expect(rememberedDraft(7)).toEqual({ id: 42, step: 3 });
    rememberDraft(7, 42, 4);
    expect(rememberedDraft(7)).toEqual({ id: 42, step: 4 });
    forgetDraft(7);
    expect(rememberedDraft(7)).toBeNull();
  });

  it('is kept apart for each startup', () => {
    rememberDraft(7, 42, 3);
    rememberDraft(8, 43, 5);
    forgetDraft(8);
    expect(rememberedDraft(7)).toEqual({ id: 42, step: 3 });
    expect(rememberedDraft(8)).toBeNull();
  });

  it('ignores what it cannot read', () => {
    const key = 'poblysh.interviewDraft.startup.7';
    for (const raw of ['{', 'null', '42', '{"id":"42","step":3}', '{"step":3}']) {
      store.set(key, raw);
      expect(rememberedDraft(7), raw).toBeNull();
    }
  });

  it('resumes at step 1 when the stored step is missing or not a step', () => {
    const key = 'poblysh.interviewDraft.startup.7';
    for (const raw of ['{"id":42}', '{"id":42,"step":"4"}', '{"id":42,"step":0}', '{"id":42,"step":2.5}']) {
      store.set(key, raw);
      expect(rememberedDraft(7), raw).toEqual({ id: 42, step: 1 });
    }
  });

  it('is a convenience: blocked or full storage changes nothing and throws nothing', () => {
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
    });
    expect(() => rememberDraft(7, 42, 3)).not.toThrow();
    expect(rememberedDraft(7)).toBeNull();
    expect(() => forgetDraft(7)).not.toThrow();
  });
});

describe('interviewFrom', () => {
  it('unwraps the interview from the shapes write endpoints answer with', () => {
    const interview = booked();
    expect(interviewFrom({ interview, summary: {} })).toBe(interview);
    expect(interviewFrom({ draft: interview })).toBe(interview);
    expect(interviewFrom(interview)).toBe(interview);
  });
});

describe('the contact picks the time', () => {
  it('needs no time in step 3, only rules that can be sent', () => {
    const data = { ...emptyData({ id: 1, name: 'Acme' }), eventTypeId: 5, contactPicks: true };
    expect(stepProblem(3, data)).toBeNull();
    expect(stepProblem(3, { ...data, link: { ...DEFAULT_LINK_RULES, windowDays: '0' } })?.field).toBe('link_window');
    expect(stepProblem(3, { ...data, link: { ...DEFAULT_LINK_RULES, noticeHours: '1.5' } })?.field).toBe('link_notice');
    expect(stepProblem(3, { ...data, link: { ...DEFAULT_LINK_RULES, changeHours: '400' } })?.field).toBe('link_change');
    expect(stepProblem(3, { ...data, contactPicks: false })?.field).toBe('start_time');
  });

  it('sends the rules as whole numbers', () => {
    expect(linkRulesProblem(DEFAULT_LINK_RULES)).toBeNull();
    expect(linkRequest({ windowDays: '7', noticeHours: '0', changeHours: '48' })).toEqual({
      window_days: 7, min_notice_hours: 0, change_notice_hours: 48,
    });
  });
});
