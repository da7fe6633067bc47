// Small hooks every page uses. Server data is read through TanStack Query (queries.ts).
import { useEffect, useState } from 'preact/hooks';
import { errorMessage, fieldProblems } from './api';

/** The value, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Poblysh Interviews` : 'Poblysh Interviews';
  }, [title]);
}


/**
 * A dialog's send: `busy` while it runs; when it fails, its message and each field's problem
 * (shown beside the field) instead of the result.
 */
export function useSend() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const send = async <T>(request: () => Promise<T>, done: (result: T) => void) => {
    setBusy(true);
    setError(null);
    setProblems({});
    try {
      done(await request());
    } catch (caught) {
      setProblems(fieldProblems(caught));
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, problems, send };
}
