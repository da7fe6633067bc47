import { useQuery } from '@tanstack/preact-query';
import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { ApiError, errorMessage, type Startup } from '../api';
import { ContactForm } from '../components/ContactForm';
import { useDocumentTitle } from '../hooks';
import { interviews, startups } from '../queries';
import { formatDateTime } from '../time';
import { Badge, EmptyState, ErrorNotice, SkeletonList, Spinner } from '../ui/controls';
import { Wizard } from '../wizard/Wizard';
import { StartupDrafts } from './StartupDrafts';

export function StartupPage({ id }: { id: string }) {
  const startup = useQuery(startups.detail(id));
  const { query, route } = useLocation();
  // The wizard's state is in the URL, so Back closes it and a link can open it.
  const scheduling = query.schedule === '1';
  const resumeId = query.draft && /^\d+$/.test(query.draft) ? Number(query.draft) : undefined;
  useDocumentTitle(startup.data?.name ?? 'Startup');

  const setScheduling = (open: boolean, draft?: number) =>
    route(`/startups/${id}${open ? `?schedule=1${draft ? `&draft=${draft}` : ''}` : ''}`);

  if (startup.error) {
    const missing = startup.error instanceof ApiError && startup.error.status === 404;
    return (
      <section class="page">
        <p class="breadcrumb"><a href="/startups">Startups</a></p>
        <h1>{missing ? 'Startup not found' : 'Startup'}</h1>
        <ErrorNotice message={errorMessage(startup.error)} onRetry={missing ? undefined : () => void startup.refetch()} />
      </section>
    );
  }
  if (!startup.data) {
    return (
      <section class="page" aria-busy="true">
        <p class="breadcrumb"><a href="/startups">Startups</a></p>
        <div class="skeleton skeleton--title" />
        <SkeletonList rows={3} />
        <Spinner label="Loading startup" />
      </section>
    );
  }
  const s = startup.data;
  return (
    <section class="page" aria-labelledby="startup-title">
      <p class="breadcrumb"><a href="/startups">Startups</a></p>
      <div class="page__header">
        <div>
          <h1 id="startup-title">{s.name}</h1>
          {s.website && (
            <a class="external" href={s.website} target="_blank" rel="noopener noreferrer">
              {s.website.replace(/^https?:\/\//, '')}
            </a>
          )}
        </div>
        <button type="button" class="button button--primary" onClick={() => setScheduling(true)}>
          Schedule Interview
        </button>
      </div>
      {s.description && <p class="lead">{s.description}</p>}
      <div class="columns">
        <ContactsSection startup={s} />
        <StartupInterviews startup={s} onContinue={(draft) => setScheduling(true, draft)} />
      </div>
      {scheduling && <Wizard startup={{ id: s.id, name: s.name }} resumeId={resumeId} onClose={() => setScheduling(false)} onDone={(interviewId) => route(`/interviews/${interviewId}`)} />}
    </section>
  );
}

function ContactsSection({ startup }: { startup: Startup }) {
  const [adding, setAdding] = useState(false);
  const contacts = startup.contacts ?? [];
  return (
    <section class="panel" aria-labelledby="contacts-title">
      <div class="panel__header">
        <h2 id="contacts-title">Contacts</h2>
        {!adding && (
          <button type="button" class="button button--secondary button--small" onClick={() => setAdding(true)}>
            Add contact
          </button>
        )}
      </div>
      {adding && (
        <ContactForm
          startupId={startup.id}
          onCancel={() => setAdding(false)}
          onSaved={() => setAdding(false)}
        />
      )}
      {contacts.length === 0 ? (
        !adding && <EmptyState>No contacts yet.</EmptyState>
      ) : (
        <ul class="people" aria-label="Contacts">
          {contacts.map((contact) => (
            <li key={contact.id} class="person">
              <span class="avatar" aria-hidden="true">{initials(contact.name)}</span>
              <div>
                <p class="person__name">{contact.name}</p>
                <p class="person__meta">{contact.title}</p>
                <p class="person__meta">
                  <a href={`mailto:${contact.email}`}>{contact.email}</a>
                  {contact.phone && <> · {contact.phone}</>}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');
}

function StartupInterviews({ startup, onContinue }: { startup: Startup; onContinue: (draftId: number) => void }) {
  // The startup's detail lists its interviews; asked for separately only if it does not.
  const embedded = startup.interviews;
  const asked = useQuery({ ...interviews.list({ startup_id: startup.id, limit: 50 }), enabled: !embedded });
  // Drafts are not listed here (they piled up): the person's latest is shown above the list.
  const list = { data: (embedded ?? asked.data?.items)?.filter((interview) => interview.status !== 'draft'), error: embedded ? null : asked.error, reload: () => void asked.refetch() };
  return (
    <section class="panel" aria-labelledby="startup-interviews-title">
      <div class="panel__header">
        <h2 id="startup-interviews-title">Interviews</h2>
      </div>
      <StartupDrafts startupId={startup.id} onContinue={onContinue} />
      {list.error ? (
        <ErrorNotice message={errorMessage(list.error)} onRetry={list.reload} />
      ) : !list.data ? (
        <SkeletonList rows={2} />
      ) : list.data.length === 0 ? (
        <EmptyState>No interviews yet. Use “Schedule Interview” to plan the first one.</EmptyState>
      ) : (
        <ul class="rows" aria-label="Interviews with this startup">
          {list.data.map((interview) => (
            <li key={interview.id} class="row">
              <div>
                <a href={`/interviews/${interview.id}`}>{interview.title || `Interview #${interview.id}`}</a>
                <p class="row__meta">{interview.start_time ? formatDateTime(interview.start_time) : 'Time not chosen yet'}</p>
              </div>
              <Badge status={interview.status} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
