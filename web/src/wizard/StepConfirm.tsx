// Step 6: everything at a glance; the wizard's footer holds "Send invitation", which books it in
// Cal.com. A failure keeps the draft and says what happened in plain words, with a retry.
import { useQuery } from '@tanstack/preact-query';
import { useLiveInterview } from '../live';
import { interviews } from '../queries';
import { Badge, ErrorNotice, Notice } from '../ui/controls';
import { plural } from '../ui/text';
import type { StepProps } from './model';
import { ReviewNotes, ReviewPeople, ReviewPlace, ReviewQuestions, ReviewWhen } from './Review';

export function StepConfirm({ interview, sendError, onRetry }: StepProps & { sendError: string | null; onRetry: () => void }) {
  const booked = interview!.status !== 'draft';
  // After Send, Cal.com's confirmation (its webhook) shows here as it arrives.
  const fresh = useQuery({ ...interviews.detail(interview!.id), enabled: booked });
  const i = booked && fresh.data ? fresh.data : interview!;
  const liveNews = useLiveInterview(booked ? i.id : null, i.status);

  return (
    <div class="step">
      <p class="visually-hidden" role="status" aria-atomic="true">{liveNews}</p>
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
        <ReviewPlace interview={i} />
        {/* review: people */}
        <ReviewPeople interview={i} />
        <dt>Status</dt>
        <dd><Badge status={i.status} /></dd>
      </dl>
      {/* review: notes and questions */}
      <ReviewNotes interview={i} />
      <ReviewQuestions interview={i} />
      {sendError && <ErrorNotice title="The invitation was not sent" message={`${sendError} Your draft is saved.`} onRetry={onRetry} />}
    </div>
  );
}
