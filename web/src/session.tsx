// Who is signed in, shared with every page.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { User } from './api';

export interface SessionValue {
  user: User;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside a signed-in page');
  return value;
}
