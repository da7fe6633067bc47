import { useState } from 'preact/hooks';
import { errorMessage, get, type CalcomHealth } from '../api';
import { useDocumentTitle, useLoad } from '../hooks';
import { useSession } from '../session';
import { formatDateTime } from '../time';
import { EmptyState, ErrorNotice, Spinner } from '../ui/controls';

const CHECK_STATE: Record<string, string> = { ok: 'Working', denied: 'Not allowed', unreachable: 'Unreachable' };

export function IntegrationPage() {
  useDocumentTitle('Cal.com');
  const { user } = useSession();
  const [refresh, setRefresh] = useState(0);
  // Admins re-run the checks against Cal.com; others re-read the last result.
  const health = useLoad(
    (signal) => get<CalcomHealth>(`/api/v1/integrations/calcom${refresh && user.role === 'admin' ? '?refresh=true' : ''}`, signal),
    [refresh],
  );
  const h = health.data;
  const identity = h?.report?.identity ?? h?.identity;
  return (
    <section class="page" aria-labelledby="integration-title">
      <div class="page__header">
        <div>
          <h1 id="integration-title">Cal.com integration</h1>
          <p class="muted">Bookings, availability and invitations go through Cal.com.</p>
        </div>
        <button type="button" class="button button--secondary" onClick={() => setRefresh((n) => n + 1)} disabled={health.loading}>
          {health.loading ? 'Checking…' : user.role === 'admin' ? 'Check again' : 'Reload'}
        </button>
      </div>
      {h?.sandbox && (
        <div class="banner banner--sandbox" role="note">
          {h.notice ?? 'Sandbox: this service talks to a simulated Cal.com. Bookings and emails are not real.'}
        </div>
      )}
      {health.error ? (
        <ErrorNotice message={errorMessage(health.error)} onRetry={health.reload} />
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
          {h.deliveries && (
            <section class="panel" aria-labelledby="deliveries-title">
              <h2 id="deliveries-title">Webhook deliveries</h2>
              {h.deliveries.length ? (
                <div class="table-wrap">
                  <table class="table" aria-label="Webhook deliveries">
                    <thead><tr><th scope="col">Received</th><th scope="col">Event</th><th scope="col">Result</th></tr></thead>
                    <tbody>
                      {h.deliveries.map((d: any, index: number) => (
                        <tr key={d.id ?? index}>
                          <td data-label="Received">{formatDateTime(d.received_at ?? d.at)}</td>
                          <td data-label="Event">{d.trigger ?? d.event ?? '—'}</td>
                          <td data-label="Result">{d.outcome ?? d.status ?? '—'}{d.error ? ` · ${d.error}` : ''}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : <EmptyState>No webhook deliveries yet.</EmptyState>}
            </section>
          )}
          {h.emails && (
            <section class="panel" aria-labelledby="emails-title">
              <h2 id="emails-title">Emails</h2>
              {h.emails.length ? (
                <ul class="rows" aria-label="Emails">
                  {h.emails.map((e: any, index: number) => (
                    <li class="row" key={e.id ?? index}>
                      <div>
                        <p class="person__name">{e.subject ?? '(no subject)'}</p>
                        <p class="row__meta">To {Array.isArray(e.to) ? e.to.join(', ') : e.to} · {formatDateTime(e.sent_at ?? e.created_at ?? e.at)}</p>
                      </div>
                      <span class="badge">{e.status ?? 'queued'}</span>
                    </li>
                  ))}
                </ul>
              ) : <EmptyState>No emails sent yet.</EmptyState>}
            </section>
          )}
        </>
      )}
    </section>
  );
}

function identityText(identity: any): string {
  if (!identity) return 'Unknown';
  if (typeof identity === 'string') return identity;
  const parts = [identity.name, identity.username && `@${identity.username}`, identity.email].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'Unknown';
}
