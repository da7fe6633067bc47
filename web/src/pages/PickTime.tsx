// The page a startup's contact opens from the scheduling link's email, without an account: who
// they meet and for how long, the team's free times in their own time zone, and once booked,
// moving or cancelling within the team's rules. It shows nothing of Poblysh's internal record.
import { useQuery } from '@tanstack/preact-query';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, errorMessage, get, post, query, type Slot } from '../api';
import { groupByDay, SlotPicker } from '../components/SlotPicker';
import { useSend } from '../hooks';
import { addDays, allZones, formatDateTime, isValidZone, minutesLabel, viewerZone, zoneLabel } from '../time';
import { EmptyState, ErrorNotice, Notice, SelectField, Spinner, TextAreaField, TextField } from '../ui/controls';

type LinkState = 'active' | 'booked' | 'expired' | 'revoked';
interface PublicInterview {
  title: string;
  organization: string;
  startup: string;
  contact_name: string | null;
  team: { name: string; role: string; primary: boolean }[];
  duration_minutes: number;
  meeting_time_zone: string;
  place: { kind: 'video' | 'in_person' | 'phone'; provider?: string | null; detail?: string };
  status: string;
  start_time: string | null;
  end_time: string | null;
  meeting_url: string | null;
}
export interface LinkPage {
  state: LinkState;
  window_start: string;
  window_end: string;
  shortlist: string[];
  expires_at: string;
  changes_until: string | null;
  can_change: boolean;
  interview: PublicInterview;
}

const linkPath = (token: string) => `/api/v1/links/${encodeURIComponent(token)}`;

export function PickTimePage({ token }: { token: string }) {
  const [zone, setZone] = useState(viewerZone);
  const page = useQuery({ queryKey: ['link', token], queryFn: ({ signal }) => get<LinkPage>(linkPath(token), signal), retry: false });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [page.data?.state]);

  let body;
  if (page.isPending) {
    body = <Spinner label="Opening your link" />;
  } else if (page.error) {
    const missing = page.error instanceof ApiError && page.error.status === 404;
    body = missing ? (
      <Closed heading="This link is not valid">Please check that you opened the whole address from the email, or write to the person who invited you.</Closed>
    ) : (
      <ErrorNotice message={errorMessage(page.error)} onRetry={() => void page.refetch()} />
    );
  } else {
    const link = page.data;
    body = (
      <>
        <Facts link={link} zone={zone} />
        <ZoneChoice zone={zone} onZone={setZone} />
        {link.state === 'active' && <Pick token={token} link={link} zone={zone} onDone={() => void page.refetch()} />}
        {link.state === 'booked' && <Booked token={token} link={link} zone={zone} onDone={() => void page.refetch()} />}
        {link.state === 'expired' && (
          <Closed heading="This link has expired">It was valid until {formatDateTime(link.expires_at, zone)}. Please write to the person who invited you for a new one.</Closed>
        )}
        {link.state === 'revoked' && (
          <Closed heading="This link is no longer valid">The team replaced or withdrew it. Please use the latest email you received, or write to the person who invited you.</Closed>
        )}
      </>
    );
  }
  return (
    <div class="public">
      <header class="public__header">
        <span class="brand__mark" aria-hidden="true">P</span>
        <span class="public__name">Poblysh</span>
      </header>
      <main id="main" class="public__main">
        <h1 ref={heading} tabIndex={-1}>
          {page.data ? headingFor(page.data) : 'Your interview with Poblysh'}
        </h1>
        {body}
      </main>
    </div>
  );
}

function headingFor(link: LinkPage): string {
  if (link.state === 'booked' && link.interview.status === 'cancelled') return 'Your interview is cancelled';
  if (link.state === 'booked') return 'Your interview is booked';
  return 'Pick a time for your interview with Poblysh';
}

