// The shell: checks the session, shows sign-in or the signed-in layout, and picks the page.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, del, get, setCsrfToken, setSignedOutHandler, type SessionInfo, type User } from './api';
import { Route, Router, useLocation, type RoutePropsForPath } from 'preact-iso';
import { queryClient } from './queries';
import { SessionContext } from './session';
import { ErrorNotice, Spinner } from './ui/controls';
import { SignInPage } from './pages/SignIn';
import { StartupsPage } from './pages/Startups';
import { StartupPage } from './pages/StartupPage';
import { TeamMembersPage } from './pages/TeamMembers';
import { InterviewsPage } from './pages/Interviews';
import { InterviewPage } from './pages/InterviewPage';
import { IntegrationPage } from './pages/Integration';
import { NotFoundPage } from './pages/NotFound';
import { DraftsPage } from './pages/Drafts';
import { PickTimePage } from './pages/PickTime';

type State = { kind: 'checking' } | { kind: 'signed-out'; notice?: string } | { kind: 'signed-in'; user: User } | { kind: 'failed'; message: string };

export function App() {
  // A scheduling link's page is for a startup's contact: no account, no session check.
  const { path } = useLocation();
  if (path.startsWith('/pick/')) return <PickTimePage token={decodeURIComponent(path.slice('/pick/'.length))} />;
  return <StaffApp />;
}

function StaffApp() {
  const [state, setState] = useState<State>({ kind: 'checking' });

  const check = () => {
    setState({ kind: 'checking' });
    get<SessionInfo>('/api/v1/session')
      .then((session) => {
        setCsrfToken(session.csrf_token ?? null);
        setState({ kind: 'signed-in', user: session.user });
      })
      .catch((error) => {
        if (error instanceof ApiError && error.status === 401) setState({ kind: 'signed-out' });
        else setState({ kind: 'failed', message: error instanceof ApiError ? error.message : 'Could not reach the server.' });
      });
  };

  // Signed out: nothing read for this person stays in the cache for the next one.
  const signedOut = (notice: string) => {
    setCsrfToken(null);
    queryClient.clear();
    setState({ kind: 'signed-out', notice });
  };

  useEffect(() => {
    check();
    setSignedOutHandler(() => signedOut('Your session ended. Please sign in again.'));
    return () => setSignedOutHandler(null);
  }, []);

  if (state.kind === 'checking') {
    return (
      <div class="center-screen">
        <Spinner label="Checking your session" />
      </div>
    );
  }
  if (state.kind === 'failed') {
    return (
      <div class="center-screen">
        <ErrorNotice title="Poblysh Interviews is not reachable" message={state.message} onRetry={check} />
      </div>
    );
  }
  if (state.kind === 'signed-out') {
    return (
      <SignInPage
        notice={state.notice}
        onSignedIn={(session) => {
          setCsrfToken(session.csrf_token ?? null);
          setState({ kind: 'signed-in', user: session.user });
        }}
      />
    );
  }
  const signOut = async () => {
    try {
      await del('/api/v1/session');
    } finally {
      signedOut('You are signed out.');
    }
  };
  return (
    <SessionContext.Provider value={{ user: state.user, signOut }}>
      <Layout user={state.user} signOut={signOut} />
    </SessionContext.Provider>
  );
}

const NAV = [
  { href: '/interviews', label: 'Interviews' },
  { href: '/startups', label: 'Startups' },
  { href: '/team', label: 'Team' },
  { href: '/integrations/calcom', label: 'Cal.com' },
];

function Layout({ user, signOut }: { user: User; signOut: () => Promise<void> }) {
  const { path } = useLocation();
  // At phone width the links sit behind a menu button (CSS shows one or the other).
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  useEffect(() => setMenuOpen(false), [path]);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !menuOpen) return;
    setMenuOpen(false);
    menuButton.current?.focus();
  };
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar" onKeyDown={onKeyDown}>
        <div class="topbar__inner">
          <a href="/interviews" class="brand">
            <span class="brand__mark" aria-hidden="true">P</span>
            <span class="brand__name">Poblysh Interviews</span>
          </a>
          <button
            type="button"
            ref={menuButton}
            class="button button--secondary menu-button"
            aria-expanded={menuOpen ? 'true' : 'false'}
            aria-controls="main-nav"
            onClick={() => setMenuOpen((open) => !open)}
          >
            <span class="menu-button__icon" aria-hidden="true">{menuOpen ? '×' : '☰'}</span>
            Menu
          </button>
          <nav id="main-nav" class={`mainnav${menuOpen ? ' mainnav--open' : ''}`} aria-label="Main">
            <ul>
              {NAV.map((item) => {
                const current = path === item.href || path.startsWith(item.href + '/');
                return (
                  <li key={item.href}>
                    <a href={item.href} aria-current={current ? 'page' : undefined} onClick={() => setMenuOpen(false)}>
                      {item.label}
                    </a>
                  </li>
                );
              })}
            </ul>
          </nav>
          <div class="usermenu">
            <span class="usermenu__who">
              <span class="usermenu__name">{user.name}</span>
              <span class="usermenu__role">{user.role === 'admin' ? 'Admin' : 'Member'}</span>
            </span>
            <button type="button" class="button button--ghost" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="main" class="content" tabIndex={-1}>
        <Pages />
      </main>
    </div>
  );
}

// The routes. Links are plain <a href>: preact-iso's LocationProvider (main.tsx) turns a click on
// a same-origin link into a history entry and a render, and scrolls to the top on a new path.
function Pages() {
  return (
    <Router>
      <Route path="/" component={InterviewsPage} />
      <Route path="/interviews" component={InterviewsPage} />
      <Route path="/interviews/:id" component={InterviewRoute} />
      <Route path="/startups" component={StartupsPage} />
      <Route path="/startups/:id" component={StartupRoute} />
      <Route path="/team" component={TeamMembersPage} />
      <Route path="/drafts" component={DraftsPage} />
      <Route path="/integrations/calcom" component={IntegrationPage} />
      <Route default component={NotFoundPage} />
    </Router>
  );
}

// Keyed by id: another interview or startup is a new page, with none of the last one's state.
function InterviewRoute({ id }: RoutePropsForPath<'/interviews/:id'>) {
  return <InterviewPage id={id} key={id} />;
}

function StartupRoute({ id }: RoutePropsForPath<'/startups/:id'>) {
  return <StartupPage id={id} key={id} />;
}
