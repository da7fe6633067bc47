// Letting the startup's contact pick the time: staff send a personal link (the rules: how far
// ahead, how much notice, until when the contact may move it), see whether it was opened, and
// send a new one or withdraw it. The link's address is shown once, when it is made.
import { useQuery } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { ApiError, del, errorMessage, get, post, type Interview } from '../api';
import { useSend } from '../hooks';
import { formatDateTime } from '../time';
import { Dialog } from '../ui/Dialog';
import { ErrorNotice, Spinner, TextField } from '../ui/controls';

export interface SchedulingLinkInfo {
  state: 'active' | 'booked' | 'expired' | 'revoked';
  window_start: string; window_end: string; min_notice_hours: number; change_notice_hours: number;
  invite_guests: boolean; shortlist: string[]; sent_at: string; expires_at: string;
  opened_at: string | null; booked_at: string | null; revoked_at: string | null;
  url?: string;
}

/** Whether a draft has what the contact's choice completes: contact, team and event type. */
export function canSendLink(i: Interview): boolean {
  return i.status === 'draft' && Boolean(i.contact) && i.team.some((member) => member.is_primary) && Boolean(i.event_type);
}

export function SendLinkDialog({ interview, onClose, onSent }: {
  interview: Interview; onClose: () => void; onSent: (link: SchedulingLinkInfo) => void;
}) {
  const [windowDays, setWindowDays] = useState('10');
  const [noticeHours, setNoticeHours] = useState('24');
  const [changeHours, setChangeHours] = useState('24');
  const [expiresDays, setExpiresDays] = useState('14');
  const [inviteGuests, setInviteGuests] = useState(false);
  const { busy, error, problems, send } = useSend();
  const submit = async (event: Event) => {
    event.preventDefault();
    const body = {
      window_days: Number(windowDays), min_notice_hours: Number(noticeHours), change_notice_hours: Number(changeHours),
      expires_in_days: Number(expiresDays), invite_guests: inviteGuests,
    };
    await send(
      () => post<Interview & { scheduling_link: SchedulingLinkInfo }>(`/api/v1/interviews/${interview.id}/scheduling-link`, body),
      (sent) => onSent(sent.scheduling_link),
    );
  };
  const who = interview.contact ? interview.contact.name : 'the contact';
  return (
    <Dialog titleId="send-link-title" onClose={onClose} describedBy="send-link-text">
      <form class="dialog__body" onSubmit={(event) => void submit(event)} noValidate>
        <h2 id="send-link-title" tabIndex={-1}>Let {who} pick a time</h2>
        <p id="send-link-text">
          {who} gets an email with a personal link showing when the whole team is free
          ({interview.event_type?.title ?? 'the chosen event type'}), picks a time, and the interview is booked as if you had
          chosen it. Until then it waits for them.
        </p>
        {error && <ErrorNotice message={error} />}
        <div class="form-grid">
          <TextField id="link-window" label="Offer times over the next (days)" type="number" min={1} max={60} value={windowDays}
            onValue={setWindowDays} error={problems.window_days ?? null} />
          <TextField id="link-notice" label="Earliest notice (hours)" type="number" min={0} max={336} value={noticeHours}
            onValue={setNoticeHours} error={problems.min_notice_hours ?? null} />
          <TextField id="link-change" label="They may move or cancel until (hours before)" type="number" min={0} max={336}
            value={changeHours} onValue={setChangeHours} error={problems.change_notice_hours ?? null} />
          <TextField id="link-expires" label="The link expires after (days)" type="number" min={1} max={60} value={expiresDays}
            onValue={setExpiresDays} error={problems.expires_in_days ?? null} />
        </div>
        {interview.guests.length > 0 && (
          <label class="checkbox">
            <input type="checkbox" checked={inviteGuests} onChange={(event) => setInviteGuests((event.target as HTMLInputElement).checked)} />
            Send the link to the guests too
          </label>
        )}
        <div class="dialog__actions">
          <button type="button" class="button button--secondary" onClick={onClose}>Not now</button>
          <button type="submit" class="button button--primary" disabled={busy}>{busy ? 'Sending…' : `Send the link to ${who}`}</button>
        </div>
      </form>
    </Dialog>
  );
}

/** The link just made: its address, once, to copy (the email carries it too). */
export function SentLink({ url }: { url: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div class="notice notice--success" role="status">
      <p>The link is on its way. You can also copy it now — it is not shown again:</p>
      <p><code class="break-anywhere">{url}</code></p>
      <button type="button" class="button button--small button--secondary"
        onClick={() => void navigator.clipboard?.writeText(url).then(() => setCopied(true), () => setCopied(false))}>
        {copied ? 'Copied' : 'Copy link'}
      </button>
    </div>
  );
}

/** On an interview waiting for its contact: when the link went out, whether it was opened, and what staff can do. */
export function LinkStatus({ interview, onResend, onRevoked }: { interview: Interview; onResend: () => void; onRevoked: () => void }) {
  const link = useQuery({
    queryKey: ['interviews', 'detail', String(interview.id), 'scheduling-link'],
    queryFn: ({ signal }) => get<SchedulingLinkInfo>(`/api/v1/interviews/${interview.id}/scheduling-link`, signal),
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 2,
  });
  const { busy, error, send } = useSend();
  const revoke = () => void send(() => del<Interview>(`/api/v1/interviews/${interview.id}/scheduling-link`), onRevoked);
  const who = interview.contact ? interview.contact.name : 'the contact';
  return (
    <section class="notice notice--info" aria-labelledby="link-status-title">
      <h2 id="link-status-title" class="notice__title">Waiting for {who} to pick a time</h2>
      {link.isPending ? <Spinner label="Loading the link" /> : link.error ? (
        <ErrorNotice message={errorMessage(link.error)} />
      ) : (
        <p>
          Link sent {formatDateTime(link.data.sent_at)}; {link.data.opened_at ? `opened ${formatDateTime(link.data.opened_at)}` : 'not opened yet'};
          {link.data.state === 'expired' ? ' expired ' : ' valid until '}{formatDateTime(link.data.expires_at)}.
        </p>
      )}
      {error && <ErrorNotice message={error} />}
      <div class="page__actions">
        <button type="button" class="button button--secondary" onClick={onResend}>Send a new link…</button>
        <button type="button" class="button button--danger-ghost" onClick={revoke} disabled={busy}>Withdraw the link</button>
      </div>
    </section>
  );
}
