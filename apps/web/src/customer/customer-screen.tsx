import { useEffect, useState } from 'react';
import { errorMessage } from '../api-client';
import { channelLabel, formatDateTime, humanise, readableAddress } from '../format';
import { PHONE_CHANNELS, type Channel } from '@inbox/contracts';
import { phoneForPeople } from '../phone-number';
import { PhoneNumberText } from '../phone-number-text';
import { routeHref } from '../routes';
import { ChannelIcon } from '../shell/icons';
import { useWorkspace } from '../shell/workspace-context';
import { PrivacyActions } from './privacy-actions';
import { RepresentativesPanel } from './representatives-panel';
import { SupportNeedsPanel } from './support-needs-panel';
import { CustomerFields } from '../fields/customer-fields';
import './customer.css';

interface Profile {
  id: string;
  displayName: string | null;
  identities: Array<{ id: string; channel: string; address: string; displayName: string | null }>;
  cases: Array<{ id: string; reference: string; status: string; kind: string; channel: string; receivedAt: string }>;
}

/** One customer: how they reach us, their cases, support needs, representatives and (supervisors, admins) their data rights. */
export function CustomerScreen({ customerId }: { customerId: string }) {
  const ws = useWorkspace();
  const [profile, setProfile] = useState<Profile | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    ws.api
      .get<Profile>(`/api/customers/${customerId}/profile`)
      .then(setProfile)
      .catch((error) => setFailure(errorMessage(error)));
  }, [ws.api, customerId]);

  if (failure) {
    return (
      <section className="sv-page">
        <h2>Customer</h2>
        <p className="form-error">{failure}</p>
      </section>
    );
  }
  if (!profile) return <div className="spinner" />;
  const first = profile.identities[0];
  const isPhone = (channel: string) => PHONE_CHANNELS.includes(channel as Channel);
  const firstAddress = first ? (isPhone(first.channel) ? phoneForPeople(first.address) : readableAddress(first.channel, first.address)) : null;
  const name = profile.displayName ?? first?.displayName ?? firstAddress ?? 'Customer without a name';
  const supervisor = ws.me.role === 'supervisor' || ws.me.role === 'admin';
  return (
    <section className="sv-page pd-page" aria-label="Customer" data-testid="customer-screen">
      <header className="pd-head">
        <h1>{name}</h1>
        <ul className="pd-identities">
          {profile.identities.map((i) => (
            <li key={i.id}>
              <ChannelIcon channel={i.channel as never} size={12} />{' '}
              {isPhone(i.channel) ? <PhoneNumberText e164={i.address} /> : (readableAddress(i.channel, i.address) ?? channelLabel(i.channel))}
            </li>
          ))}
        </ul>
      </header>
      <div className="pd-grid">
        <div className="sv-card pd-card-needs">
          <header className="sv-card-head">
            <h2>Support needs</h2>
            <span className="muted pd-subtitle">shown on every case of this customer</span>
          </header>
          <SupportNeedsPanel customerId={customerId} />
        </div>
        <div className="sv-card">
          <header className="sv-card-head">
            <h2>Customer fields</h2>
            <span className="muted pd-subtitle">shown beside each of their cases</span>
          </header>
          <CustomerFields customerId={customerId} withHistory />
        </div>
        <div className="sv-card">
          <header className="sv-card-head">
            <h2>Cases</h2>
            <span className="muted">{profile.cases.length}</span>
          </header>
          <ul className="pd-list">
            {profile.cases.map((c) => (
              <li key={c.id}>
                <a href={routeHref({ name: 'case', caseId: c.id })}>{c.reference}</a> <span className="chip">{humanise(c.kind)}</span> <span className="chip chip-other">{humanise(c.status)}</span>{' '}
                <span className="muted small">
                  {channelLabel(c.channel as never)} · {formatDateTime(c.receivedAt)}
                </span>
              </li>
            ))}
          </ul>
        </div>
        <div className="sv-card">
          <header className="sv-card-head">
            <h2>Authorised representatives</h2>
          </header>
          <RepresentativesPanel customerId={customerId} cases={profile.cases} />
        </div>
        {supervisor && (
          <div className="sv-card">
            <header className="sv-card-head">
              <h2>Personal data</h2>
              <a className="muted" href={routeHref({ name: 'retention' })}>Retention</a>
            </header>
            <PrivacyActions customerId={customerId} />
          </div>
        )}
      </div>
    </section>
  );
}
