// Step 6: everything at a glance, then "Send invitation" books it in Cal.com. A failure keeps
// the draft and says what happened in plain words, with a retry.
import { useState } from 'preact/hooks';
import { errorMessage, post, type Interview } from '../api';
import { Badge, ErrorNotice, Notice } from '../ui/controls';
import { plural } from '../ui/text';
import { interviewFrom, type StepProps } from './model';
import { ReviewNotes, ReviewPeople, ReviewQuestions, ReviewWhen } from './Review';

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

  return (
    <div class="step">
      {booked && (
        <Notice kind="success">
          <strong>Invitation sent.</strong> The interview is{' '}
          {i.status === 'awaiting_host' ? "awaiting the host's confirmation" : i.status} in Cal.com
          {i.guests?.length ? ` and ${plural(i.guests.length, 'guest was', 'guests were')} invited` : ''}.
        </Notice>
      )}
      {i.sandbox && <div class="banner banner--sandbox" role="note">Sandbox: booked against the simulated Cal.com.</div>}
      <dl class="facts facts--summary" aria-label="Interview summary">
        <dt>Startup</dt>
        <dd>{i.startup.name}</dd>
        {/* review: when */}
        <ReviewWhen interview={i} />
        {/* review: people */}
        <ReviewPeople interview={i} />
        <dt>Status</dt>
        <dd><Badge status={i.status} /></dd>
      </dl>
      {/* review: notes and questions */}
      <ReviewNotes interview={i} />
      <ReviewQuestions interview={i} />
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
