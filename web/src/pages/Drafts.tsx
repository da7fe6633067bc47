// The signed-in person's drafts: every wizard left before Send, the last edited first, each to
// continue where it was left or to discard (a draft only; a booked interview is cancelled from
// its page instead).
import { useQuery } from '@tanstack/preact-query';
import { useLocation } from 'preact-iso';
import { useEffect, useRef, useState } from 'preact/hooks';
import { del, errorMessage, type DraftRow } from '../api';
import { useDocumentTitle } from '../hooks';
import { drafts, interviewChanged } from '../queries';
import { formatDateTime } from '../time';
import { EmptyState, ErrorNotice, SkeletonList } from '../ui/controls';
import { forgetDraft, rememberedDraft } from '../wizard/model';

export function DraftsPage() {
  const { query } = useLocation();
  const startupId = query.startup_id && /^\d+$/.test(query.startup_id) ? Number(query.startup_id) : null;
  const list = useQuery(drafts.mine({ startup_id: startupId, limit: 200 }));
  useDocumentTitle('Your drafts');
  const items = list.data?.items ?? [];
  const startupName = startupId ? items[0]?.startup.name : undefined;

  return (
    <section class="page" aria-labelledby="drafts-title">
      <div class="page__header">
        <div>
          <h1 id="drafts-title">Your drafts{startupName ? ` for ${startupName}` : ''}</h1>
          <p class="muted">Interviews you started and have not sent yet, the last edited first.</p>
        </div>
      </div>
      {startupId && <p><a href="/drafts">All your drafts</a></p>}
      {list.error ? (
        <ErrorNotice message={errorMessage(list.error)} onRetry={() => void list.refetch()} />
      ) : !list.data ? (
        <SkeletonList rows={3} />
      ) : items.length === 0 ? (
        <EmptyState>No drafts. Everything you started has been sent or discarded.</EmptyState>
      ) : (
        <ul class="rows" aria-label="Your drafts">
          {items.map((draft) => (
            <DraftItem key={draft.id} draft={draft} />
          ))}
        </ul>
      )}
      {list.data && list.data.total > items.length && (
        <p class="muted">Showing the {items.length} last edited of {list.data.total}.</p>
      )}
    </section>
  );
}

function DraftItem({ draft }: { draft: DraftRow }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) keep.current?.focus();
  }, [confirming]);

  const discard = async () => {
    setBusy(true);
    setError(null);
    try {
      await del(`/api/v1/interviews/${draft.id}`);
      // The wizard's memory of it goes too: SQLite may give its id to the next draft.
      if (rememberedDraft(draft.startup.id)?.id === draft.id) forgetDraft(draft.startup.id);
      interviewChanged();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  const continueAt = `/startups/${draft.startup.id}?schedule=1&draft=${draft.id}`;
  return (
    <li class="row">
      <div>
        <a href={continueAt}>{draft.title}</a>
        <p class="row__meta">
          {draft.startup.name}
          {draft.contact ? ` · ${draft.contact.name}` : ''} · last edited {formatDateTime(draft.updated_at)}
        </p>
        {error && <ErrorNotice message={error} />}
      </div>
      {confirming ? (
        <div class="row__actions" role="group" aria-label={`Discard ${draft.title}?`}>
          <button type="button" class="button button--secondary button--small" ref={keep} onClick={() => setConfirming(false)} disabled={busy}>
            Keep
          </button>
          <button type="button" class="button button--danger button--small" onClick={() => void discard()} disabled={busy}>
            {busy ? 'Discarding…' : 'Discard draft'}
          </button>
        </div>
      ) : (
        <button type="button" class="button button--secondary button--small" onClick={() => setConfirming(true)} aria-label={`Discard ${draft.title}`}>
          Discard
        </button>
      )}
    </li>
  );
}
