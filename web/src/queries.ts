// Server state: every read of the API the app caches, each under a key that starts with its
// resource, and the one QueryClient (TanStack Query, ADR 0007). Views of one resource share its
// answer. A write invalidates the keys of what it changed (`interviewChanged()` after a cancel),
// so every view showing it loads it again.
import { QueryClient, infiniteQueryOptions, keepPreviousData, queryOptions, type QueryKey } from '@tanstack/preact-query';
import {
  get, query, type Availability, type BookingOptions, type CalcomHealth, type Contact, type DraftList, type Interview, type InterviewSummary,
  type Page, type Startup, type TeamMember,
} from './api';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A failed read shows its error with "Try again" at once; the person decides.
      retry: false,
      // Freshness comes from invalidation after writes (and live updates), not from focus.
      refetchOnWindowFocus: false,
      // While a new key loads (a search typed, a filter changed) the last answer stays on screen.
      placeholderData: keepPreviousData,
    },
  },
});

/** Marks every cached read under `key` stale; the ones on screen load again. */
export function invalidate(key: QueryKey): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: key });
}

type Params = Record<string, string | number | undefined | null>;

export const startups = {
  all: ['startups'] as const,
  list: (params: Params) =>
    queryOptions({
      queryKey: ['startups', 'list', params],
      queryFn: ({ signal }) => get<Page<Startup>>(`/api/v1/startups${query(params)}`, signal),
    }),
  /** A list read page by page, for "Show more". */
  pages: (params: Params) =>
    infiniteQueryOptions({
      queryKey: ['startups', 'pages', params],
      queryFn: ({ pageParam, signal }) => get<Page<Startup>>(`/api/v1/startups${query({ ...params, cursor: pageParam })}`, signal),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.next_cursor,
    }),
  /** The startup with its contacts and interviews. */
  detail: (id: number | string) =>
    queryOptions({
      queryKey: ['startups', 'detail', String(id)],
      queryFn: ({ signal }) => get<Startup>(`/api/v1/startups/${id}`, signal),
    }),
};

export const contacts = {
  all: ['contacts'] as const,
  /** Contacts matching `q` across startups; nothing without a search. */
  search: (q: string, limit: number) =>
    queryOptions({
      queryKey: ['contacts', 'list', { q, limit }],
      queryFn: ({ signal }) => (q ? get<Page<Contact>>(`/api/v1/contacts${query({ q, limit })}`, signal) : null),
    }),
};

/** A contact was added: its startup's detail shows it at once, and contact searches read again. */
export function contactAdded(contact: Contact) {
  queryClient.setQueryData(startups.detail(contact.startup_id).queryKey, (startup) =>
    startup ? { ...startup, contacts: [...(startup.contacts ?? []), contact] } : startup,
  );
  void invalidate(contacts.all);
}

export const teamMembers = {
  all: ['team-members'] as const,
  list: (params: Params) =>
    queryOptions({
      queryKey: ['team-members', 'list', params],
      queryFn: ({ signal }) => get<Page<TeamMember>>(`/api/v1/team-members${query(params)}`, signal),
    }),
};

export const interviews = {
  all: ['interviews'] as const,
  list: (params: Params) =>
    queryOptions({
      queryKey: ['interviews', 'list', params],
      queryFn: ({ signal }) => get<Page<InterviewSummary>>(`/api/v1/interviews${query(params)}`, signal),
    }),
  detail: (id: number | string) =>
    queryOptions({
      queryKey: ['interviews', 'detail', String(id)],
      queryFn: ({ signal }) => get<Interview>(`/api/v1/interviews/${id}`, signal),
    }),
};

/** The signed-in user's own drafts (of one startup with `startup_id`), and how many in all. */
export const drafts = {
  all: ['drafts'] as const,
  mine: (params: Params) =>
    queryOptions({
      queryKey: ['drafts', params],
      queryFn: ({ signal }) => get<DraftList>(`/api/v1/drafts${query(params)}`, signal),
    }),
};

/** An interview changed: every list and view of interviews, the startups' (which list theirs), the drafts. */
export function interviewChanged() {
  void invalidate(interviews.all);
  void invalidate(startups.all);
  void invalidate(drafts.all);
}

