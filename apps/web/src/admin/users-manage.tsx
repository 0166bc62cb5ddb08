import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api-client';
import { SessionsTable, type StaffSession } from '../auth/sessions-table';
import { useWorkspace } from '../shell/workspace-context';
import { ROLES, type StaffUser } from './staff-user';

/**
 * One person's account for an admin: role and teams (a change ends their
 * sessions), their second factor (reset when the phone is lost), and their
 * live sessions, each of which can be ended.
 */
export function ManageUser({ user, onChanged, onClose }: { user: StaffUser; onChanged: (user: StaffUser) => void; onClose: () => void }) {
  const ws = useWorkspace();
  const [role, setRole] = useState(user.role);
  const [teamIds, setTeamIds] = useState(user.teamIds);
  const [sessions, setSessions] = useState<StaffSession[] | null>(null);
  const [busy, setBusy] = useState(false);
  const loadSessions = useCallback(() => {
    ws.api.get<{ items: StaffSession[] }>(`/api/users/${user.id}/sessions`).then((r) => setSessions(r.items)).catch((e) => ws.toast(errorMessage(e), 'error'));
  }, [ws, user.id]);
  useEffect(loadSessions, [loadSessions]);
  const self = user.id === ws.me.userId;

  async function act(run: () => Promise<StaffUser | void>, done: string) {
    setBusy(true);
    try {
      const updated = await run();
      if (updated) onChanged(updated);
      ws.toast(done);
      loadSessions();
    } catch (e) {
      ws.toast(errorMessage(e), 'error');
    } finally {
      setBusy(false);
    }
  }

  const changed = role !== user.role || teamIds.length !== user.teamIds.length || teamIds.some((t) => !user.teamIds.includes(t));
  return (
    <div className="sv-card manage-user" aria-label={`Manage ${user.name}`}>
      <header className="sv-card-head">
        <h2>{user.name}</h2>
        <button className="btn btn-small" onClick={onClose}>Close</button>
      </header>
      <div className="sv-card-body manage-grid">
        <div>
          <h3>Role and teams</h3>
          {user.signIn === 'sso' && <p className="muted">Signs in with single sign-on: the directory groups set role and teams again at each sign-in.</p>}
          <label>
            Role
            <select value={role} disabled={self} onChange={(e) => setRole(e.target.value as StaffUser['role'])}>
              {ROLES.map((r) => (
                <option key={r} value={r}>{r}</option>
              ))}
            </select>
          </label>
          <fieldset className="team-checks">
            <legend>Teams</legend>
            {ws.teams.map((t) => (
              <label key={t.id} className="check">
                <input
                  type="checkbox"
                  checked={teamIds.includes(t.id)}
                  onChange={(e) => setTeamIds((ids) => (e.target.checked ? [...ids, t.id] : ids.filter((x) => x !== t.id)))}
                />
                {t.name}
              </label>
            ))}
          </fieldset>
          <button
            className="btn btn-primary"
            disabled={busy || !changed || teamIds.length === 0}
            onClick={() => void act(() => ws.api.patch<StaffUser>(`/api/users/${user.id}`, { role, teamIds }), `${user.name}’s role and teams are saved; their sessions ended`)}
          >
            Save role and teams
          </button>
        </div>
        <div>
          <h3>Second factor</h3>
          <p className="muted">
            {user.signIn === 'sso' ? 'Single sign-on: the identity provider asks for the second factor.' : user.secondFactor ? 'On (authenticator app).' : 'Not set up.'}
          </p>
          {user.secondFactor && (
            <button
              className="btn"
              disabled={busy}
              onClick={() => void act(() => ws.api.post<StaffUser>(`/api/users/${user.id}/second-factor/reset`), `${user.name} will set up two-factor sign-in again`)}
            >
              Reset second factor
            </button>
          )}
        </div>
      </div>
      <h3 className="manage-sessions-title">Sessions</h3>
      <SessionsTable sessions={sessions} onEnd={(s) => void act(() => ws.api.del(`/api/users/${user.id}/sessions/${s.id}`), 'That session has ended')} />
    </div>
  );
}
