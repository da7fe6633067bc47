import { useState } from 'preact/hooks';
import { post, type Interview } from '../api';
import { useSend } from '../hooks';
import { Dialog } from '../ui/Dialog';
import { ErrorNotice, TextAreaField } from '../ui/controls';

// Cancelling tells everyone invited (the reason goes to them), so it asks for one and says so.
export function CancelInterviewDialog({ interview, onClose, onCancelled }: {
  interview: Interview;
  onClose: () => void;
  onCancelled: (cancelled: Interview) => void;
}) {
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const { busy, error, problems, send } = useSend();
  const missing = reason.trim() ? null : 'Say why the interview is cancelled; the people invited see it.';

  const submit = async (event: Event) => {
    event.preventDefault();
    setTouched(true);
    if (missing) return;
    await send(() => post<Interview>(`/api/v1/interviews/${interview.id}/cancel`, { reason: reason.trim() }), onCancelled);
  };

  const booked = interview.status !== 'draft';
  return (
    <Dialog titleId="cancel-title" onClose={onClose} describedBy="cancel-text">
      <form class="dialog__body" onSubmit={(event) => void submit(event)} noValidate>
        <h2 id="cancel-title">Cancel this interview?</h2>
        <p id="cancel-text">
          {booked
            ? 'The Cal.com booking is cancelled and everyone invited gets a cancellation email with your reason.'
            : 'The draft is closed; nobody has been invited yet.'}
        </p>
        {error && <ErrorNotice message={error} />}
        <TextAreaField
          id="cancel-reason"
          label="Reason"
          value={reason}
          onValue={setReason}
          error={problems.reason ?? (touched ? missing : null)}
          maxLength={500}
          rows={3}
        />
        <div class="dialog__actions">
          <button type="button" class="button button--secondary" onClick={onClose}>Keep the interview</button>
          <button type="submit" class="button button--danger" disabled={busy}>
            {busy ? 'Cancelling…' : 'Cancel interview'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
