// Small hooks every page uses. Server data is read through TanStack Query (queries.ts).
import { useEffect, useState } from 'preact/hooks';

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

