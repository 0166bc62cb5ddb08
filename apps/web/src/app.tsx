import './shell/phone.css';
import './shell/notifications.css';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { StaffPrincipal } from '@inbox/contracts';
import { QueryClientProvider } from '@tanstack/react-query';
import { ApiError, createApiClient, errorMessage } from './api-client';
import { CaseEventsToCache, createWorkspaceQueryClient } from './case/case-queries';
import { LiveQueue } from './queue/live-queue';
import { QueuePanel } from './queue/queue-panel';
import { CaseView } from './case/case-view';
import { parseRoute, type Route } from './routes';
import { LoginScreen } from './shell/login-screen';
import { HelpOverlay } from './shell/help-overlay';
import { NotificationCentre } from './shell/notification-centre';
import { Icon } from './shell/icons';
import { installShortcutListener, useShortcuts } from './shell/shortcuts';
import { useWorkspace, WorkspaceContext, type ConnectedChannel, type Team, type Workspace, type WorkspaceSettings } from './shell/workspace-context';
import { initials } from './format';
import { setFirmTimeZone } from './firm-time';
import { isSupervisorRoute, SupervisorNavItems, SupervisorScreen } from './supervisor/supervisor-screens';
import { UsersScreen } from './admin/users-screen';
import { AccountScreen } from './auth/account-screen';
import { signInErrorMessage } from './auth/sign-in-errors';
import { CustomerScreen } from './customer/customer-screen';
import { RetentionScreen } from './customer/retention-screen';
import { ManageScreen } from './manage/manage-screens';

type SignInState = { kind: 'checking' } | { kind: 'signed-out'; notice?: string; error?: string } | { kind: 'signed-in'; generation: number };

