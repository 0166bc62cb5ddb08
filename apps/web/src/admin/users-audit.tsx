import { useEffect, useState } from 'react';
import { errorMessage } from '../api-client';
import { useWorkspace } from '../shell/workspace-context';

interface AuditRecord {
  id: string;
  at: string;
  actor: { userId: string; name: string; email: string } | null;
  subject: { userId: string | null; email: string | null; name: string | null };
  action: string;
  detail: Record<string, unknown>;
  clientAddress: string | null;
}

const ACTIONS: Record<string, string> = {
  sign_in: 'signed in',
  sign_in_failed: 'sign-in failed',
  sign_in_refused: 'sign-in refused',
  sign_out: 'signed out',
  user_created: 'created an account',
  user_invited: 'invited',
  user_updated: 'changed an account',
  user_disabled: 'disabled',
  user_enabled: 're-enabled',
  password_reset: 'reset the password',
  second_factor_enrolled: 'turned on two-factor sign-in',
  second_factor_reset: 'reset the second factor',
  recovery_code_used: 'used a recovery code',
  session_revoked: 'ended a session',
  api_token_created: 'created an API token',
  api_token_revoked: 'revoked an API token',
};

/** The staff audit trail: who did what to whose account and when, sign-ins and failures included. */
export function StaffAuditTrail({ userId, refreshKey }: { userId?: string; refreshKey: number }) {
  const ws = useWorkspace();
  const [items, setItems] = useState<AuditRecord[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    ws.api
      .get<{ items: AuditRecord[] }>(`/api/staff-audit?limit=100${userId ? `&userId=${userId}` : ''}`)
      .then((r) => setItems(r.items))
      .catch((e) => setFailure(errorMessage(e)));
  }, [ws.api, userId, refreshKey]);
  if (failure) return <p className="sv-failure">{failure}</p>;
  if (!items) return <div className="spinner" />;
  return (
    <div className="sv-scroll audit-scroll">
      <table className="sv-table" data-testid="staff-audit">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>What</th>
            <th>Whose account</th>
            <th>From</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id} className={r.action.startsWith('sign_in_') ? 'audit-failure' : undefined}>
              <td>{new Date(r.at).toLocaleString()}</td>
              <td>{r.actor?.name ?? '—'}</td>
              <td>
                {ACTIONS[r.action] ?? r.action}
                {typeof r.detail.method === 'string' && <span className="muted"> · {r.detail.method === 'sso' ? 'SSO' : 'password'}</span>}
                {typeof r.detail.reason === 'string' && <span className="muted"> · {r.detail.reason.replace(/_/g, ' ')}</span>}
              </td>
              <td>{r.subject.name ?? r.subject.email ?? '—'}</td>
              <td>{r.clientAddress ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
