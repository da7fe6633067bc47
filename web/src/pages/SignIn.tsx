import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, post, type SessionInfo } from '../api';
import { useDocumentTitle } from '../hooks';
import { ErrorNotice, Notice, TextField } from '../ui/controls';

export function SignInPage({ onSignedIn, notice }: { onSignedIn: (session: SessionInfo) => void; notice?: string }) {
  useDocumentTitle('Sign in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const emailInput = useRef<HTMLInputElement>(null);
  useEffect(() => emailInput.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!email.trim()) found.email = 'Enter your email address.';
    if (!password) found.password = 'Enter your password.';
    setProblems(found);
    setError(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const session = await post<SessionInfo>('/api/v1/session', { email: email.trim(), password });
      onSignedIn(session);
    } catch (caught) {
      if (caught instanceof ApiError) {
        setProblems(caught.fields);
        setError(caught.status === 401 ? 'That email and password do not match an account.' : caught.message);
      } else {
        setError('Something unexpected went wrong. Try again.');
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="signin">
      <div class="signin__card">
        <div class="signin__brand">
          <span class="brand__mark" aria-hidden="true">P</span>
          <span>Poblysh Interviews</span>
        </div>
        <h1>Sign in</h1>
        <p class="muted">Schedule and prepare interviews with startups.</p>
        {notice && !error && <Notice>{notice}</Notice>}
        {error && <ErrorNotice message={error} />}
        <form onSubmit={(event) => void submit(event)} noValidate>
          <TextField
            id="signin-email"
            label="Email"
            type="email"
            autocomplete="username"
            value={email}
            onValue={setEmail}
            error={problems.email}
            inputRef={emailInput}
          />
          <TextField
            id="signin-password"
            label="Password"
            type="password"
            autocomplete="current-password"
            value={password}
            onValue={setPassword}
            error={problems.password}
          />
          <button type="submit" class="button button--primary button--block" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}
