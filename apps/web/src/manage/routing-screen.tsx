import { type Channel, type ClassificationKind } from '@inbox/contracts';
import { useState } from 'react';
import { errorMessage } from '../api-client';
import { channelLabel } from '../format';
import { useWorkspace } from '../shell/workspace-context';
import { phoneForPeople } from '../phone-number';
import { ChannelChoice } from './channel-choice';
import { FormFooter } from './form-footer';
import { useSaveForm } from './use-save-form';
import { useManageList } from './use-manage-list';

interface RoutingRule {
  id: string;
  name: string;
  teamId: string;
  channel: Channel | null;
  account: string | null;
  kind: ClassificationKind | null;
  words: string[];
}

interface Draft {
  name: string;
  teamId: string;
  channel: string;
  account: string;
  kind: string;
  /** Comma-separated words or phrases. */
  words: string;
}

const KINDS: Array<{ value: ClassificationKind; label: string }> = [
  { value: 'complaint', label: 'Complaint' },
  { value: 'enquiry', label: 'Enquiry' },
  { value: 'compliment', label: 'Compliment' },
  { value: 'noise', label: 'Noise' },
];
const kindLabel = (kind: string) => KINDS.find((k) => k.value === kind)?.label ?? kind;

const draftOf = (rule: RoutingRule): Draft => ({
  name: rule.name,
  teamId: rule.teamId,
  channel: rule.channel ?? '',
  account: rule.account ?? '',
  kind: rule.kind ?? '',
  words: rule.words.join(', '),
});
const bodyOf = (d: Draft) => ({
  name: d.name.trim(),
  teamId: d.teamId,
  channel: d.channel || null,
  account: d.account.trim() || null,
  kind: d.kind || null,
  words: d.words.split(',').map((w) => w.trim()).filter(Boolean),
});

/** The rule's conditions in words, as an admin reads them in the list. */
function conditionsOf(rule: RoutingRule): string {
  const parts = [
    rule.channel && `by ${channelLabel(rule.channel)}`,
    // A number reads the local way (phoneForPeople leaves a mailbox or page id as it is).
    rule.account && `to ${phoneForPeople(rule.account)}`,
    rule.kind && `classified ${kindLabel(rule.kind).toLowerCase()}`,
    rule.words.length > 0 && `with any of “${rule.words.join('”, “')}”`,
  ].filter(Boolean);
  return parts.length > 0 ? `A new case ${parts.join(', ')}` : 'Any new case';
}

/**
 * Routing rules (admins): which team a newly opened case goes to. Tried top to bottom, the first that
 * matches wins; a case no rule matches goes to the default team. Reordered with Move up / Move down.
 */
