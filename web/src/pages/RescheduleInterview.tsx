import { useQuery } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { errorMessage, post, type Interview } from '../api';
import { groupByDay, SlotPicker } from '../components/SlotPicker';
import { useSend } from '../hooks';
import { availability } from '../queries';
import { formatDateTime, minutesLabel, viewerZone } from '../time';
import { Dialog } from '../ui/Dialog';
import { EmptyState, ErrorNotice, Spinner, TextAreaField } from '../ui/controls';
import { availabilityRange } from '../wizard/model';

// Another time for a booked interview, picked among the team's common free times for the same
// event type and length, as in the wizard's step 3. Everyone invited gets the updated invitation.
export function RescheduleInterviewDialog({ interview, onClose, onRescheduled }: {
  interview: Interview;
  onClose: () => void;
  onRescheduled: (moved: Interview) => void;
}) {
  const [start, setStart] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const { busy, error, problems, send } = useSend();
  const team = interview.team.map((member) => member.team_member_id).join(',');
  const free = useQuery(
    availability.common(interview.id, {
      ...availabilityRange(),
      members: team,
      event_type_id: interview.event_type?.id,
      duration: interview.custom_duration ? interview.duration_minutes : undefined,
    }),
  );
  const slots = (free.data?.common_slots ?? []).filter((slot) => slot.start !== interview.start_time);
  const missing = start ? null : 'Choose the new time.';

  const submit = async (event: Event) => {
    event.preventDefault();
    setTouched(true);
    if (missing) return;
    const body = { start_time: start, ...(reason.trim() ? { reason: reason.trim() } : {}) };
    await send(() => post<Interview>(`/api/v1/interviews/${interview.id}/reschedule`, body), onRescheduled);
  };

  const startError = problems.start_time ?? (touched ? missing : null);
  return (
    <Dialog titleId="reschedule-title" onClose={onClose} describedBy="reschedule-text">
      <form class="dialog__body dialog__body--scroll" onSubmit={(event) => void submit(event)} noValidate>
        <h2 id="reschedule-title">Reschedule this interview</h2>
        <p id="reschedule-text">
          Now {interview.start_time ? formatDateTime(interview.start_time) : 'without a time'}
          {` · ${minutesLabel(interview.duration_minutes)}`}. The Cal.com booking moves and everyone invited gets an
          updated invitation for the same calendar entry.
        </p>
        {error && <ErrorNotice message={error} />}
        <fieldset class="field" aria-describedby={startError ? 'reschedule-start-error' : undefined}>
          <legend>New time (when the whole team is free)</legend>
          {free.error ? (
            <ErrorNotice message={errorMessage(free.error)} onRetry={() => void free.refetch()} />
          ) : free.isFetching && !free.data ? (
            <div class="wizard__loading"><Spinner label="Loading free times" /> Asking Cal.com when the team is free…</div>
          ) : slots.length ? (
            <SlotPicker days={groupByDay(slots)} selected={start} meetingZone={interview.timezone || viewerZone} onPick={setStart} />
          ) : (
            <EmptyState>The team has no common free time in the next two weeks.</EmptyState>
          )}
          {startError && <p class="field__error" id="reschedule-start-error" role="alert">{startError}</p>}
        </fieldset>
        <TextAreaField
          id="reschedule-reason"
          label="Reason"
          optional
          hint="Everyone invited reads it."
          value={reason}
          onValue={setReason}
          error={problems.reason ?? null}
          maxLength={500}
          rows={2}
        />
        <div class="dialog__actions">
          <button type="button" class="button button--secondary" onClick={onClose}>Keep the current time</button>
          <button type="submit" class="button button--primary" disabled={busy}>
            {busy ? 'Rescheduling…' : 'Reschedule'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
