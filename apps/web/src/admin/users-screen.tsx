import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api-client';
import { useWorkspace } from '../shell/workspace-context';
import { StaffAuditTrail } from './users-audit';
import { InviteUserForm } from './users-invite';
import { ManageUser } from './users-manage';
import type { StaffUser } from './staff-user';

/**
 * Admins: every staff account; invite, manage role, teams, second factor and
 * sessions, disable or re-enable; and the staff audit trail. Disabling ends
 * the person's sessions at once: their workspace closes within moments.
 */
export function UsersScreen() {
  const ws = useWorkspace();
  const [users, setUsers] = useState<StaffUser[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [managing, setManaging] = useState<string | null>(null);
  const [auditKey, setAuditKey] = useState(0);

  const load = useCallback(() => {
    ws.api
      .get<{ items: StaffUser[] }>('/api/users')
      .then((list) => setUsers(list.items))
      .catch((error) => setFailure(errorMessage(error)));
  }, [ws.api]);
  useEffect(load, [load]);

  if (ws.me.role !== 'admin') {
    return (
      <section className="sv-page">
        <h2>For admins</h2>
        <p className="muted">Staff accounts are managed by admins.</p>
        <a className="btn" href="#/queue">Back to the queue</a>
      </section>
    );
  }

  function replace(updated: StaffUser) {
    setUsers((list) => list?.map((u) => (u.id === updated.id ? updated : u)) ?? null);
    setAuditKey((k) => k + 1);
  }

  const managed = users?.find((u) => u.id === managing);

  async function setActive(user: StaffUser, active: boolean) {
    setBusy(user.id);
    try {
      const updated = await ws.api.post<StaffUser>(`/api/users/${user.id}/${active ? 'enable' : 'disable'}`);
      replace(updated);
      ws.toast(active ? `${user.name} can sign in again` : `${user.name} is disabled and signed out everywhere`);
    } catch (error) {
      ws.toast(errorMessage(error), 'error');
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="sv-page users-page" aria-label="Staff accounts">
      <div className="sv-card">
        <header className="sv-card-head">
          <h2>Staff accounts</h2>
          <span className="muted">{users ? `${users.filter((u) => u.active).length} active of ${users.length}` : ''}</span>
        </header>
        {failure ? (
          <p className="sv-failure">{failure}</p>
        ) : !users ? (
          <div className="spinner" />
        ) : (
          <div className="sv-scroll users-scroll">
            <table className="sv-table users-table" data-testid="users-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Email</th>
                  <th>Role</th>
                  <th>Teams</th>
                  <th>Sign-in</th>
                  <th>Status</th>
                  <th aria-label="Actions" />
                </tr>
              </thead>
              <tbody>
                {users.map((u) => (
                  <tr key={u.id} className={u.active ? undefined : 'user-disabled'}>
                    <td>{u.name}</td>
                    <td className="user-email">{u.email}</td>
                    <td>{u.role}</td>
                    <td>{u.teamIds.map((id) => ws.teamName(id) ?? 'unknown team').join(', ') || '—'}</td>
                    <td>
                      {u.signIn === 'sso' ? 'SSO' : u.signIn === 'invited' ? 'Invited' : 'Password'}
                      {u.secondFactor && <span className="pill pill-ok" title="Two-factor sign-in is on">2FA</span>}
                    </td>
                    <td>{u.active ? 'Active' : 'Disabled'}</td>
                    <td className="num user-actions">
                      <button className="btn btn-small" onClick={() => setManaging(u.id)}>Manage</button>
                      {u.id === ws.me.userId ? (
                        <span className="muted">you</span>
                      ) : (
                        <button className="btn btn-small" disabled={busy === u.id} onClick={() => void setActive(u, !u.active)}>
                          {u.active ? 'Disable' : 'Enable'}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="sv-card-body">
          <InviteUserForm
            onInvited={(user) => {
              setUsers((list) => [...(list ?? []), user]);
              setAuditKey((k) => k + 1);
            }}
          />
        </div>
      </div>
      {managed && <ManageUser key={managed.id} user={managed} onChanged={replace} onClose={() => setManaging(null)} />}
      <div className="sv-card">
        <header className="sv-card-head">
          <h2>Staff audit trail</h2>
          <span className="muted">sign-ins, failures and account changes</span>
        </header>
        <StaffAuditTrail refreshKey={auditKey} />
      </div>
    </section>
  );
}