export function App() {
  // Checking until /api/auth/me answers: the HttpOnly session cookie may already be there (a reload, or back from SSO).
  const [state, setState] = useState<SignInState>({ kind: 'checking' });
  useEffect(() => {
    // The error was read once, when the page loaded: an effect can run twice (React's strict mode does in
    // development), and the second run must not answer "signed out, no error" over the first.
    const error = SIGN_IN_ERROR;
    let current = true;
    fetch('/api/auth/me', { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then((res) => current && setState(res.ok ? { kind: 'signed-in', generation: 1 } : { kind: 'signed-out', error }))
      .catch(() => current && setState({ kind: 'signed-out', error }));
    return () => {
      current = false;
    };
  }, []);
  const signOut = useCallback((why?: string) => setState({ kind: 'signed-out', notice: why }), []);
  if (state.kind === 'checking') {
    return (
      <div className="fullscreen-state" aria-busy="true">
        <div className="spinner" />
      </div>
    );
  }
  if (state.kind === 'signed-out') {
    return <LoginScreen notice={state.notice} initialError={state.error} onSignedIn={() => setState({ kind: 'signed-in', generation: Date.now() })} />;
  }
  return <Session key={state.generation} onSignOut={signOut} />;
}

/** A single sign-on failure comes back as `?sign_in_error=<code>`: read once, then dropped from the address bar. */
function takeSignInError(): string | undefined {
  const params = new URLSearchParams(window.location.search);
  const code = params.get('sign_in_error');
  if (!code) return undefined;
  window.history.replaceState(null, '', window.location.pathname + window.location.hash);
  return signInErrorMessage(code);
}

/** Taken when the page loads, before React renders: the same value however often the App mounts. */
const SIGN_IN_ERROR = takeSignInError();

function useHashRoute(): Route {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const update = () => setHash(window.location.hash);
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return parseRoute(hash);
}

interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
}

/** Everything after sign-in: who I am, the live queue connection, the channels, then the workspace. */
function Session({ onSignOut }: { onSignOut: (why?: string) => void }) {
  const expired = useCallback((why?: string) => onSignOut(why ?? 'Your session has ended. Please sign in again.'), [onSignOut]);
  const api = useMemo(() => createApiClient(true, expired), [expired]);
  const [me, setMe] = useState<StaffPrincipal | null>(null);
  const [channels, setChannels] = useState<ConnectedChannel[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [settings, setSettings] = useState<WorkspaceSettings | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [live, setLive] = useState<LiveQueue | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  const [toasts, setToasts] = useState<Toast[]>([]);
  const toastId = useRef(0);
  // One cache per signed-in session: nothing read for one user is shown to the next.
  const [queries] = useState(createWorkspaceQueryClient);

  useEffect(() => {
    let cancelled = false;
    setFailure(null);
    Promise.all([api.get<StaffPrincipal>('/api/auth/me'), api.get<{ items: ConnectedChannel[] }>('/api/channels'), api.get<WorkspaceSettings>('/api/workspace/settings')])
      .then(([principal, connected, loaded]) => {
        if (cancelled) return;
        setFirmTimeZone(loaded.timeZone);
        setSettings(loaded);
        setMe(principal);
        setChannels(connected.items);
        setNames((n) => ({ ...n, [principal.userId]: principal.name }));
        // Teams and their members: transfer targets, and the names of whoever holds a case.
        api
          .get<{ items: Team[] }>('/api/teams')
          .then((list) => {
            if (cancelled) return;
            setTeams(list.items);
            setNames((n) => ({ ...Object.fromEntries(list.items.flatMap((t) => t.members.map((m) => [m.userId, m.name]))), ...n }));
          })
          .catch(() => undefined);
        // Supervisors and admins may list staff; agents learn names as events name them.
        if (principal.role !== 'agent') {
          api
            .get<{ items: Array<{ id: string; name: string }> }>('/api/users')
            .then((users) => !cancelled && setNames((n) => ({ ...Object.fromEntries(users.items.map((u) => [u.id, u.name])), ...n })))
            .catch(() => undefined);
        }
      })
      .catch((error) => !cancelled && !(error instanceof ApiError && error.status === 401) && setFailure(errorMessage(error)));
    return () => {
      cancelled = true;
    };
  }, [api]);

  useEffect(() => {
    const queue = new LiveQueue(expired);
    setLive(queue);
    return () => queue.close();
  }, [expired]);

  useEffect(() => installShortcutListener(), []);

  const toast = useCallback((message: string, tone: 'info' | 'error' = 'info') => {
    const id = ++toastId.current;
    setToasts((t) => [...t.slice(-2), { id, message, tone }]);
    setTimeout(() => setToasts((t) => t.filter((x) => x.id !== id)), tone === 'error' ? 6_000 : 3_500);
  }, []);

  const workspace = useMemo<Workspace | null>(
    () =>
      me && live && settings
        ? {
            api,
            settings,
            me,
            live,
            channels,
            teams,
            teamName: (id) => teams.find((t) => t.id === id)?.name ?? null,
            staffName: (id) => (id ? names[id] ?? null : null),
            rememberStaff: (id, name) => setNames((n) => (n[id] === name ? n : { ...n, [id]: name })),
            toast,
          }
        : null,
    [api, me, live, settings, channels, teams, names, toast],
  );

  if (failure) {
    return (
      <div className="fullscreen-state">
        <Icon name="alert" size={28} />
        <h2>The workspace could not load</h2>
        <p>{failure}</p>
        <button className="btn btn-primary" onClick={() => window.location.reload()}>Try again</button>
      </div>
    );
  }
  if (!workspace) {
    return (
      <div className="fullscreen-state" aria-busy="true">
        <div className="spinner" />
        <p>Loading your workspace…</p>
      </div>
    );
  }
  return (
    <QueryClientProvider client={queries}>
      <WorkspaceContext.Provider value={workspace}>
        <CaseEventsToCache />
        <Shell
          onSignOut={() => {
            // The server ends the session and clears the cookie, so it is no good to anyone who finds it later.
            api.post('/api/auth/logout').catch(() => undefined).finally(() => onSignOut());
          }}
        />
        <div className="toasts" role="status" aria-live="polite">
          {toasts.map((t) => (
            <div key={t.id} className={`toast toast-${t.tone}`}>{t.message}</div>
          ))}
        </div>
      </WorkspaceContext.Provider>
    </QueryClientProvider>
  );
}

function Shell({ onSignOut }: { onSignOut: () => void }) {
  const route = useHashRoute();
  const [help, setHelp] = useState(false);
  const ws = useWorkspace();
  return (
    // The compliance screen also works on a phone; the agents' workspace is sized for a desktop.
    <div className={`app${route.name === 'compliance' || route.name === 'customer' || route.name === 'retention' || route.name === 'manage' ? ' app-fluid' : ''}`}>
      <TopBar onHelp={() => setHelp(true)} onSignOut={onSignOut} me={ws.me} live={ws.live} route={route.name} />
      {isSupervisorRoute(route.name) ? (
        <main className="sv-main">
          <SupervisorScreen name={route.name} focus={route.name === 'compliance' ? route.focus : undefined} />
        </main>
      ) : route.name === 'users' ? (
        <main className="sv-main">
          <UsersScreen />
        </main>
      ) : route.name === 'account' ? (
        <main className="sv-main">
          <AccountScreen />
        </main>
      ) : route.name === 'customer' ? (
        <main className="sv-main">
          <CustomerScreen key={route.customerId} customerId={route.customerId} />
        </main>
      ) : route.name === 'retention' ? (
        <main className="sv-main">
          <RetentionScreen />
        </main>
      ) : route.name === 'manage' ? (
        <main className="sv-main">
          <ManageScreen section={route.section} />
        </main>
      ) : (
        <main className={`workspace${route.name === 'case' ? ' workspace-case-open' : ''}`}>
          <QueuePanel selectedId={route.name === 'case' ? route.caseId : null} />
          {route.name === 'case' ? (
            <CaseView key={route.caseId} caseId={route.caseId} />
          ) : route.name === 'not-found' ? (
            <section className="case-empty">
              <h2>Nothing here</h2>
              <p>The address {route.path} is not a screen of the workspace.</p>
              <a className="btn" href="#/queue">Back to the queue</a>
            </section>
          ) : (
            <NoCaseSelected />
          )}
        </main>
      )}
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
      <GlobalShortcuts onHelp={() => setHelp((h) => !h)} />
    </div>
  );
}

function GlobalShortcuts({ onHelp }: { onHelp: () => void }) {
  useShortcuts([{ key: '?', description: 'Show keyboard shortcuts', group: 'General', run: onHelp }]);
  return null;
}

function NoCaseSelected() {
  return (
    <section className="case-empty" aria-label="No case open">
      <div className="case-empty-art"><Icon name="inbox" size={32} /></div>
      <h2>Pick a case from the queue</h2>
      <p>
        Press <kbd>j</kbd> / <kbd>k</kbd> to move through the queue, <kbd>?</kbd> for every shortcut.
      </p>
    </section>
  );
}

function TopBar({ me, live, route, onHelp, onSignOut }: { me: StaffPrincipal; live: LiveQueue; route: Route['name']; onHelp: () => void; onSignOut: () => void }) {
  const view = useSyncExternalStore(live.subscribe, live.getView);
  const label = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', refused: 'Signed out' }[view.connection];
  return (
    <header className="topbar">
      <a className="brand" href="#/queue">
        <span className="brand-mark"><Icon name="inbox" size={16} /></span>
        Complaints inbox
      </a>
      <nav className="topnav" aria-label="Screens">
        <a className={`topnav-item${isSupervisorRoute(route) || route === 'users' || route === 'account' || route === 'retention' || route === 'manage' ? '' : ' active'}`} href="#/queue">Queue</a>
        <SupervisorNavItems current={route} />
        {me.role !== 'agent' && <a className={`topnav-item${route === 'retention' ? ' active' : ''}`} href="#/retention">Retention</a>}
        <a className={`topnav-item${route === 'manage' ? ' active' : ''}`} href="#/manage/register">Manage</a>
        {me.role === 'admin' && <a className={`topnav-item${route === 'users' ? ' active' : ''}`} href="#/users">Users</a>}
      </nav>
      <div className="topbar-right">
        <span className={`conn conn-${view.connection}`} data-testid="connection" title="Real-time connection to the queue">
          <span className="conn-dot" />
          {label}
        </span>
        <NotificationCentre />
        <button className="icon-btn on-dark" onClick={onHelp} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts">
          <Icon name="keyboard" size={18} />
        </button>
        <a className={`me${route === 'account' ? ' active' : ''}`} href="#/account" title={`${me.email} · ${me.role} · your account, sessions and API tokens`} aria-label="Your account">
          <span className="avatar avatar-sm">{initials(me.name)}</span>
          <span className="me-text">
            <span className="me-name">{me.name}</span>
            <span className="me-role">{me.role}</span>
          </span>
        </a>
        <button className="icon-btn on-dark" onClick={onSignOut} title="Sign out" aria-label="Sign out">
          <Icon name="logout" size={18} />
        </button>
      </div>
    </header>
  );
}
