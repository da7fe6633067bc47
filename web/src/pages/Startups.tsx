import { useInfiniteQuery } from '@tanstack/preact-query';
import { useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { errorMessage, fieldProblems, post, query, type Startup } from '../api';
import { useDebounced, useDocumentTitle } from '../hooks';
import { invalidate, startups } from '../queries';
import { Dialog } from '../ui/Dialog';
import { EmptyState, ErrorNotice, SkeletonList, Spinner, TextAreaField, TextField } from '../ui/controls';

export function StartupsPage() {
  useDocumentTitle('Startups');
  const { query: search, route } = useLocation();
  const [text, setText] = useState(search.q ?? '');
  const q = useDebounced(text.trim(), 200);
  const [adding, setAdding] = useState(false);
  // The search is in the address, so a reload or a shared link shows the same list.
  useEffect(() => route(`/startups${query({ q })}`, true), [q, route]);
  const list = useInfiniteQuery(startups.pages({ q, limit: 25 }));
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const searching = list.isFetching && !list.isFetchingNextPage;

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
            {searching && <Spinner label="Searching" />}
          </span>
        </div>
      </div>
      {list.error && !list.isFetchNextPageError ? (
        <ErrorNotice message={errorMessage(list.error)} onRetry={() => void list.refetch()} />
      ) : !list.data ? (
        <SkeletonList />
      ) : items.length === 0 ? (
        <EmptyState>{q ? `No startups match “${q}”.` : 'No startups yet. Add the first one.'}</EmptyState>
      ) : (
        <>
          <ul class="cards" aria-label="Startups" aria-busy={searching ? 'true' : 'false'}>
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
          {list.isFetchNextPageError && (
            <ErrorNotice message={errorMessage(list.error)} onRetry={() => void list.fetchNextPage()} />
          )}
          {list.hasNextPage && (
            <div class="list-footer">
              <button type="button" class="button button--secondary" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
                {list.isFetchingNextPage ? 'Loading…' : 'Show more startups'}
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
            void invalidate(startups.all);
            route(`/startups/${startup.id}`);
          }}
        />
      )}
    </section>
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
        <TextField id="new-startup-name" label="Name" value={name} onValue={setName} error={problems.name} />
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