function Facts({ link, zone }: { link: LinkPage; zone: string }) {
  const i = link.interview;
  const place =
    i.place.kind === 'in_person' ? `In person: ${i.place.detail ?? ''}` :
    i.place.kind === 'phone' ? `By phone: ${i.place.detail ?? ''}` :
    `Video call${i.place.provider ? ` (${i.place.provider})` : ''}; the link comes with the invitation`;
  return (
    <section class="card public__facts" aria-labelledby="facts-title">
      <h2 id="facts-title" class="visually-hidden">About the interview</h2>
      <p>
        {i.contact_name ? `Hello ${i.contact_name}, ` : ''}the Poblysh team would like to meet {i.startup}.
      </p>
      <dl class="facts">
        <dt>Length</dt><dd>{minutesLabel(i.duration_minutes)}</dd>
        <dt>Where</dt><dd>{place}</dd>
        <dt>With</dt>
        <dd>
          <ul class="public__team">
            {i.team.map((member) => (
              <li key={member.name}>{member.name}{member.role ? `, ${member.role}` : ''}</li>
            ))}
          </ul>
        </dd>
        {i.start_time && i.status !== 'cancelled' && (<><dt>When</dt><dd>{formatDateTime(i.start_time, zone)} ({zoneLabel(zone)})</dd></>)}
      </dl>
    </section>
  );
}

function ZoneChoice({ zone, onZone }: { zone: string; onZone: (zone: string) => void }) {
  const zones = allZones();
  const options = (zones.includes(zone) ? zones : [zone, ...zones]).map((name) => ({ value: name, label: zoneLabel(name) }));
  return (
    <SelectField
      id="pick-zone"
      label="Show times in"
      hint="We guessed your time zone from your browser; change it if it is wrong."
      value={zone}
      onValue={(value) => isValidZone(value) && onZone(value)}
      options={options}
    />
  );
}

/** Free times from the team's calendars, two weeks at a time from the window's start. */
function useFreeTimes(token: string, link: LinkPage) {
  const [from, setFrom] = useState(() => new Date(Math.max(Date.now(), Date.parse(link.window_start))));
  const to = addDays(from, 14);
  const times = useQuery({
    queryKey: ['link', token, 'times', from.toISOString()],
    queryFn: ({ signal }) =>
      get<{ slots: Slot[] }>(`${linkPath(token)}/times${query({ from: from.toISOString(), to: to.toISOString() })}`, signal),
    retry: false,
  });
  const later = to < new Date(link.window_end);
  return { times, later, next: () => setFrom(to), earlier: from > new Date(link.window_start) ? () => setFrom(addDays(from, -14)) : null };
}

function TimeChooser({ token, link, zone, selected, onPick, legend }: {
  token: string; link: LinkPage; zone: string; selected: string | null; onPick: (start: string) => void; legend: string;
}) {
  const { times, later, next } = useFreeTimes(token, link);
  const slots = times.data?.slots ?? [];
  return (
    <fieldset class="field">
      <legend>{legend}</legend>
      {times.error ? (
        <ErrorNotice message={errorMessage(times.error)} onRetry={() => void times.refetch()} />
      ) : times.isPending ? (
        <div class="wizard__loading"><Spinner label="Loading free times" /> Looking up when the team is free…</div>
      ) : slots.length ? (
        <SlotPicker days={groupByDay(slots, zone)} selected={selected} meetingZone={link.interview.meeting_time_zone} onPick={onPick} zone={zone} />
      ) : (
        <EmptyState>The team has no free time left in these two weeks.</EmptyState>
      )}
      {later && (
        <button type="button" class="button button--secondary" onClick={next}>Show later times</button>
      )}
    </fieldset>
  );
}

