import { useQuery } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { errorMessage, post } from '../api';
import { useDocumentTitle } from '../hooks';
import { admin, calcom, invalidate, type Email } from '../queries';
import { useSession } from '../session';
import { formatDateTime } from '../time';
import { EmptyState, ErrorNotice, Spinner } from '../ui/controls';

const CHECK_STATE: Record<string, string> = { ok: 'Working', denied: 'Not allowed', unreachable: 'Unreachable' };

export function IntegrationPage() {
  useDocumentTitle('Cal.com');
  const { user } = useSession();
  const [check, setCheck] = useState(0);
  // Admins re-run the checks against Cal.com; others re-read the last result.
  const health = useQuery(calcom.health(check, user.role === 'admin'));
  const h = health.data;
  const identity = h?.report?.identity ?? h?.identity;
  return (
    <section class="page" aria-labelledby="integration-title">
      <div class="page__header">
        <div>
          <h1 id="integration-title">Cal.com integration</h1>
          <p class="muted">Bookings, availability and invitations go through Cal.com.</p>
        </div>
        <button type="button" class="button button--secondary" onClick={() => setCheck((n) => n + 1)} disabled={health.isFetching}>
          {health.isFetching ? 'Checking…' : user.role === 'admin' ? 'Check again' : 'Reload'}
        </button>
      </div>
      {h?.sandbox && (
        <div class="banner banner--sandbox" role="note">
          {h.notice ?? 'Sandbox: this service talks to a simulated Cal.com. Bookings and emails are not real.'}
        </div>
      )}
      {health.error ? (
        <ErrorNotice message={errorMessage(health.error)} onRetry={() => void health.refetch()} />
      ) : !h ? (
        <div class="panel" aria-busy="true"><Spinner label="Checking Cal.com" /></div>
      ) : (
        <>
          <section class="panel" aria-labelledby="health-title">
            <h2 id="health-title">Status</h2>
            <p class={`health health--${h.healthy ? 'ok' : 'bad'}`}>
              <span class="health__dot" aria-hidden="true" />
              {h.configured === false ? 'Not configured' : h.checked === false ? 'Not checked yet' : h.healthy ? 'Connected and working' : 'Not working'}
            </p>
            {!h.healthy && h.reason && <p>{h.reason}</p>}
            <dl class="facts">
              <dt>Account</dt>
              <dd>{identityText(identity)}</dd>
              {h.base_url && (
                <>
                  <dt>Address</dt>
                  <dd><code>{h.base_url}</code></dd>
                </>
              )}
              {h.capabilities && (
                <>
                  <dt>Capabilities</dt>
                  <dd>
                    {h.capabilities.length ? (
                      <ul class="chips" aria-label="Capabilities">{h.capabilities.map((c) => <li key={c}>{c}</li>)}</ul>
                    ) : (
                      <span class="muted">None reported</span>
                    )}
                  </dd>
                </>
              )}
            </dl>
            {h.report?.checks?.length ? (
              <h3 class="subheading">Checks</h3>
            ) : null}
            {h.report?.checks?.length ? (
              <ul class="rows" aria-label="Checks">
                {h.report.checks.map((check) => (
                  <li class="row" key={check.name}>
                    <div>
                      <p class="person__name">{check.label}</p>
                      {check.reason && <p class="row__meta">{check.reason}</p>}
                    </div>
                    <span class={`badge badge--${check.state === 'ok' ? 'active' : 'cancelled'}`}>
                      {CHECK_STATE[check.state] ?? check.state}
                    </span>
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        </>
      )}
      {user.role === 'admin' && <AdminActivity />}
    </section>
  );
}

const OUTCOME_BADGE: Record<string, string> = { applied: 'active', duplicate: 'draft', ignored: 'draft', stale: 'draft', unmatched: 'cancelled', rejected: 'cancelled' };
const EMAIL_LABEL: Record<string, string> = { pending: 'Pending', sending: 'Sending', sent: 'Sent', dead: 'Failed', held: 'Held' };
const EMAIL_BADGE: Record<string, string> = { pending: 'draft', sending: 'draft', sent: 'active', dead: 'cancelled', held: 'draft' };

/** Recent webhook deliveries and outgoing emails, for admins. */
function AdminActivity() {
  const deliveries = useQuery(admin.deliveries);
  const emails = useQuery(admin.emails);
  const [busy, setBusy] = useState<number | null>(null);
  const [resendError, setResendError] = useState<string | null>(null);
  const resend = async (email: Email) => {
    setBusy(email.id);
    setResendError(null);
    try {
      await post(`/api/v1/admin/emails/${email.id}/resend`);
      void invalidate(admin.emails.queryKey);
    } catch (caught) {
      setResendError(`The email to ${email.recipient} was not queued again: ${errorMessage(caught)}`);
    } finally {
      setBusy(null);
    }
  };
  const held = emails.data?.items.some((e) => e.status === 'held');
  return (
    <>
      <section class="panel" aria-labelledby="deliveries-title">
        <h2 id="deliveries-title">Recent webhook deliveries</h2>
        {deliveries.error ? (
          <ErrorNotice message={errorMessage(deliveries.error)} onRetry={() => void deliveries.refetch()} />
        ) : !deliveries.data ? (
          <Spinner label="Loading webhook deliveries" />
        ) : deliveries.data.items.length ? (
          <div class="table-wrap">
            <table class="table" aria-label="Webhook deliveries">
              <thead><tr><th scope="col">Received</th><th scope="col">Event</th><th scope="col">Result</th><th scope="col">Interview</th></tr></thead>
              <tbody>
                {deliveries.data.items.map((d) => (
                  <tr key={d.id}>
                    <td data-label="Received">{formatDateTime(d.received_at)}</td>
                    <td data-label="Event">{d.trigger || '—'}{d.booking_uid ? <span class="row__meta"> · {d.booking_uid}</span> : null}</td>
                    <td data-label="Result">
                      <span class={`badge badge--${OUTCOME_BADGE[d.outcome] ?? 'draft'}`}>{d.outcome}</span>
                      {d.detail ? <span class="row__meta"> {d.detail}</span> : null}
                    </td>
                    <td data-label="Interview">{d.interview_id ? <a href={`/interviews/${d.interview_id}`}>#{d.interview_id}</a> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <EmptyState>No webhook deliveries yet.</EmptyState>
        )}
      </section>
      <section class="panel" aria-labelledby="emails-title">
        <h2 id="emails-title">Recent emails</h2>
        {held && (
          <div class="banner banner--sandbox" role="note">
            Emails are held, not sent, because no SMTP server is configured.
          </div>
        )}
        {resendError && <ErrorNotice message={resendError} />}
        {emails.error ? (
          <ErrorNotice message={errorMessage(emails.error)} onRetry={() => void emails.refetch()} />
        ) : !emails.data ? (
          <Spinner label="Loading emails" />
        ) : emails.data.items.length ? (
          <ul class="rows" aria-label="Emails">
            {emails.data.items.map((e) => (
              <li class="row" key={e.id}>
                <div>
                  <p class="person__name">{e.subject || '(no subject)'}</p>
                  <p class="row__meta">
                    To {e.recipient} · {formatDateTime(e.sent_at ?? e.created_at)} · {e.attempts} {e.attempts === 1 ? 'attempt' : 'attempts'}
                  </p>
                  {e.last_error && <p class="row__meta">Last error: {e.last_error}</p>}
                </div>
                <span class={`badge badge--${EMAIL_BADGE[e.status] ?? 'draft'}`}>{EMAIL_LABEL[e.status] ?? e.status}</span>
                {(e.status === 'dead' || e.status === 'held') && (
                  <button type="button" class="button button--secondary button--small" disabled={busy === e.id}
                    aria-label={`Resend “${e.subject}” to ${e.recipient}`} onClick={() => void resend(e)}>
                    {busy === e.id ? 'Resending…' : 'Resend'}
                  </button>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState>No emails yet.</EmptyState>
        )}
      </section>
    </>
  );
}

function identityText(identity: unknown): string {
  if (!identity) return 'Unknown';
  if (typeof identity === 'string') return identity;
  if (typeof identity !== 'object') return 'Unknown';
  const { name, username, email } = identity as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
  const parts = [text(name), text(username) && `@${text(username)}`, text(email)].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'Unknown';
}