// Availability asks Cal.com (slow, rate-limited): its own keys, apart from the interviews'.
type Range = { from: string; to: string };

/**
 * Each member's availability. Asked for all at once; if that fails (one calendar Cal.com cannot
 * read must not hide everyone else's), asked member by member.
 */
async function memberAvailability(interviewId: number, ids: number[], range: Range, signal: AbortSignal): Promise<Availability> {
  const url = (members: string) => `/api/v1/interviews/${interviewId}/availability${query({ ...range, members })}`;
  try {
    return await get<Availability>(url(ids.join(',')), signal);
  } catch (error) {
    if (signal.aborted || ids.length < 2) throw error;
    const each = await Promise.allSettled(ids.map((id) => get<Availability>(url(String(id)), signal)));
    const members = each.flatMap((result) => (result.status === 'fulfilled' ? result.value.members : []));
    if (!members.length) throw error;
    return { members, common_slots: [] };
  }
}

export const availability = {
  all: ['availability'] as const,
  /** Each of these members' free slots in the range; nothing before there is a draft. */
  members: (interviewId: number | undefined, ids: number[], range: Range) =>
    queryOptions({
      queryKey: ['availability', interviewId ?? null, 'members', { ...range, ids: ids.join(',') }],
      queryFn: ({ signal }) => (interviewId && ids.length ? memberAvailability(interviewId, ids, range, signal) : null),
    }),
  /** When a team (ids joined by commas) is free together, optionally for an event type and duration. */
  common: (interviewId: number | undefined, params: Range & Params & { members: string }) =>
    queryOptions({
      queryKey: ['availability', interviewId ?? null, 'common', params],
      queryFn: ({ signal }) =>
        interviewId && params.members
          ? get<Availability>(`/api/v1/interviews/${interviewId}/availability${query(params)}`, signal)
          : null,
    }),
  /** The event types with how often the team is free for each. */
  bookingOptions: (interviewId: number, range: Range) =>
    queryOptions({
      queryKey: ['availability', interviewId, 'booking-options', range],
      queryFn: ({ signal }) => get<BookingOptions>(`/api/v1/interviews/${interviewId}/booking-options${query(range)}`, signal),
    }),
  /** The event types `primary` hosts, each with when the team (ids joined by commas) is free together. */
  primaryOptions: (interviewId: number, params: Range & { members: string; primary: number }) =>
    queryOptions({
      queryKey: ['availability', interviewId, 'primary-options', params],
      queryFn: ({ signal }) =>
        get<BookingOptions>(`/api/v1/interviews/${interviewId}/booking-options${query(params)}`, signal),
    }),
};

export interface Delivery {
  id: number; source?: string; trigger: string; booking_uid: string | null; received_at: string;
  outcome: string; interview_id: number | null; detail: string;
}
export interface Email {
  id: number; interview_id: number | null; kind?: string; recipient: string; subject: string;
  status: 'pending' | 'sending' | 'sent' | 'dead' | 'held'; attempts: number; last_error: string | null;
  created_at: string; sent_at: string | null;
}

export const calcom = {
  /**
   * The integration's health, read again for each `check` (a click on the button); with `fresh`
   * (admins) a check after the first asks Cal.com anew instead of reading the last result.
   */
  health: (check: number, fresh: boolean) =>
    queryOptions({
      queryKey: ['calcom', 'health', check],
      queryFn: ({ signal }) => get<CalcomHealth>(`/api/v1/integrations/calcom${check && fresh ? '?refresh=true' : ''}`, signal),
    }),
};

export const admin = {
  deliveries: queryOptions({
    queryKey: ['admin', 'webhook-deliveries'],
    queryFn: ({ signal }) => get<Page<Delivery>>('/api/v1/admin/webhook-deliveries?limit=20', signal),
  }),
  emails: queryOptions({
    queryKey: ['admin', 'emails'],
    queryFn: ({ signal }) => get<Page<Email>>('/api/v1/admin/emails?limit=20', signal),
  }),
};
