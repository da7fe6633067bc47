import { useState } from 'preact/hooks';
import { errorMessage, fieldProblems, get, post, query, type Page, type Startup } from '../api';
import { useDebounced, useDocumentTitle, useLoad } from '../hooks';
import { useLocation } from 'preact-iso';
import { Dialog } from '../ui/Dialog';
import { EmptyState, ErrorNotice, Spinner, TextAreaField, TextField } from '../ui/controls';

export function StartupsPage() {
  useDocumentTitle('Startups');
  const { query: search, route } = useLocation();
  const [text, setText] = useState(search.q ?? '');
  const q = useDebounced(text.trim(), 200);
  const [extra, setExtra] = useState<{ items: Startup[]; next: string | null } | null>(null);
  const [adding, setAdding] = useState(false);
  const list = useLoad(
    (signal) => {
      setExtra(null);
      route(`/startups${query({ q })}`, true);
      return get<Page<Startup>>(`/api/v1/startups${query({ q, limit: 25 })}`, signal);
    },
    [q],
  );
  const items = [...(list.data?.items ?? []), ...(extra?.items ?? [])];
  const next = extra ? extra.next : list.data?.next_cursor ?? null;
  const [more, setMore] = useState(false);

  const loadMore = async () => {
    if (!next) return;
    setMore(true);
    try {
      const page = await get<Page<Startup>>(`/api/v1/startups${query({ q, limit: 25, cursor: next })}`);
      setExtra({ items: [...(extra?.items ?? []), ...page.items], next: page.next_cursor });
    } finally {
      setMore(false);
    }
  };

  return (
    <section class="page" aria-labelledby="startups-title">
      <div class="page__header">
        <h1 id="startups-title">Startups</h1>
        <button type="button" class="button button--primary" onClick={() => setAdding(true)}>
          Add startup
        </button>
      </div>
      <div class="toolbar">
        <div class="search">
          <label for="startup-search" class="visually-hidden">
            Search startups
          </label>
          <input
            id="startup-search"
            type="search"
            placeholder="Search by name"
            value={text}
            onInput={(event) => setText((event.target as HTMLInputElement).value)}
            autoComplete="off"
          />
          <span class="search__status" aria-live="polite">
            {list.loading && <Spinner label="Searching" />}
          </span>
        </div>
      </div>
      {list.error ? (
        <ErrorNotice message={errorMessage(list.error)} onRetry={list.reload} />
      ) : !list.data ? (
        <SkeletonList />
      ) : items.length === 0 ? (
        <EmptyState>{q ? `No startups match “${q}”.` : 'No startups yet. Add the first one.'}</EmptyState>
      ) : (
        <>
          <ul class="cards" aria-label="Startups" aria-busy={list.loading ? 'true' : 'false'}>
            {items.map((startup) => (
              <li class="card card--link" key={startup.id}>
                <h2 class="card__title">
                  <a href={`/startups/${startup.id}`}>{startup.name}</a>
                </h2>
                {startup.website && <p class="card__meta">{startup.website.replace(/^https?:\/\//, '')}</p>}
                {startup.description && <p class="card__text">{startup.description}</p>}
              </li>
            ))}
          </ul>
          {next && (
            <div class="list-footer">
              <button type="button" class="button button--secondary" onClick={() => void loadMore()} disabled={more}>
                {more ? 'Loading…' : 'Show more startups'}
              </button>
            </div>
          )}
        </>
      )}
      {adding && (
        <NewStartupDialog
          onClose={() => setAdding(false)}
          onCreated={(startup) => {
            setAdding(false);
            route(`/startups/${startup.id}`);
          }}
        />
      )}
    </section>
  );
}

export function SkeletonList({ rows = 4 }: { rows?: number }) {
  return (
    <div class="skeleton-list" aria-hidden="true">
      {Array.from({ length: rows }, (_, i) => (
        <div class="skeleton" key={i} />
      ))}
    </div>
  );
}

function NewStartupDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (startup: Startup) => void }) {
  const [name, setName] = useState('');
  const [website, setWebsite] = useState('');
  const [description, setDescription] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!name.trim()) {
      setProblems({ name: 'Enter the startup’s name.' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onCreated(await post<Startup>('/api/v1/startups', { name: name.trim(), website: website.trim(), description }));
    } catch (caught) {
      setProblems(fieldProblems(caught));
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog titleId="new-startup-title" onClose={onClose}>
      <form onSubmit={(event) => void submit(event)} noValidate class="dialog__body">
        <h2 id="new-startup-title">Add startup</h2>
        {error && <ErrorNotice message={error} />}
        <TextField id="new-startup-name" label="Name" value={name} onValue={setName} error={problems.name} data-autofocus />
        <TextField id="new-startup-website" label="Website" type="url" value={website} onValue={setWebsite} error={problems.website} optional placeholder="https://" />
        <TextAreaField id="new-startup-description" label="Description" value={description} onValue={setDescription} error={problems.description} optional rows={3} />
        <div class="dialog__actions">
          <button type="button" class="button button--secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="button button--primary" disabled={busy}>
            {busy ? 'Adding…' : 'Add startup'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
