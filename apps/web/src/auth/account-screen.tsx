import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { errorMessage } from '../api-client';
import { useWorkspace } from '../shell/workspace-context';
import { SessionsTable, type StaffSession } from './sessions-table';
import { EnrolmentCode, RecoveryCodes, type Enrolment } from './second-factor-setup';

interface ApiToken {
  id: string;
  name: string;
  scope: 'read' | 'act' | 'admin';
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
}

/** Your own account: two-factor sign-in, the sessions you have open (end any), and personal API tokens. */
export function AccountScreen() {
  return (
    <section className="sv-page account-page" aria-label="Your account">
      <SecondFactorCard />
      <MySessionsCard />
      <ApiTokensCard />
    </section>
  );
}

function SecondFactorCard() {
  const ws = useWorkspace();
  const [status, setStatus] = useState<{ enabled: boolean; recoveryCodesLeft: number } | null>(null);
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    ws.api.get<{ enabled: boolean; recoveryCodesLeft: number }>('/api/account/second-factor').then(setStatus).catch((e) => setError(errorMessage(e)));
  }, [ws.api]);
  useEffect(load, [load]);

  async function confirm(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const answer = await ws.api.post<{ recoveryCodes: string[] }>('/api/account/second-factor/confirm', { code });
      setCodes(answer.recoveryCodes);
      setEnrolment(null);
      load();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <div className="sv-card">
      <header className="sv-card-head">
        <h2>Two-factor sign-in</h2>
        {status && <span className={`pill ${status.enabled ? 'pill-ok' : 'pill-muted'}`}>{status.enabled ? 'On' : 'Off'}</span>}
      </header>
      <div className="sv-card-body">
        {codes ? (
          <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />
        ) : enrolment ? (
          <form onSubmit={confirm} className="account-form" aria-label="Set up two-factor sign-in">
            <EnrolmentCode enrolment={enrolment} />
            <label>
              Code from the app
              <input name="code" inputMode="numeric" autoComplete="one-time-code" required maxLength={6} value={code} onChange={(e) => setCode(e.target.value)} placeholder="6 digits" />
            </label>
            <div className="form-error" role="alert">{error}</div>
            <div className="account-actions">
              <button type="submit" className="btn btn-primary">Turn on</button>
              <button type="button" className="btn" onClick={() => setEnrolment(null)}>Cancel</button>
            </div>
          </form>
        ) : status?.enabled ? (
          <p className="muted">
            Your password sign-in asks for a code from your authenticator app. {status.recoveryCodesLeft} of 10 recovery codes left. Lost your phone? An admin can reset it.
          </p>
        ) : (
          <>
            <p className="muted">Protect your password sign-in with a code from an authenticator app on your phone. (Single sign-on uses your organisation’s own second factor.)</p>
            <div className="form-error" role="alert">{error}</div>
            <button
              className="btn btn-primary"
              onClick={() => {
                setError(null);
                setCode('');
                ws.api.post<Enrolment>('/api/account/second-factor').then(setEnrolment).catch((e) => setError(errorMessage(e)));
              }}
            >
              Set up two-factor sign-in
            </button>
          </>
        )}
      </div>
    </div>
  );
}

function MySessionsCard() {
  const ws = useWorkspace();
  const [sessions, setSessions] = useState<StaffSession[] | null>(null);
  const load = useCallback(() => {
    ws.api.get<{ items: StaffSession[] }>('/api/account/sessions').then((r) => setSessions(r.items)).catch((e) => ws.toast(errorMessage(e), 'error'));
  }, [ws]);
  useEffect(load, [load]);
  return (
    <div className="sv-card">
      <header className="sv-card-head">
        <h2>Where you are signed in</h2>
        <span className="muted">{sessions ? `${sessions.length} session${sessions.length === 1 ? '' : 's'}` : ''}</span>
      </header>
      <SessionsTable
        sessions={sessions}
        onEnd={async (s) => {
          try {
            await ws.api.del(`/api/account/sessions/${s.id}`);
            ws.toast('That session has ended');
            load();
          } catch (e) {
            ws.toast(errorMessage(e), 'error');
          }
        }}
      />
    </div>
  );
}

function ApiTokensCard() {
  const ws = useWorkspace();
  const [tokens, setTokens] = useState<ApiToken[] | null>(null);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<ApiToken['scope']>('read');
  const [days, setDays] = useState(90);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    ws.api.get<{ items: ApiToken[] }>('/api/account/api-tokens').then((r) => setTokens(r.items)).catch((e) => setError(errorMessage(e)));
  }, [ws.api]);
  useEffect(load, [load]);

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const answer = await ws.api.post<ApiToken & { token: string }>('/api/account/api-tokens', { name, scope, expiresInDays: days });
      setCreated({ name: answer.name, token: answer.token });
      setName('');
      load();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <div className="sv-card">
      <header className="sv-card-head">
        <h2>Personal API tokens</h2>
        <a className="muted" href="/api/docs" target="_blank" rel="noreferrer">API docs</a>
      </header>
      <div className="sv-card-body">
        {created && (
          <div className="token-once" role="status" data-testid="new-token">
            <p>
              <strong>{created.name}</strong>: copy the token now — it will not be shown again.
            </p>
            <code>{created.token}</code>
            <div className="account-actions">
              <button className="btn btn-small" onClick={() => void navigator.clipboard?.writeText(created.token).then(() => ws.toast('Copied'))}>Copy</button>
              <button className="btn btn-small" onClick={() => setCreated(null)}>Done</button>
            </div>
          </div>
        )}
        <form className="token-form" onSubmit={create} aria-label="New API token">
          <label>
            Name
            <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} placeholder="e.g. CRM sync" />
          </label>
          <label>
            Scope
            <select value={scope} onChange={(e) => setScope(e.target.value as ApiToken['scope'])}>
              <option value="read">read — look only</option>
              <option value="act">act — work cases</option>
              {ws.me.role === 'admin' && <option value="admin">admin — everything</option>}
            </select>
          </label>
          <label>
            Expires in (days)
            <input type="number" min={1} max={365} value={days} onChange={(e) => setDays(Number(e.target.value))} required />
          </label>
          <button type="submit" className="btn btn-primary">Create token</button>
        </form>
        <div className="form-error" role="alert">{error}</div>
      </div>
      {tokens && tokens.length > 0 && (
        <div className="sv-scroll">
          <table className="sv-table" data-testid="api-tokens">
            <thead>
              <tr>
                <th>Name</th>
                <th>Scope</th>
                <th>Expires</th>
                <th>Last used</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td>{t.scope}</td>
                  <td>{new Date(t.expiresAt).toLocaleDateString()}</td>
                  <td>{t.lastUsedAt ? new Date(t.lastUsedAt).toLocaleString() : 'never'}</td>
                  <td className="num">
                    <button
                      className="btn btn-small"
                      onClick={() =>
                        void ws.api
                          .del(`/api/account/api-tokens/${t.id}`)
                          .then(() => {
                            ws.toast(`${t.name} revoked`);
                            load();
                          })
                          .catch((e) => ws.toast(errorMessage(e), 'error'))
                      }
                    >
                      Revoke
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