export function RoutingScreen() {
  const ws = useWorkspace();
  const { items: rules, setItems: setRules, failure, reload: load } = useManageList<RoutingRule>('/api/routing-rules');
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const defaultTeam = ws.teams.find((t) => t.isDefault)?.name;

  const move = async (index: number, by: -1 | 1) => {
    if (!rules) return;
    const ids = rules.map((r) => r.id);
    [ids[index], ids[index + by]] = [ids[index + by], ids[index]];
    try {
      const answer = await ws.api.put<{ items: RoutingRule[] }>('/api/routing-rules/order', { ids });
      setRules(answer.items);
      ws.toast(`“${rules[index].name}” is now rule ${index + by + 1}`);
    } catch (error) {
      ws.toast(errorMessage(error), 'error');
    }
  };
  const remove = async (rule: RoutingRule) => {
    if (!window.confirm(`Remove the routing rule “${rule.name}”?`)) return;
    try {
      await ws.api.del(`/api/routing-rules/${rule.id}`);
      ws.toast('Routing rule removed');
      load();
    } catch (error) {
      ws.toast(errorMessage(error), 'error');
    }
  };
  const saved = (message: string) => {
    ws.toast(message);
    setEditing(null);
    load();
  };

  return (
    <section className="mg-card" aria-label="Routing rules">
      <div className="mg-head">
        <h1>Routing rules</h1>
        <p className="muted">
          When a message opens a new case, the rules are tried from the top; the first that matches puts the case in its team.
          A case no rule matches goes to {defaultTeam ? `the default team (${defaultTeam})` : 'the default team'}.
        </p>
      </div>
      <div className="mg-filters">
        {editing !== 'new' && <button className="btn btn-primary" onClick={() => setEditing('new')}>New routing rule</button>}
      </div>
      {failure && <p className="sv-failure" role="alert">{failure}</p>}
      {editing === 'new' && (
        <div className="mg-item">
          <RuleEditor
            initial={{ name: '', teamId: ws.teams[0]?.id ?? '', channel: '', account: '', kind: '', words: '' }}
            saveLabel="Create"
            onCancel={() => setEditing(null)}
            save={async (d) => {
              await ws.api.post('/api/routing-rules', bodyOf(d));
              saved('Routing rule created');
            }}
          />
        </div>
      )}
      {rules && rules.length === 0 && <p className="muted">No routing rule yet: every new case goes to the default team.</p>}
      <ol className="mg-list" aria-label="Rules, in the order they are tried">
        {rules?.map((rule, index) => (
          <li key={rule.id} className="mg-item" data-testid="routing-rule">
            {editing === rule.id ? (
              <RuleEditor
                initial={draftOf(rule)}
                saveLabel="Save"
                onCancel={() => setEditing(null)}
                save={async (d) => {
                  await ws.api.patch(`/api/routing-rules/${rule.id}`, bodyOf(d));
                  saved('Routing rule saved');
                }}
              />
            ) : (
              <>
                <div className="mg-item-head">
                  <span className="mg-item-title">{index + 1}. {rule.name}</span>
                  <span className="muted small">→ {ws.teamName(rule.teamId) ?? 'a team'}</span>
                </div>
                <p className="mg-item-body">{conditionsOf(rule)} goes to {ws.teamName(rule.teamId) ?? 'its team'}.</p>
                <div className="mg-form-actions">
                  <button className="btn btn-small" disabled={index === 0} onClick={() => void move(index, -1)} aria-label={`Move “${rule.name}” up`}>Move up</button>
                  <button className="btn btn-small" disabled={index === rules.length - 1} onClick={() => void move(index, 1)} aria-label={`Move “${rule.name}” down`}>Move down</button>
                  <button className="btn btn-small" onClick={() => setEditing(rule.id)} aria-label={`Edit “${rule.name}”`}>Edit</button>
                  <button className="btn btn-small" onClick={() => void remove(rule)} aria-label={`Remove “${rule.name}”`}>Remove</button>
                </div>
              </>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The form of one rule: its name, the team, and the conditions (each left at "any" matches anything). */
function RuleEditor({ initial, saveLabel, save, onCancel }: { initial: Draft; saveLabel: string; save: (d: Draft) => Promise<void>; onCancel: () => void }) {
  const ws = useWorkspace();
  const [draft, setDraft] = useState(initial);
  const form = useSaveForm(() => save(draft));
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  return (
    <form className="mg-form" onSubmit={form.onSubmit}>
      <label>
        Rule name
        <input required autoFocus maxLength={120} value={draft.name} onChange={(e) => set({ name: e.target.value })} />
      </label>
      <div className="mg-filters">
        <ChannelChoice value={draft.channel} onChange={(channel) => set({ channel })} />
        <label>
          Came to (mailbox, number or page)
          <input value={draft.account} maxLength={320} placeholder="Any account" onChange={(e) => set({ account: e.target.value })} />
        </label>
        <label>
          Classified as
          <select value={draft.kind} onChange={(e) => set({ kind: e.target.value })}>
            <option value="">Any kind</option>
            {KINDS.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
          </select>
        </label>
      </div>
      <label>
        Words in the text
        <input value={draft.words} placeholder="e.g. hardship, cannot pay" onChange={(e) => set({ words: e.target.value })} />
        <span className="field-hint">Any one of these, separated by commas, as whole words; capitals do not matter.</span>
      </label>
      <label>
        Put the case in team
        <select required value={draft.teamId} onChange={(e) => set({ teamId: e.target.value })}>
          {ws.teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </select>
      </label>
      <FormFooter form={form} saveLabel={saveLabel} onCancel={onCancel} />
    </form>
  );
}