function Pick({ token, link, zone, onDone }: { token: string; link: LinkPage; zone: string; onDone: () => void }) {
  const [start, setStart] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [guestName, setGuestName] = useState('');
  const [guestEmail, setGuestEmail] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const { busy, error, problems, send } = useSend();
  const [retryKey, setRetryKey] = useState(0);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!start) {
      setMissing('Choose one of the times shown.');
      return;
    }
    setMissing(null);
    const guest = guestName.trim() || guestEmail.trim() ? { name: guestName.trim(), email: guestEmail.trim() } : undefined;
    await send(
      async () => {
        try {
          return await post<LinkPage>(`${linkPath(token)}/booking`, { start_time: start, note: note.trim(), ...(guest ? { guest } : {}) });
        } catch (caught) {
          // Taken meanwhile: the list is read again so the time disappears.
          if (caught instanceof ApiError && caught.status === 409) {
            setStart(null);
            setRetryKey((key) => key + 1);
          }
          throw caught;
        }
      },
      onDone,
    );
  };
  return (
    <form class="card public__form" onSubmit={(event) => void submit(event)} noValidate>
      <p>Choose the time that suits you. Times are shown in {zoneLabel(zone)}; the list shows only when everyone on the team is free.</p>
      {error && <ErrorNotice message={error} />}
      <TimeChooser key={retryKey} token={token} link={link} zone={zone} selected={start} legend="Free times"
        onPick={(picked) => {
          setStart(picked);
          setMissing(null);
        }} />
      {(missing || problems.start_time) && <p class="field__error" role="alert">{missing ?? problems.start_time}</p>}
      <TextAreaField id="pick-note" label="A note for the team" optional value={note} onValue={setNote} error={problems.note ?? null} maxLength={1000} rows={3} />
      <fieldset class="field">
        <legend>Bring a colleague (optional)</legend>
        <TextField id="pick-guest-name" label="Their name" optional value={guestName} onValue={setGuestName} error={problems['guests[0].name'] ?? null} />
        <TextField id="pick-guest-email" label="Their email" optional type="email" value={guestEmail} onValue={setGuestEmail}
          error={problems['guests[0].email'] ?? problems.guest ?? null} />
      </fieldset>
      <div class="public__actions">
        <button type="submit" class="button button--primary" disabled={busy}>{busy ? 'Booking…' : 'Confirm this time'}</button>
      </div>
    </form>
  );
}

function Booked({ token, link, zone, onDone }: { token: string; link: LinkPage; zone: string; onDone: () => void }) {
  const [mode, setMode] = useState<'view' | 'move' | 'cancel'>('view');
  const [start, setStart] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const { busy, error, problems, send } = useSend();
  const i = link.interview;
  if (i.status === 'cancelled') {
    return <Notice>The interview will not take place. The team has been told.</Notice>;
  }
  const submit = async (event: Event) => {
    event.preventDefault();
    const action = mode === 'move' ? 'reschedule' : 'cancel';
    const body = mode === 'move' ? { start_time: start, reason: reason.trim() } : { reason: reason.trim() };
    await send(() => post<LinkPage>(`${linkPath(token)}/${action}`, body), () => {
      setMode('view');
      onDone();
    });
  };
  return (
    <section class="card" aria-labelledby="booked-title">
      <h2 id="booked-title">{formatDateTime(i.start_time, zone)}</h2>
      <p role="status">
        {i.status === 'awaiting_host' ? 'Booked; the host still has to accept it.' : 'Booked. A calendar invitation is on its way to you.'}
      </p>
      {i.meeting_url && <p><a class="button button--primary" href={i.meeting_url} rel="noopener noreferrer">Join the meeting</a></p>}
      {mode === 'view' && (link.can_change ? (
        <div class="public__actions">
          <button type="button" class="button button--secondary" onClick={() => setMode('move')}>Choose another time</button>
          <button type="button" class="button button--danger-ghost" onClick={() => setMode('cancel')}>Cancel the interview</button>
        </div>
      ) : (
        <p class="muted">To change it now, please write to the person who invited you.</p>
      ))}
      {mode !== 'view' && (
        <form onSubmit={(event) => void submit(event)} noValidate>
          {error && <ErrorNotice message={error} />}
          {mode === 'move' && (
            <TimeChooser token={token} link={link} zone={zone} selected={start} onPick={setStart} legend="New time" />
          )}
          <TextAreaField id="change-reason" label="Reason" hint="The team reads it." value={reason} onValue={setReason} error={problems.reason ?? null} maxLength={500} rows={2} />
          <div class="public__actions">
            <button type="button" class="button button--secondary" onClick={() => setMode('view')}>Keep it as it is</button>
            <button type="submit" class={`button ${mode === 'cancel' ? 'button--danger' : 'button--primary'}`} disabled={busy || (mode === 'move' && !start)}>
              {mode === 'move' ? 'Move to this time' : 'Cancel the interview'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function Closed({ heading, children }: { heading: string; children: ComponentChildren }) {
  return (
    <section class="card" aria-labelledby="closed-title">
      <h2 id="closed-title">{heading}</h2>
      <p>{children}</p>
    </section>
  );
}
