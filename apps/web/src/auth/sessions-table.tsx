export interface StaffSession {
  id: string;
  kind: 'browser' | 'bearer';
  clientAddress: string | null;
  userAgent: string | null;
  createdAt: string;
  expiresAt: string;
  current?: boolean;
}

/** Live sessions with an End button each: the user's own (account screen) or one user's (admins). */
export function SessionsTable({ sessions, onEnd }: { sessions: StaffSession[] | null; onEnd: (session: StaffSession) => void }) {
  if (!sessions) return <div className="spinner" />;
  if (sessions.length === 0) return <p className="muted sv-card-body">No live sessions.</p>;
  return (
    <div className="sv-scroll">
      <table className="sv-table" data-testid="sessions-table">
        <thead>
          <tr>
            <th>Device</th>
            <th>Address</th>
            <th>Signed in</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id}>
              <td title={s.userAgent ?? undefined}>
                {s.kind === 'browser' ? describeBrowser(s.userAgent) : 'API client (bearer token)'}
                {s.current && <span className="pill pill-ok">this one</span>}
              </td>
              <td>{s.clientAddress ?? '—'}</td>
              <td>{new Date(s.createdAt).toLocaleString()}</td>
              <td className="num">
                <button className="btn btn-small" onClick={() => onEnd(s)}>{s.current ? 'Sign out' : 'End'}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function describeBrowser(userAgent: string | null): string {
  if (!userAgent) return 'Browser';
  const browser = /Edg\//.test(userAgent) ? 'Edge' : /Firefox\//.test(userAgent) ? 'Firefox' : /Chrome\//.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : 'Browser';
  const os = /Windows/.test(userAgent) ? 'Windows' : /Mac OS X/.test(userAgent) ? 'macOS' : /Android/.test(userAgent) ? 'Android' : /iPhone|iPad/.test(userAgent) ? 'iOS' : /Linux/.test(userAgent) ? 'Linux' : '';
  return os ? `${browser} on ${os}` : browser;
}
