import { useEffect, useState } from 'react';
import type { CaseSummary } from '@inbox/contracts';
import { errorMessage } from '../api-client';
import { channelLabel, formatDateTime, humanise, initials } from '../format';
import { routeHref } from '../routes';
import { ChannelIcon } from '../shell/icons';
import { useWorkspace } from '../shell/workspace-context';
import type { CaseDetail } from './case-detail';

interface CustomerProfile {
  id: string;
  displayName: string | null;
  preferredChannel: string | null;
  createdAt: string;
  identities: Array<{ channel: string; address: string }>;
  cases: CaseSummary[];
}

/** The customer beside the case: who they are on every channel and their other cases. */
export function SidePanel({ detail }: { detail: CaseDetail }) {
  return (
    <aside className="side-panel" aria-label="Customer">
      <CustomerCard detail={detail} />
    </aside>
  );
}

function CustomerCard({ detail }: { detail: CaseDetail }) {
  const { api } = useWorkspace();
  const [profile, setProfile] = useState<CustomerProfile | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    api
      .get<CustomerProfile>(`/api/customers/${detail.customerId}`)
      .then((p) => !cancelled && setProfile(p))
      .catch((e) => !cancelled && setError(errorMessage(e)));
    return () => {
      cancelled = true;
    };
    // Re-read when the case changes in ways that touch the customer's history.
  }, [api, detail.customerId, detail.status]);
  const name = detail.customer.displayName ?? detail.customerName;
  const identities = profile?.identities ?? detail.customer.identities;
  const others = (profile?.cases ?? []).filter((c) => c.id !== detail.id);
  return (
    <div className="customer" data-testid="customer-panel">
      <div className="customer-head">
        <span className="avatar avatar-lg">{initials(name, '#')}</span>
        <div>
          <h2>{name ?? 'Unknown customer'}</h2>
          {profile && <p className="muted">Customer since {formatDateTime(profile.createdAt).split(',')[0]}</p>}
        </div>
      </div>
      <section className="panel-section">
        <h3>Contact</h3>
        <ul className="identities">
          {identities.map((identity) => (
            <li key={`${identity.channel}:${identity.address}`}>
              <ChannelIcon channel={identity.channel} size={12} />
              <span className="identity-address">{identity.address}</span>
              <span className="muted">{channelLabel(identity.channel)}</span>
            </li>
          ))}
        </ul>
        {profile?.preferredChannel && <p className="muted small">Last wrote on {channelLabel(profile.preferredChannel)}</p>}
      </section>
      <section className="panel-section">
        <h3>Other cases</h3>
        {error ? (
          <p className="form-error small">{error}</p>
        ) : !profile ? (
          <p className="muted small">Loading…</p>
        ) : others.length === 0 ? (
          <p className="muted small">None — this is their first case.</p>
        ) : (
          <ul className="other-cases">
            {others.slice(0, 8).map((c) => (
              <li key={c.id}>
                <a href={routeHref({ name: 'case', caseId: c.id })}>
                  <span className="case-ref">{c.reference}</span>
                  <span className={`status status-${c.status}`}>{humanise(c.status)}</span>
                </a>
                <span className="other-preview">{c.preview}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
