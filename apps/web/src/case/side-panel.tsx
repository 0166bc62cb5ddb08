import { Fragment, useEffect, useRef, useState, type FormEvent } from 'react';
import { errorMessage } from '../api-client';
import { channelLabel, customerLabel, formatDateTime, humanise, initials, readableAddress } from '../format';
import { routeHref } from '../routes';
import { ChannelIcon, Icon } from '../shell/icons';
import { useShortcuts } from '../shell/shortcuts';
import { useWorkspace } from '../shell/workspace-context';
import { PHONE_CHANNELS, type CaseDetail, type CaseSummary, type Channel } from '@inbox/contracts';
import { PhoneNumberText } from '../phone-number-text';
import { CaseFields } from '../fields/case-fields';
import { CustomerFields } from '../fields/customer-fields';
import { SupportNeedsPanel } from '../customer/support-needs-panel';

interface CustomerProfile {
  id: string;
  displayName: string | null;
  names?: string[];
  preferredChannel: string | null;
  identities: Array<{ id?: string; channel: string; address: string; displayName?: string | null }>;
  /** Addresses the customer claimed (web chat) but has not proven: never used to reach them until confirmed. */
  claims?: Array<{ id: string; channel: string; address: string; status: 'unverified'; ownedByAnotherCustomer: boolean }>;
  products?: Array<{ product: string; accountRef: string | null; mentions: number }>;
  cases: Array<{ id: string; reference: string; status: string; category: string | null; channel: string; receivedAt: string; outcome?: string | null; satisfaction?: number | null }>;
  suggestions?: Array<{
    id: string;
    otherCustomerId: string;
    otherCustomerName: string | null;
    otherCustomerLabel?: string;
    otherChannels?: string[];
    otherCases?: Array<{ id: string; reference: string; status: string }>;
    reason: string;
    evidence: string;
    status: string;
  }>;
}

type Tab = 'customer' | 'knowledge';

/** Beside the case: the customer on every channel with their other cases, and the knowledge base. */
export function SidePanel({ detail, onInsert, onChanged }: { detail: CaseDetail; onInsert: (text: string) => void; onChanged: (summary: CaseSummary) => void }) {
  const [tab, setTab] = useState<Tab>('customer');
  const [focusSearch, setFocusSearch] = useState(0);
  useShortcuts([
    { key: 'f', description: 'Search the knowledge base', group: 'Case', run: () => (setTab('knowledge'), setFocusSearch((n) => n + 1)) },
    { key: 'i', description: 'Show the customer profile', group: 'Case', run: () => setTab('customer') },
  ]);
  return (
    <aside className="side-panel" aria-label="Customer and knowledge base">
      <div className="side-tabs" role="tablist">
        <button role="tab" aria-selected={tab === 'customer'} className={tab === 'customer' ? 'active' : ''} onClick={() => setTab('customer')}>
          <Icon name="user" size={14} /> Customer
        </button>
        <button role="tab" aria-selected={tab === 'knowledge'} className={tab === 'knowledge' ? 'active' : ''} onClick={() => setTab('knowledge')} data-testid="knowledge-tab">
          <Icon name="book" size={14} /> Knowledge
        </button>
      </div>
      <div className="side-body">
        {tab === 'customer' ? <CustomerCard detail={detail} onChanged={onChanged} /> : <KnowledgeSearch caseId={detail.id} onInsert={onInsert} focusSignal={focusSearch} />}
      </div>
    </aside>
  );
}

