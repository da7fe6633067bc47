// What the wizard holds between steps, how a draft interview fills it, and when a step is done.
import type { Interview } from '../api';
import { emailProblem } from '../ui/controls';
import { addDays, isoDay, viewerZone } from '../time';
import type { PlaceInput } from '../components/PlaceFields';

export interface GuestInput {
  contact_id?: number;
  name: string;
  email: string;
  role: string;
  company: string;
}

export interface WizardData {
  startup: { id: number; name: string };
  contactId: number | null;
  primaryId: number | null;
  additionalIds: number[];
  eventTypeId: number | null;
  useCustomDuration: boolean;
  customDuration: string;
  startTime: string | null;
  guests: GuestInput[];
  notes: string;
  questions: string[];
  timezone: string;
  /** Step 5's place as chosen; null until changed: the draft's own (the event type's default). */
  place: PlaceInput | null;
  /** Step 3: the contact picks the time through a scheduling link, within these rules. */
  contactPicks: boolean;
  link: LinkRules;
}

/** A scheduling link's rules as typed (whole numbers; the API checks the ranges). */
export interface LinkRules { windowDays: string; noticeHours: string; changeHours: string }
export const DEFAULT_LINK_RULES: LinkRules = { windowDays: '10', noticeHours: '24', changeHours: '24' };

/** The body of POST …/scheduling-link for these rules. */
export function linkRequest(rules: LinkRules) {
  return { window_days: Number(rules.windowDays), min_notice_hours: Number(rules.noticeHours), change_notice_hours: Number(rules.changeHours) };
}

/** What is wrong with the rules as typed, in words; null when they can be sent. */
export function linkRulesProblem(rules: LinkRules): { field: string; message: string } | null {
  const whole = (text: string, low: number, high: number) => /^\d+$/.test(text.trim()) && Number(text) >= low && Number(text) <= high;
  if (!whole(rules.windowDays, 1, 60)) return { field: 'link_window', message: 'Offer times over 1 to 60 days.' };
  if (!whole(rules.noticeHours, 0, 336)) return { field: 'link_notice', message: 'Ask for 0 to 336 hours of notice.' };
  if (!whole(rules.changeHours, 0, 336)) return { field: 'link_change', message: 'Allow changes until 0 to 336 hours before.' };
  return null;
}

/** What the wizard gives each step. */
export interface StepProps {
  data: WizardData;
  update: (patch: Partial<WizardData>) => void;
  interview: Interview | null;
  problems: Record<string, string>;
  /** Why Next did not go on, shown next to the field it concerns; null until Next was tried. */
  blocked: { field: string; message: string } | null;
  /**
   * A step with input typed but not yet added (a guest's email, a half-filled new contact) hands
   * the wizard a check that Next runs first, so nothing typed is dropped: see Pending.
   */
  holdPending: (check: Pending | null) => void;
}

/**
 * Takes in what a step holds but has not added yet: answers the data to save (with it added),
 * or null when it cannot be added, after showing why beside the field and focusing it.
 */
export type Pending = (data: WizardData) => WizardData | null | Promise<WizardData | null>;

export const STEPS = ['Startup & contact', 'Team', 'Booking type', 'Guests', 'Details', 'Confirm'] as const;

export function emptyData(startup: { id: number; name: string }): WizardData {
  return {
    startup, contactId: null, primaryId: null, additionalIds: [], eventTypeId: null,
    useCustomDuration: false, customDuration: '', startTime: null, guests: [], notes: '', questions: [],
    timezone: viewerZone, place: null, contactPicks: false, link: DEFAULT_LINK_RULES,
  };
}

/**
 * Fills the wizard from a saved draft, so closing and reopening resumes where it was.
 * `detailsSaved` says whether step 5 was saved; before that the draft's zone is only a default,
 * and the viewer's own zone is the better guess.
 */
export function dataFromInterview(interview: Interview, detailsSaved = true): WizardData {
  const primary = interview.team?.find((member) => member.is_primary);
  const eventLength = interview.event_type?.length_minutes;
  const custom =
    interview.custom_duration ??
    Boolean(interview.duration_minutes && eventLength && interview.duration_minutes !== eventLength);
  return {
    startup: { id: interview.startup.id, name: interview.startup.name },
    contactId: interview.contact?.id ?? null,
    primaryId: primary?.team_member_id ?? null,
    additionalIds: (interview.team ?? []).filter((m) => !m.is_primary).map((m) => m.team_member_id),
    eventTypeId: interview.event_type?.id ?? null,
    useCustomDuration: custom,
    customDuration: custom ? String(interview.duration_minutes) : '',
    startTime: interview.start_time ?? null,
    guests: (interview.guests ?? []).map((g) => ({
      contact_id: g.contact_id ?? undefined, name: g.name ?? '', email: g.email, role: g.role ?? '', company: g.company ?? '',
    })),
    notes: interview.prep_notes_markdown ?? '',
    questions: interview.custom_questions ?? [],
    timezone: (detailsSaved && interview.timezone) || viewerZone,
    place: null,
    contactPicks: false,
    link: DEFAULT_LINK_RULES,
  };
}

