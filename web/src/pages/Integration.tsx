import { errorMessage, get, type CalcomHealth } from '../api';
import { useDocumentTitle, useLoad } from '../hooks';
import { formatDateTime } from '../time';
import { EmptyState, ErrorNotice, Spinner } from '../ui/controls';

export function IntegrationPage() {
  useDocumentTitle('Cal.com');
  const health = useLoad((signal) => get<CalcomHealth>('/api/v1/integrations/calcom', signal), []);
  const h = health.data;
  return (
    <section class="page" aria-labelledby="integration-title">
      <div class="page__header">
        <div>
          <h1 id="integration-title">Cal.com integration</h1>
          <p class="muted">Bookings, availability and invitations go through Cal.com.</p>
        </div>
        <button type="button" class="button button--secondary" onClick={health.reload} disabled={health.loading}>
          {health.loading ? 'Checking…' : 'Check again'}
        </button>
      </div>
      {h?.sandbox && (
        <div class="banner banner--sandbox" role="note">
          Sandbox: this service talks to a simulated Cal.com. Bookings and emails are not real.
        </div>
      )}
      {health.error ? (
        <ErrorNotice message={errorMessage(health.error)} onRetry={health.reload} />
      ) : !h ? (
        <div class="panel"><Spinner label="Checking Cal.com" /></div>
      ) : (
        <>
          <section class="panel" aria-labelledby="health-title">
            <h2 id="health-title">Status</h2>
            <p class={`health health--${h.healthy ? 'ok' : 'bad'}`}>
              <span class="health__dot" aria-hidden="true" />
              {h.healthy ? 'Connected and working' : 'Not working'}
            </p>
            {!h.healthy && h.reason && <p>{h.reason}</p>}
            <dl class="facts">
              <dt>Account</dt>
              <dd>{identityText(h.identity)}</dd>
              <dt>Capabilities</dt>
              <dd>
                {h.capabilities?.length ? (
                  <ul class="chips" aria-label="Capabilities">{h.capabilities.map((c) => <li key={c}>{c}</li>)}</ul>
                ) : (
                  <span class="muted">None reported</span>
                )}
              </dd>
            </dl>
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
