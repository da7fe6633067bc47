import { viewerZone } from './time';

// The one way the page talks to the service: JSON over same-origin fetch, with the CSRF token
// on every write and the API's error body turned into an ApiError with plain words.

export type FieldProblems = Record<string, string>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldProblems = {},
    readonly requestId?: string,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
let onSignedOut: (() => void) | null = null;

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** Called when a request other than the session check answers 401 (the session ended). */
export function setSignedOutHandler(handler: (() => void) | null) {
  onSignedOut = handler;
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Please sign in again.';
  if (status === 403) return 'You do not have permission to do this.';
  if (status === 404) return 'This was not found. It may have been removed.';
  if (status === 409) return 'This conflicts with something that already exists.';
  if (status === 413) return 'That is too large to send.';
  if (status === 429) return 'Too many requests. Wait a moment and try again.';
  if (status >= 500) return 'Something went wrong on our side. Try again in a moment.';
  return 'The request could not be completed.';
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function request<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  // X-Timezone lets the API render times for the viewer as well as for the meeting.
  const headers: Record<string, string> = { Accept: 'application/json', 'X-Timezone': viewerZone };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'Could not reach the server. Check your connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (a proxy's error page): the status decides what to say.
  }
  if (!response.ok) {
    const error = errorEnvelope(data);
    if (response.status === 401 && path !== '/api/v1/session' && onSignedOut) onSignedOut();
    throw new ApiError(
      response.status,
      error.code ?? `http_${response.status}`,
      error.message ?? fallbackMessage(response.status),
      error.fields,
      error.request_id,
    );
  }
  return data as T;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const textOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The API's one error envelope, `{"error": {code, message, details: {fields}, request_id}}`, read defensively. */
function errorEnvelope(body: unknown): { code?: string; message?: string; fields: FieldProblems; request_id?: string } {
  const error = isObject(body) && isObject(body.error) ? body.error : {};
  const fields: FieldProblems = {};
  const given = isObject(error.details) && isObject(error.details.fields) ? error.details.fields : {};
  for (const [key, problem] of Object.entries(given)) if (typeof problem === 'string') fields[key] = problem;
  return { code: textOf(error.code), message: textOf(error.message), fields, request_id: textOf(error.request_id) };
}

export const get = <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal);
export const post = <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {});
export const put = <T>(path: string, body: unknown) => request<T>('PUT', path, body);
export const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, body);
export const del = <T>(path: string) => request<T>('DELETE', path);

/** Builds a query string from the non-empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something unexpected went wrong. Try again.';
}

/** Field problems of an error, with keys like "contact.email" also reachable as "email". */
export function fieldProblems(error: unknown, prefix = ''): FieldProblems {
  if (!(error instanceof ApiError)) return {};
  const out: FieldProblems = {};
  for (const [key, problem] of Object.entries(error.fields)) {
    const name = prefix && key.startsWith(prefix) ? key.slice(prefix.length) : key;
    out[name] = problem;
  }
  return out;
}

// ---- Types of the API's JSON -------------------------------------------------------------

export type Role = 'admin' | 'member';
export interface User { id: number; email: string; name: string; role: Role; active: boolean }
export interface SessionInfo { user: User; csrf_token?: string }
export interface Page<T> { items: T[]; next_cursor: string | null }

export interface TeamMember {
  id: number; name: string; email: string; role: string;
  calcom_user_id: number | null; calcom_username: string | null; active: boolean;
}
export interface Startup {
  id: number; name: string; website: string; description: string;
  contacts?: Contact[]; interviews?: InterviewSummary[];
}
export interface Contact {
  id: number; startup_id: number; name: string; email: string; title: string; company: string;
  phone: string | null; startup_name?: string;
}

export type InterviewStatus =
  | 'draft' | 'awaiting_contact' | 'scheduled' | 'awaiting_host' | 'confirmed' | 'reschedule_requested' | 'completed' | 'cancelled';
