import { useQuery } from '@tanstack/preact-query';
import { useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { errorMessage, query } from '../api';
import { useDebounced, useDocumentTitle } from '../hooks';
import { useLiveInterviews } from '../live';
import { interviews, startups, teamMembers } from '../queries';
import { formatDateTime, minutesLabel } from '../time';
import { Badge, EmptyState, ErrorNotice, SelectField, SkeletonList, Spinner, TextField } from '../ui/controls';

const STATUSES = [
  { value: '', label: 'Any status' },
  { value: 'draft', label: 'Draft' },
  { value: 'scheduled', label: 'Scheduled' },
  { value: 'awaiting_contact', label: 'Waiting for contact' },
  { value: 'awaiting_host', label: 'Awaiting host' },
  { value: 'confirmed', label: 'Confirmed' },
  { value: 'reschedule_requested', label: 'New time needed' },
  { value: 'completed', label: 'Completed' },
  { value: 'cancelled', label: 'Cancelled' },
];

// Upcoming by default, the next meeting first: what a busy person opens the list for.
const WHEN = [
  { value: 'upcoming', label: 'Upcoming' },
  { value: 'past', label: 'Past' },
  { value: 'all', label: 'All, drafts included' },
];
const DEFAULT_WHEN = 'upcoming';

export function InterviewsPage() {
  useDocumentTitle('Interviews');
  useLiveInterviews();
  const { query: initial, route } = useLocation();
  const [when, setWhen] = useState<string>(WHEN.find((w) => w.value === initial.when)?.value ?? DEFAULT_WHEN);
  const [status, setStatus] = useState(initial.status ?? '');
  const [startupId, setStartupId] = useState(initial.startup_id ?? '');
  const [memberId, setMemberId] = useState(initial.team_member_id ?? '');
  const [from, setFrom] = useState(initial.from ?? '');
  const [to, setTo] = useState(initial.to ?? '');
  const [text, setText] = useState(initial.q ?? '');
  const q = useDebounced(text.trim(), 250);

  const startupList = useQuery(startups.list({ limit: 200 }));
  const members = useQuery(teamMembers.list({ active: 'all', limit: 200 }));
  const filters = { when: when === DEFAULT_WHEN ? '' : when, status, startup_id: startupId, team_member_id: memberId, from, to, q };
  // The filters are in the address, so a reload or a shared link shows the same list.
  const address = `/interviews${query(filters)}`;
  useEffect(() => route(address, true), [address, route]);
  const list = useQuery(interviews.list({ ...filters, when, limit: 100 }));
  // Upcoming interviews have a time; those whose contact is still picking one are listed apart.
  const waiting = useQuery({ ...interviews.list({ status: 'awaiting_contact', when: 'all', limit: 50 }), enabled: when === 'upcoming' && !status });
  const nameOf = new Map((members.data?.items ?? []).map((m) => [m.id, m.name]));
  const filtered = Boolean(when !== DEFAULT_WHEN || status || startupId || memberId || from || to || q);
  const clear = () => {
    setWhen(DEFAULT_WHEN); setStatus(''); setStartupId(''); setMemberId(''); setFrom(''); setTo(''); setText('');
  };

  return (
    <section class="page" aria-labelledby="interviews-title">
      <div class="page__header">
        <div>
          <h1 id="interviews-title">Interviews</h1>
          <p class="muted">Every interview, from draft to done. Schedule new ones from a startup’s page.</p>
        </div>
        <button type="button" class="button button--primary" onClick={() => route('/startups')}>
          Choose a startup to schedule
        </button>
      </div>
      <form class="filters" role="search" aria-label="Filter interviews" onSubmit={(event) => event.preventDefault()}>
        <div class="filters__head">
          <h2 class="subheading">Filters</h2>
          <span class="filters__status" aria-live="polite">{list.isFetching && <Spinner label="Loading interviews" />}</span>
          <button type="button" class="button button--ghost button--small" onClick={clear} disabled={!filtered}>Clear filters</button>
        </div>
        <TextField id="interview-q" label="Search" type="search" value={text} onValue={setText} placeholder="Title, startup or person" />
        <SelectField id="interview-when" label="When" value={when} onValue={setWhen} options={WHEN} />
        <SelectField id="interview-status" label="Status" value={status} onValue={setStatus} options={STATUSES} />
        <SelectField id="interview-startup" label="Startup" value={startupId} onValue={setStartupId}
          options={[{ value: '', label: 'Any startup' }, ...(startupList.data?.items ?? []).map((s) => ({ value: String(s.id), label: s.name }))]} />
        <SelectField id="interview-member" label="Team member" value={memberId} onValue={setMemberId}
          options={[{ value: '', label: 'Anyone' }, ...(members.data?.items ?? []).map((m) => ({ value: String(m.id), label: m.name }))]} />
        <TextField id="interview-from" label="From" type="date" value={from} onValue={setFrom} />
        <TextField id="interview-to" label="To" type="date" value={to} onValue={setTo} />
      </form>
      {when === 'upcoming' && !status && (waiting.data?.items.length ?? 0) > 0 && (
        <section class="panel" aria-labelledby="waiting-title">
          <h2 id="waiting-title">Waiting for the contact to pick a time</h2>
          <ul class="people" aria-label="Waiting for the contact">
            {waiting.data!.items.map((interview) => (
              <li class="person" key={interview.id}>
                <a href={`/interviews/${interview.id}`} class="strong-link">{interview.title || `Interview #${interview.id}`}</a>
                <span class="person__meta">{interview.startup?.name}{interview.contact_name ? ` · ${interview.contact_name}` : ''}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {list.error ? (
        <ErrorNotice message={errorMessage(list.error)} onRetry={() => void list.refetch()} />
      ) : !list.data ? (
        <SkeletonList />
      ) : list.data.items.length === 0 ? (
        <EmptyState>
          {when === 'upcoming' && !status && !startupId && !memberId && !from && !to && !q ? (
            <>
              No upcoming interviews.{' '}
              <button type="button" class="button button--secondary button--small" onClick={() => setWhen('past')}>Show past interviews</button>
            </>
          ) : filtered ? 'No interviews match these filters.' : 'No interviews yet.'}
        </EmptyState>
      ) : (
        <div class="table-wrap">
          <table class="table" aria-label="Interviews" aria-busy={list.isFetching ? 'true' : 'false'}>
            <thead>
              <tr>
                <th scope="col">Interview</th>
                <th scope="col">When</th>
                <th scope="col">Team</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((interview) => {
                const primary = interview.team?.find((t) => t.is_primary);
                const primaryName = primary ? nameOf.get(primary.team_member_id) ?? `Team member #${primary.team_member_id}` : null;
                return (
                  <tr key={interview.id}>
                    <td data-label="Interview">
                      <a href={`/interviews/${interview.id}`} class="strong-link">{interview.title || `Interview #${interview.id}`}</a>
                      <span class="person__meta">{interview.startup?.name}{interview.contact_name ? ` · ${interview.contact_name}` : ''}</span>
                    </td>
                    <td data-label="When">
                      {interview.start_time ? formatDateTime(interview.start_time) : <span class="muted">Not chosen</span>}
                      {interview.duration_minutes ? <span class="person__meta">{minutesLabel(interview.duration_minutes)}</span> : null}
                    </td>
                    <td data-label="Team">
                      {primaryName ?? <span class="muted">Not assigned</span>}
                      {interview.team && interview.team.length > 1 && <span class="person__meta">+{interview.team.length - 1} more</span>}
                    </td>
                    <td data-label="Status">
                      <Badge status={interview.status} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