function CustomerCard({ detail, onChanged }: { detail: CaseDetail; onChanged: (summary: CaseSummary) => void }) {
  const { api, toast } = useWorkspace();
  const [profile, setProfile] = useState<CustomerProfile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    let cancelled = false;
    api
      .get<CustomerProfile>(`/api/customers/${detail.customerId}/profile`)
      .then((p) => !cancelled && (setProfile(p), setError(null)))
      .catch((e) => !cancelled && setError(errorMessage(e)));
    return () => {
      cancelled = true;
    };
    // Re-read when the case changes in ways that touch the customer's history.
  }, [api, detail.customerId, detail.status, reload]);

  async function decide(id: string, decision: 'accept' | 'dismiss') {
    try {
      await api.post(`/api/merge-suggestions/${id}/${decision}`);
      toast(decision === 'accept' ? 'Customers merged — undo from the merge history if it was wrong' : 'Suggestion dismissed');
      setReload((n) => n + 1);
    } catch (e) {
      toast(errorMessage(e), 'error');
    }
  }

  async function confirmClaim(id: string, address: string) {
    if (!window.confirm(`Confirm that ${address} is this customer's? Their messages from it will then join this customer, and replies can go there.`)) return;
    try {
      await api.post(`/api/customers/${detail.customerId}/claims/${id}/confirm`);
      toast(`${address} confirmed as this customer's`);
      setReload((n) => n + 1);
    } catch (e) {
      toast(errorMessage(e), 'error');
    }
  }

  const name = profile?.displayName ?? detail.customer.displayName ?? detail.customerName;
  const identities = profile?.identities ?? detail.customer.identities;
  const others = (profile?.cases ?? []).filter((c) => c.id !== detail.id);
  const suggestions = (profile?.suggestions ?? []).filter((s) => s.status === 'open');
  const aliases = (profile?.names ?? []).filter((n) => n !== name);
  return (
    <div className="customer" data-testid="customer-panel">
      <div className="customer-head">
        <span className="avatar avatar-lg">{initials(name, '#')}</span>
        <div>
          <h2>{name ?? customerLabel(detail)}</h2>
          {aliases.length > 0 && <p className="muted">Also known as {aliases.join(', ')}</p>}
          {profile?.preferredChannel && <p className="muted">Last wrote on {channelLabel(profile.preferredChannel)}</p>}
        </div>
      </div>
      <section className="panel-section" aria-label="Case fields">
        <h3>Case fields</h3>
        <CaseFields detail={detail} onChanged={onChanged} />
      </section>
      <section className="panel-section side-needs" aria-label="Support needs">
        <h3>Support needs</h3>
        <SupportNeedsPanel customerId={detail.customerId} compact />
        <a className="small" href={routeHref({ name: 'customer', customerId: detail.customerId })}>Customer page: support needs, representatives, personal data</a>
      </section>
      <section className="panel-section" aria-label="Customer fields">
        <h3>Customer fields</h3>
        <CustomerFields customerId={detail.customerId} />
      </section>
      <section className="panel-section">
        <h3>Reaches us on</h3>
        <ul className="identities">
          {identities.map((identity) => (
            <li key={`${identity.channel}:${identity.address}`}>
              <ChannelIcon channel={identity.channel} size={12} />
              <span className="identity-address" title={identity.address}>
                {PHONE_CHANNELS.includes(identity.channel as Channel) ? (
                  <PhoneNumberText e164={identity.address} />
                ) : (
                  readableAddress(identity.channel, identity.address) ?? (identity.channel === 'webchat' ? 'Visitor on the website' : 'Account on the platform')
                )}
              </span>
              <span className="muted">{channelLabel(identity.channel)}</span>
            </li>
          ))}
          {(profile?.claims ?? []).map((claim) => (
            <li key={`claim:${claim.id}`} className="identity-unverified" data-testid="unverified-claim">
              <ChannelIcon channel={claim.channel} size={12} />
              <span className="identity-address" title={`${claim.address}: the customer said this is theirs but has not proven it; nothing is sent to or routed from it`}>
                {claim.address}
              </span>
              <span className="claim-actions">
                <span className="chip chip-warn">unverified</span>
                {claim.ownedByAnotherCustomer ? (
                  <span className="muted small">another customer's — merge instead</span>
                ) : (
                  <button className="btn btn-small" onClick={() => void confirmClaim(claim.id, claim.address)}>
                    Confirm
                  </button>
                )}
              </span>
            </li>
          ))}
        </ul>
      </section>
      {suggestions.length > 0 && (
        <section className="panel-section">
          <h3>Possibly the same person</h3>
          <ul className="suggestions">
            {suggestions.map((s) => (
              <li key={s.id}>
                <span data-testid="merge-suggestion">
                  <strong>{s.otherCustomerLabel ?? s.otherCustomerName ?? 'Another customer'}</strong>
                  {s.otherChannels && s.otherChannels.length > 0 && <span className="small"> · on {s.otherChannels.map(channelLabel).join(', ')}</span>}
                  {s.otherCases && s.otherCases.length > 0 && (
                    <span className="small">
                      {' '}· {s.otherCases.map((c, i) => (
                        <span key={c.id}>{i > 0 && ', '}<a href={`#/cases/${c.id}`}>{c.reference}</a></span>
                      ))}
                    </span>
                  )}
                  <span className="muted small"> — {humanise(s.reason)}: {s.evidence}</span>
                </span>
                <span className="row-gap">
                  <button className="btn btn-small" onClick={() => void decide(s.id, 'accept')}>Merge</button>
                  <button className="btn btn-small btn-quiet" onClick={() => void decide(s.id, 'dismiss')}>Dismiss</button>
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {profile?.products && profile.products.length > 0 && (
        <section className="panel-section">
          <h3>Products</h3>
          <div className="chips">
            {profile.products.map((p) => (
              <span className="chip" key={`${p.product}:${p.accountRef ?? ''}`} title={p.accountRef ?? undefined}>
                {humanise(p.product)}
                {p.accountRef ? ` · ${p.accountRef}` : ''}
              </span>
            ))}
          </div>
        </section>
      )}
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
                <span className="other-preview">
                  {channelLabel(c.channel)} · {formatDateTime(c.receivedAt).split(',')[0]}
                  {c.outcome ? ` · ${humanise(c.outcome)}` : ''}
                  {typeof c.satisfaction === 'number' ? ` · rated ${c.satisfaction}/5` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

interface Article {
  id: string;
  title: string;
  body: string;
  category: string | null;
  sourceReference?: string | null;
  snippet?: string;
}

/** Past resolutions, searched from the case (its category and words) or by what the agent types. */
function KnowledgeSearch({ caseId, onInsert, focusSignal }: { caseId: string; onInsert: (text: string) => void; focusSignal: number }) {
  const { api } = useWorkspace();
  const [q, setQ] = useState('');
  const [result, setResult] = useState<{ query: string; items: Article[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  async function search(text: string) {
    setBusy(true);
    setError(null);
    try {
      const params = new URLSearchParams({ limit: '10', ...(text.trim() ? { q: text.trim() } : {}) });
      setResult(await api.get(`/api/cases/${caseId}/knowledge?${params}`));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  useEffect(() => {
    void search('');
    // Searched once from the case when the tab opens; afterwards by what the agent types.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [caseId]);
  useEffect(() => {
    if (focusSignal) input.current?.focus();
  }, [focusSignal]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void search(q);
  };
  return (
    <div className="knowledge" data-testid="knowledge-panel">
      <form className="queue-search" onSubmit={submit} role="search">
        <Icon name="search" size={14} />
        <input ref={input} type="search" placeholder="Search past resolutions" value={q} onChange={(e) => setQ(e.target.value)} aria-label="Search the knowledge base" />
      </form>
      {result && !q && result.query && <p className="muted small">Suggested from this case</p>}
      {error ? (
        <p className="form-error small">{error}</p>
      ) : busy && !result ? (
        <p className="muted small">Searching…</p>
      ) : result && result.items.length === 0 ? (
        <p className="muted small">No article matches. Resolved cases can be saved here from their “More” menu.</p>
      ) : (
        <ul className="articles">
          {result?.items.map((a) => (
            <li key={a.id} className="article">
              <button type="button" className="article-title" onClick={() => setOpen(open === a.id ? null : a.id)} aria-expanded={open === a.id}>
                {a.title}
              </button>
              <div className="muted small">
                {a.category ? humanise(a.category) : 'General'}
                {a.sourceReference ? ` · from ${a.sourceReference}` : ''}
              </div>
              <p className="article-text">{open === a.id ? a.body : <Highlighted text={a.snippet || a.body.slice(0, 160)} />}</p>
              <button type="button" className="btn btn-small" onClick={() => onInsert(a.body)}>
                Insert into reply
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** PostgreSQL's ts_headline marks matches with <b>…</b>; shown as marks without rendering any HTML. */
function Highlighted({ text }: { text: string }) {
  const parts = text.split(/(<b>|<\/b>)/);
  let bold = false;
  return (
    <>
      {parts.map((part, i) => {
        if (part === '<b>' || part === '</b>') {
          bold = part === '<b>';
          return null;
        }
        return bold ? <mark key={i}>{part}</mark> : <Fragment key={i}>{part}</Fragment>;
      })}
    </>
  );
}