export type InvitationStatus = 'pending' | 'confirmed' | 'cancelled';
export interface EventTypeRef { id: number; slug: string; title: string; length_minutes?: number }
export interface TeamAssignment { team_member_id: number; is_primary: boolean; name: string; email: string; role: string }
export interface Guest {
  id: number; name: string; email: string; role: string; company: string; contact_id: number | null;
  invitation_status: 'pending' | 'sent'; invited_at: string | null; last_sent_at: string | null;
}
export interface HistoryEntry { at: string; actor: string; action: string; detail: string }
/** Someone absent from a meeting that took place (Cal.com's no-show). */
export interface NoShow { party: 'contact' | 'guest' | 'interviewer'; name: string; email: string; team_member_id: number | null }
export type PlaceKind = 'video' | 'in_person' | 'phone';
/** Where it happens: a video call (meeting_url, meeting_provider), an address or a phone number. */
export interface InterviewPlace { kind: PlaceKind; address: string | null; phone: string | null }
export interface Interview {
  id: number; title: string; status: InterviewStatus; invitation_status: InvitationStatus;
  startup: { id: number; name: string }; contact: Contact | null; event_type: EventTypeRef | null;
  duration_minutes: number | null; timezone: string; start_time: string | null; end_time: string | null;
  calcom_booking_id: number | string | null; calcom_booking_uid: string | null;
  meeting_url: string | null; meeting_provider: string | null; place?: InterviewPlace;
  prep_notes_markdown: string; prep_notes_html: string; custom_questions: string[];
  team: TeamAssignment[]; guests: Guest[]; history: HistoryEntry[];
  deliveries?: unknown[]; sandbox: boolean; created_at: string; updated_at: string;
  custom_duration?: boolean; cancellation_reason?: string | null;
  no_shows?: NoShow[]; outcome_note?: string | null; latest_calcom_event?: { summary: string; at: string | null } | null;
  steps?: { contact: boolean; team: boolean; booking: boolean; guests: boolean; details: boolean };
  summary?: {
    duration_minutes: number; total_duration_minutes: number; guest_count: number; people_count: number;
    start: ZonedTime | null; end: ZonedTime | null;
  };
  guest_count?: number; total_duration_minutes?: number;
}
export interface ZonedTime { utc: string; meeting: { zone: string; local: string; display: string }; viewer: { zone: string; local: string; display: string } }
/** A row of the interview list (and of a startup's interviews): team without names. */
export interface InterviewSummary {
  id: number; title: string; status: InterviewStatus; invitation_status: InvitationStatus;
  startup: { id: number; name: string }; contact_name?: string; timezone: string; duration_minutes: number | null;
  start_time: string | null; end_time: string | null; meeting_url: string | null; calcom_booking_uid: string | null;
  team: { team_member_id: number; is_primary: boolean }[]; updated_at: string;
}

/** A draft of the signed-in user (GET /api/v1/drafts), the last edited first. */
export interface DraftRow {
  id: number; title: string; status: 'draft'; startup: { id: number; name: string };
  contact: { id: number; name: string } | null; created_at: string; updated_at: string;
}
export interface DraftList { items: DraftRow[]; total: number }

export interface Slot { start: string; end: string }
export interface Availability {
  members: {
    team_member_id: number; name: string; role: string; calcom_username?: string | null;
    availability: 'known' | 'unknown'; reason?: string | null; slots: Slot[];
  }[];
  common_slots: Slot[];
}
export interface EventTypeOption {
  id: number; slug: string; title: string; length_minutes: number; length_options?: number[]; description: string;
  common_free_slots: number; slots?: Slot[];
}
export interface BookingOptions { event_types: EventTypeOption[]; slots_by_event_type?: Record<string, Slot[]> }
export interface CalcomCheck { name: string; label: string; state: string; reason: string }
export interface CalcomHealth {
  configured?: boolean; sandbox: boolean; base_url?: string; checked?: boolean; healthy: boolean;
  reason?: string | null; notice?: string;
  report?: { ok: boolean; identity: { id: number; username: string; email: string; name: string; timeZone: string } | null; checks: CalcomCheck[] };
  /** Older or later shapes of the same page. */
  identity?: unknown; capabilities?: string[];
}