/** The first step whose data the draft does not have yet. */
export function resumeStep(interview: Interview, saved: number | undefined): number {
  const steps = interview.steps;
  if (!(steps?.contact ?? interview.contact)) return 1;
  if (!(steps?.team ?? interview.team?.some((m) => m.is_primary))) return 2;
  if (!(steps?.booking ?? (interview.start_time && interview.event_type))) return 3;
  return Math.min(Math.max(saved ?? 4, 4), 6);
}

/** How many days of availability the team and booking steps show. */
export const RANGE_DAYS = 14;

/** Today and the next RANGE_DAYS - 1 days of the viewer's calendar, as the API's from/to days. */
export function availabilityRange(today = new Date()): { from: string; to: string } {
  return { from: isoDay(today), to: isoDay(addDays(today, RANGE_DAYS - 1)) };
}

export function customDurationProblem(data: WizardData): string | null {
  if (!data.useCustomDuration) return null;
  const text = data.customDuration.trim();
  if (!/^\d+$/.test(text)) return 'Enter the duration in whole minutes.';
  const minutes = Number(text);
  if (minutes < 5 || minutes > 480) return 'Choose between 5 and 480 minutes.';
  return null;
}

/** Why Next is not possible yet on this step, in words for the person; null when it is. */
export function stepProblem(step: number, data: WizardData): { field: string; message: string } | null {
  switch (step) {
    case 1:
      if (!data.contactId) return { field: 'contact', message: 'Choose a contact at the startup, or add one.' };
      return null;
    case 2:
      if (!data.primaryId) return { field: 'primary', message: 'Choose a primary interviewer.' };
      return null;
    case 3: {
      if (!data.eventTypeId) return { field: 'event_type', message: 'Choose a booking type.' };
      const duration = customDurationProblem(data);
      if (duration) return { field: 'duration', message: duration };
      if (data.contactPicks) return linkRulesProblem(data.link);
      if (!data.startTime) return { field: 'start_time', message: 'Pick a time when the whole team is free.' };
      return null;
    }
    case 4: {
      const bad = data.guests.find((guest) => emailProblem(guest.email));
      if (bad) return { field: 'guests', message: `Fix the email of ${bad.name || 'a guest'}.` };
      return null;
    }
    case 5:
      if (data.questions.some((q) => !q.trim())) return { field: 'questions', message: 'Remove or fill in the empty question.' };
      if (!data.timezone) return { field: 'timezone', message: 'Choose the meeting time zone.' };
      return null;
    default:
      return null;
  }
}

export function durationOf(data: WizardData, interview: Interview | null, lengthOf: (id: number) => number | undefined): number | null {
  if (data.useCustomDuration && !customDurationProblem(data)) return Number(data.customDuration);
  if (data.eventTypeId) return lengthOf(data.eventTypeId) ?? interview?.duration_minutes ?? null;
  return interview?.duration_minutes ?? null;
}

const KEY = (startupId: number) => `poblysh.interviewDraft.startup.${startupId}`;

export function rememberDraft(startupId: number, draftId: number, step: number) {
  try {
    localStorage.setItem(KEY(startupId), JSON.stringify({ id: draftId, step }));
  } catch {
    /* storage full or blocked: resuming is a convenience */
  }
}

/** The draft remembered for a startup; a stored value without a usable step resumes at step 1. */
export function rememberedDraft(startupId: number): { id: number; step: number } | null {
  try {
    const raw = localStorage.getItem(KEY(startupId));
    if (!raw) return null;
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const { id, step } = value as { id?: unknown; step?: unknown };
    if (typeof id !== 'number') return null;
    return { id, step: typeof step === 'number' && Number.isInteger(step) && step >= 1 ? step : 1 };
  } catch {
    return null;
  }
}

export function forgetDraft(startupId: number) {
  try {
    localStorage.removeItem(KEY(startupId));
  } catch {
    /* ignore */
  }
}

/** Some write endpoints answer with the interview plus a summary; others may wrap it. */
export function interviewFrom(body: unknown): Interview {
  const wrapped = (body ?? {}) as { interview?: Interview; draft?: Interview };
  return wrapped.interview ?? wrapped.draft ?? (body as Interview);
}
