// Step 6: everything at a glance; the wizard's footer holds "Send invitation", which books it in
// Cal.com. A failure keeps the draft and says what happened in plain words, with a retry.
import { useQuery } from '@tanstack/preact-query';
import { useLiveInterview } from '../live';
import { interviews } from '../queries';
import { Badge, ErrorNotice, Notice } from '../ui/controls';
import { plural } from '../ui/text';
import type { StepProps } from './model';
import { ReviewNotes, ReviewPeople, ReviewPlace, ReviewQuestions, ReviewWhen } from './Review';

export function StepConfirm({ interview, data, sendError, onRetry }: StepProps & { sendError: string | null; onRetry: () => void }) {
  const sent = interview!.status !== 'draft';
  // After Send, Cal.com's confirmation (its webhook) shows here as it arrives.
  const fresh = useQuery({ ...interviews.detail(interview!.id), enabled: sent });
  const i = sent && fresh.data ? fresh.data : interview!;
  const liveNews = useLiveInterview(sent ? i.id : null, i.status);
  // A scheduling link went out: the contact picks the time, nothing is booked yet.
  const linkSent = i.status === 'awaiting_contact';
  const booked = sent && !linkSent;
  const contact = i.contact?.name ?? 'The contact';

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
      {linkSent && (
        <Notice kind="success">
          <strong>Link sent.</strong> {contact} gets an email with a personal link to pick a time; the interview waits for them
          and is booked as soon as they choose.
        </Notice>
      )}
      {i.sandbox && <div class="banner banner--sandbox" role="note">Sandbox: booked against the simulated Cal.com.</div>}
      <dl class="facts facts--summary" aria-label="Interview summary">
        <dt>Startup</dt>
        <dd>{i.startup.name}</dd>
        {/* review: when */}
        {data.contactPicks || linkSent ? (
          <>
            <dt>When</dt>
            <dd>
              {contact} picks a time when the whole team is free, over the next {data.link.windowDays} days, at least{' '}
              {plural(Number(data.link.noticeHours), 'hour')} ahead; they may move or cancel it until{' '}
              {plural(Number(data.link.changeHours), 'hour')} before.
            </dd>
          </>
        ) : (
          <ReviewWhen interview={i} />
        )}
        <ReviewPlace interview={i} />
        {/* review: people */}
        <ReviewPeople interview={i} />
        <dt>Status</dt>
        <dd><Badge status={i.status} /></dd>
      </dl>
      {/* review: notes and questions */}
      <ReviewNotes interview={i} />
      <ReviewQuestions interview={i} />
      {sendError && <ErrorNotice title={data.contactPicks ? 'The link was not sent' : 'The invitation was not sent'} message={`${sendError} Your draft is saved.`} onRetry={onRetry} />}
    </div>
  );
}
