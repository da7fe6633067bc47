// Another primary interviewer for a booked interview. Cal.com's booking belongs to its host's
// event type, so the change books the interview again under the new primary's event type — at
// the same time or at one the new team is free — and cancels the old booking. The dialog says
// who gets an email: the new primary an invitation, the previous one (unless kept) a
// cancellation, everyone else an update only when the time moves.
import { useQuery } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { errorMessage, post, type Interview } from '../api';
import { useSend } from '../hooks';
import { availability, teamMembers } from '../queries';
import { formatDateTime, viewerZone } from '../time';
import { Dialog } from '../ui/Dialog';
import { EmptyState, ErrorNotice, SelectField, Spinner, TextAreaField } from '../ui/controls';
import { groupByDay, SlotPicker } from './SlotPicker';

export type PrimaryChanged = Interview & { old_booking_problem: string | null };

const RANGE_DAYS = 14;

function isoDay(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

export function PrimaryDialog({ interview, onClose, onChanged }: {
  interview: Interview;
  onClose: () => void;
  onChanged: (changed: PrimaryChanged) => void;
}) {
  const members = useQuery(teamMembers.list({ active: 'true', limit: 200 }));
  const previous = interview.team.find((member) => member.is_primary);
  const [choice, setChoice] = useState('');
  const [keepPrevious, setKeepPrevious] = useState(false);
  const [typeChoice, setTypeChoice] = useState('');
  const [sameTime, setSameTime] = useState(true);
  const [start, setStart] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const { busy, error, problems, send } = useSend();

  const primary = Number(choice) || 0;
  const candidates = (members.data?.items ?? []).filter((m) => m.id !== previous?.team_member_id && m.calcom_username);
  const team = primary
    ? [primary, ...interview.team.map((m) => m.team_member_id).filter((id) =>
      id !== primary && (keepPrevious || id !== previous?.team_member_id))]
    : [];
  const today = new Date();
  const range = { from: isoDay(today), to: isoDay(new Date(today.getTime() + (RANGE_DAYS - 1) * 86_400_000)) };
  const options = useQuery({
    ...availability.primaryOptions(interview.id, { ...range, members: team.join(','), primary }),
    enabled: primary > 0,
  });
  const types = options.data?.event_types ?? [];
  const type = types.find((t) => String(t.id) === typeChoice) ?? (types.length === 1 ? types[0] : undefined);
  const slots = (type?.slots ?? []).filter((slot) => slot.start !== interview.start_time);
  const missing = !primary ? 'Choose the new primary interviewer.'
    : !type ? 'Choose one of their event types.'
      : !sameTime && !start ? 'Choose the new time.' : null;

  const submit = async (event: Event) => {
    event.preventDefault();
    setTouched(true);
    if (missing || !type) return;
    const body = {
      primary_team_member_id: primary,
      event_type_id: type.id,
      keep_previous: keepPrevious,
      ...(sameTime ? {} : { start_time: start }),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    };
    await send(() => post<PrimaryChanged>(`/api/v1/interviews/${interview.id}/primary`, body), onChanged);
  };

  const problemList = Object.entries(problems);
  return (
    <Dialog titleId="primary-title" onClose={onClose} describedBy="primary-text" size="large">
      <form class="dialog__body dialog__body--scroll" onSubmit={(event) => void submit(event)} noValidate>
        <h2 id="primary-title">Change primary interviewer</h2>
        <p id="primary-text">
          Now hosted by <strong>{previous?.name ?? 'nobody'}</strong>
          {interview.start_time ? `, ${formatDateTime(interview.start_time)}` : ''}. Cal.com's booking belongs to its
          host, so the interview is booked again under the new primary's event type and the old booking is cancelled.
          The new primary gets an invitation and {previous?.name ?? 'the previous primary'}, unless kept on, a
          cancellation; everyone else gets an updated invitation only if the time changes.
        </p>
        {error && <ErrorNotice message={error} />}
        {problemList.length > 0 && (
          <ul class="field-problems">
            {problemList.map(([field, problem]) => <li key={field}>{field}: {problem}</li>)}
          </ul>
        )}
        <SelectField
          id="primary-member"
          label="New primary interviewer"
          value={choice}
          onValue={(value) => { setChoice(value); setTypeChoice(''); setStart(null); }}
          error={touched && !primary ? 'Choose the new primary interviewer.' : null}
          options={[{ value: '', label: members.isLoading ? 'Loading…' : 'Choose a team member' },
            ...candidates.map((m) => ({ value: String(m.id), label: `${m.name} (${m.role})` }))]}
        />
        <label class="checkbox">
          <input type="checkbox" checked={keepPrevious} onChange={(event) => setKeepPrevious((event.target as HTMLInputElement).checked)} />
          Keep {previous?.name ?? 'the previous primary'} on the interview as an additional interviewer
        </label>
        {primary > 0 && (options.error ? (
          <ErrorNotice message={errorMessage(options.error)} onRetry={() => void options.refetch()} />
        ) : options.isFetching && !options.data ? (
          <div class="wizard__loading"><Spinner label="Loading event types" /> Asking Cal.com when the new team is free…</div>
        ) : types.length === 0 ? (
          <EmptyState>This person hosts no Cal.com event type that can be booked.</EmptyState>
        ) : (
          <>
            <SelectField
              id="primary-event-type"
              label="Event type"
              value={type ? String(type.id) : ''}
              onValue={(value) => { setTypeChoice(value); setStart(null); }}
              error={problems.event_type_id ?? (touched && !type ? 'Choose one of their event types.' : null)}
              options={[...(types.length > 1 ? [{ value: '', label: 'Choose an event type' }] : []),
                ...types.map((t) => ({ value: String(t.id), label: `${t.title} (${t.length_minutes} min)` }))]}
            />
            <fieldset class="field">
              <legend>Time</legend>
              <label class="checkbox">
                <input type="radio" name="primary-when" checked={sameTime} onChange={() => setSameTime(true)} />
                Keep the current time{interview.start_time ? ` (${formatDateTime(interview.start_time)})` : ''}
              </label>
              <label class="checkbox">
                <input type="radio" name="primary-when" checked={!sameTime} onChange={() => setSameTime(false)} />
                Another time, when the new team is free
              </label>
              {!sameTime && type && (slots.length ? (
                <SlotPicker days={groupByDay(slots)} selected={start} meetingZone={interview.timezone || viewerZone} onPick={setStart} />
              ) : (
                <EmptyState>The new team has no common free time in the next two weeks.</EmptyState>
              ))}
              {(problems.start_time ?? (touched && !sameTime && !start)) && (
                <p class="field__error" role="alert">{problems.start_time ?? 'Choose the new time.'}</p>
              )}
            </fieldset>
          </>
        ))}
        <TextAreaField
          id="primary-reason"
          label="Reason"
          optional
          hint="Kept in the history."
          value={reason}
          onValue={setReason}
          error={problems.reason ?? null}
          maxLength={500}
          rows={2}
        />
        <div class="dialog__actions">
          <button type="button" class="button button--secondary" onClick={onClose}>Close</button>
          <button type="submit" class="button button--primary" disabled={busy}>
            {busy ? 'Changing…' : 'Change primary interviewer'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
