// Live updates: Cal.com's changes (and other people's) reach the open pages without a reload.
// One Server-Sent Events stream per tab (GET /api/v1/events), shared by the pages listening; on a
// change the interviews' reads load again. While the stream is down, the reads load again every
// 15 s instead, and the stream is tried again with a growing pause.
import { useEffect, useRef, useState } from 'preact/hooks';
import { interviewChanged } from './queries';

/** One `interview` event: the interview's id, its row version and its status after the change. */
export type InterviewEvent = { id: number; version: number; status: string };
type Listener = (event: InterviewEvent | null) => void; // null: a fallback poll, anything may have changed

const POLL_MS = 15_000;
const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 30_000;

const listeners = new Set<Listener>();
let source: EventSource | null = null;
let pollTimer: ReturnType<typeof setInterval> | null = null;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let retryMs = RETRY_MIN_MS;
let wasDown = false;

function tell(event: InterviewEvent | null) {
  interviewChanged();
  for (const listener of listeners) listener(event);
}

function startPolling() {
  pollTimer ??= setInterval(() => tell(null), POLL_MS);
}

function stopPolling() {
  if (pollTimer) clearInterval(pollTimer);
  pollTimer = null;
}

/** Reads an event's data; null for anything that is not one interview's change. */
export function parseInterviewEvent(data: string): InterviewEvent | null {
  try {
    const value = JSON.parse(data) as Partial<InterviewEvent>;
    if (typeof value.id !== 'number' || typeof value.version !== 'number' || typeof value.status !== 'string') return null;
    return { id: value.id, version: value.version, status: value.status };
  } catch {
    return null;
  }
}

function connect() {
  if (source || typeof EventSource === 'undefined') {
    if (!source) startPolling();
    return;
  }
  const opened = new EventSource('/api/v1/events');
  source = opened;
  opened.onopen = () => {
    retryMs = RETRY_MIN_MS;
    stopPolling();
    // What changed while the stream was down is read again now.
    if (wasDown) tell(null);
    wasDown = false;
  };
  opened.addEventListener('interview', (message) => {
    const event = parseInterviewEvent((message as MessageEvent<string>).data);
    if (event) tell(event);
  });
  opened.onerror = () => {
    wasDown = true;
    startPolling();
    // The browser reconnects by itself after a dropped connection, but not after a refusal
    // (401, 429): then the stream is closed and tried again here.
    if (opened.readyState !== EventSource.CLOSED) return;
    opened.close();
    source = null;
    if (listeners.size && !retryTimer) {
      retryTimer = setTimeout(() => {
        retryTimer = null;
        if (listeners.size) connect();
      }, retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    }
  };
}

function disconnect() {
  source?.close();
  source = null;
  stopPolling();
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
}

/** Keeps the interviews on screen up to date while the calling component is mounted. */
export function useLiveInterviews(listener?: Listener) {
  const latestRef = useRef(listener);
  useEffect(() => {
    latestRef.current = listener;
  });
  useEffect(() => {
    const mine: Listener = (event) => latestRef.current?.(event);
    listeners.add(mine);
    connect();
    return () => {
      listeners.delete(mine);
      // Another page mounting right after (a link followed) keeps the same stream.
      setTimeout(() => {
        if (!listeners.size) disconnect();
      }, 1_000);
    };
  }, []);
}

const ANNOUNCED: Record<string, string> = {
  scheduled: 'Interview scheduled',
  awaiting_host: "Interview awaiting the host's confirmation",
  confirmed: 'Interview confirmed',
  reschedule_requested: 'A new time was requested for this interview',
  completed: 'Interview completed',
  cancelled: 'Interview cancelled',
};

/** What a live region says about a change of interview `id` from `status` (the status shown before). */
export function announcement(event: InterviewEvent, status: string | undefined): string {
  if (event.status !== status) return ANNOUNCED[event.status] ?? `Interview now ${event.status.replace(/_/g, ' ')}`;
  return 'Interview updated';
}

/**
 * Interview `id` kept live; answers what to announce in an `aria-live` region when it changes
 * (its reads load again by themselves). `status` is the status on screen.
 */
export function useLiveInterview(id: number | string | null, status: string | undefined): string {
  const [said, setSaid] = useState('');
  const shownRef = useRef(status);
  useEffect(() => {
    shownRef.current = status;
  }, [status]);
  useLiveInterviews((event) => {
    if (event && id !== null && String(event.id) === String(id)) setSaid(announcement(event, shownRef.current));
  });
  return said;
}
