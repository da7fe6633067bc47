// Step 6: everything at a glance, then "Send invitation" books it in Cal.com. A failure keeps
// the draft and says what happened in plain words, with a retry.
import { useState } from 'preact/hooks';
import { errorMessage, post, type Interview } from '../api';
import { formatDateTime, minutesLabel, viewerZone, zoneLabel } from '../time';
import { Badge, ErrorNotice, Notice } from '../ui/controls';
import { interviewFrom, type StepProps } from './model';

export function StepConfirm({ interview, onConfirmed, onOpen }: StepProps & { onConfirmed: (i: Interview) => void; onOpen: () => void }) {
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const i = interview!;
  const booked = i.status !== 'draft';

  const send = async () => {
    setSending(true);
    setError(null);
    try {
      onConfirmed(interviewFrom(await post(`/api/v1/interviews/${i.id}/confirm`)));
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setSending(false);
    }
  };

  const primary = i.team?.find((m) => m.is_primary);
  const others = (i.team ?? []).filter((m) => !m.is_primary);
  return (
    <div class="step">
      {booked && (
        <Notice kind="success">
          <strong>Invitation sent.</strong> The interview is{' '}
          {i.status === 'awaiting_host' ? "awaiting the host's confirmation" : i.status} in Cal.com
          {i.guests?.length ? ` and ${i.guests.length} ${i.guests.length === 1 ? 'guest was' : 'guests were'} invited` : ''}.
        </Notice>
      )}
      {i.sandbox && <div class="banner banner--sandbox" role="note">Sandbox: booked against the simulated Cal.com.</div>}
      <dl class="facts facts--summary" aria-label="Interview summary">
        <dt>Startup</dt>
        <dd>{i.startup.name}</dd>
        <dt>Contact</dt>
        <dd>{i.contact ? `${i.contact.name} (${i.contact.email})` : '—'}</dd>
        <dt>Primary interviewer</dt>
        <dd>{primary ? `${primary.name}, ${primary.role}` : '—'}</dd>
        <dt>Also joining</dt>
        <dd>{others.length ? others.map((m) => m.name).join(', ') : 'No one else'}</dd>
        <dt>Booking type</dt>
        <dd>{i.event_type ? i.event_type.title : '—'} · {minutesLabel(i.duration_minutes)}</dd>
        <dt>When (your time)</dt>
        <dd>{formatDateTime(i.start_time)} <span class="muted">{zoneLabel(viewerZone)}</span></dd>
        {i.timezone && i.timezone !== viewerZone && (
          <>
            <dt>When (meeting time)</dt>
            <dd>{formatDateTime(i.start_time, i.timezone)} <span class="muted">{zoneLabel(i.timezone)}</span></dd>
          </>
        )}
        <dt>Guests</dt>
        <dd>{i.guests?.length ? i.guests.map((g) => g.name || g.email).join(', ') : 'None'}</dd>
        <dt>Questions</dt>
        <dd>{i.custom_questions?.length ? `${i.custom_questions.length} custom questions` : 'None'}</dd>
        <dt>Status</dt>
        <dd><Badge status={i.status} /></dd>
      </dl>
      {error && <ErrorNotice title="The invitation was not sent" message={`${error} Your draft is saved.`} onRetry={() => void send()} />}
      <div class="confirm-actions">
        {booked ? (
          <button type="button" class="button button--primary button--large" onClick={onOpen}>
            Open interview
          </button>
        ) : (
          <button type="button" class="button button--primary button--large" onClick={() => void send()} disabled={sending}>
            {sending ? 'Sending invitation…' : 'Send invitation'}
          </button>
        )}
      </div>
    </div>
  );
}
