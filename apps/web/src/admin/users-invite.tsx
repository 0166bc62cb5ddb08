import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api-client';
import { useWorkspace } from '../shell/workspace-context';
import { ROLES, type StaffUser } from './staff-user';

/**
 * Invite someone: an account with a role and teams and no password. With
 * single sign-on they simply sign in (matched by email); otherwise an admin
 * sets a password for them.
 */
export function InviteUserForm({ onInvited }: { onInvited: (user: StaffUser) => void }) {
  const ws = useWorkspace();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffUser['role']>('agent');
  const [teamId, setTeamId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = await ws.api.post<StaffUser>('/api/users/invitations', { email, name, role, ...(teamId ? { teamIds: [teamId] } : {}) });
      ws.toast(`${user.name} is invited`);
      setEmail('');
      setName('');
      onInvited(user);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="invite-form" onSubmit={submit} aria-label="Invite a user">
      <h3 className="invite-title">Invite someone <span className="muted">— with single sign-on they just sign in; otherwise set a password for them</span></h3>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
      </label>
      <label>
        Work email
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
      </label>
      <label>
        Role
        <select value={role} onChange={(e) => setRole(e.target.value as StaffUser['role'])}>
          {ROLES.map((r) => (
            <option key={r} value={r}>{r}</option>
          ))}
        </select>
      </label>
      <label>
        Team
        <select value={teamId} onChange={(e) => setTeamId(e.target.value)}>
          <option value="">Default team</option>
          {ws.teams.map((t) => (
            <option key={t.id} value={t.id}>{t.name}</option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn btn-primary" disabled={busy}>Invite</button>
      <div className="form-error" role="alert">{error}</div>
    </form>
  );
}
