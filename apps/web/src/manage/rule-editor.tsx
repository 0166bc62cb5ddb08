import {
  CLASSIFICATION_KINDS,
  RULE_EVENTS,
  RULE_TIME_CONDITIONS,
  RULE_TIME_UNITS,
  type RuleAction,
  type RuleActionType,
  type RuleTrigger,
} from '@inbox/contracts';
import { useState } from 'react';
import { humanise } from '../format';
import { useCustomFields } from '../fields/field-queries';
import { useWorkspace } from '../shell/workspace-context';
import { RuleFieldConditions, type FieldConditionDraft } from './rule-field-conditions';
import { EVENT_LABELS, TIME_LABELS, UNIT_LABELS } from './rule-words';
import { useSaveForm } from './use-save-form';
import { ChannelChoice } from './channel-choice';
import { FormFooter } from './form-footer';

/** A rule as the form holds it: one value per condition (the API takes lists). */
export interface Draft {
  name: string;
  enabled: boolean;
  trigger: RuleTrigger;
  channel: string;
  teamId: string;
  kind: string;
  /** Comma-separated tag names the case must all carry. */
  tags: string;
  businessHours: string;
  /** Case fields whose values must all match. */
  fields: FieldConditionDraft[];
  actions: RuleAction[];
}

const ACTION_LABELS: Record<RuleActionType, string> = {
  assign: 'Assign',
  add_tag: 'Add a tag',
  notify: 'Notify',
  escalate: 'Escalate to supervisors',
  send_reply: 'Send a reply',
  set_priority: 'Set priority',
};

export const blankAction = (type: RuleActionType, teamId: string): RuleAction =>
  ({
    assign: { type: 'assign', teamId },
    add_tag: { type: 'add_tag', tag: '' },
    notify: { type: 'notify', teamId, message: '' },
    escalate: { type: 'escalate', reason: '' },
    send_reply: { type: 'send_reply', text: '' },
    set_priority: { type: 'set_priority', priority: 1 },
  })[type] as RuleAction;

/** The form of one rule: its name, when it runs, the conditions (each "any" holds for every case) and the actions in order. */
export function RuleEditor({ initial, saveLabel, save, onCancel }: { initial: Draft; saveLabel: string; save: (d: Draft) => Promise<void>; onCancel: () => void }) {
  const ws = useWorkspace();
  const customFields = useCustomFields(ws.api).data ?? [];
  const [draft, setDraft] = useState(initial);
  const form = useSaveForm(() => save(draft));
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const setAction = (i: number, action: RuleAction) => set({ actions: draft.actions.map((a, j) => (j === i ? action : a)) });
  const staff = ws.teams.flatMap((t) => t.members).filter((m, i, all) => all.findIndex((x) => x.userId === m.userId) === i);
  const trigger = draft.trigger;
  return (
    <form className="mg-form" onSubmit={form.onSubmit} aria-label="Rule">
      <label>
        Rule name
        <input required autoFocus maxLength={120} value={draft.name} onChange={(e) => set({ name: e.target.value })} />
      </label>
      <fieldset className="mg-fieldset">
        <legend>When</legend>
        <div className="mg-filters">
          <label>
            Starts
            <select
              value={trigger.type === 'event' ? trigger.event : trigger.condition}
              onChange={(e) => {
                const v = e.target.value;
                set({ trigger: (RULE_EVENTS as readonly string[]).includes(v) ? { type: 'event', event: v as never } : { type: 'time', condition: v as never, amount: trigger.type === 'time' ? trigger.amount : 2, unit: trigger.type === 'time' ? trigger.unit : 'hours' } });
              }}
            >
              <optgroup label="When something happens">
                {RULE_EVENTS.map((e) => <option key={e} value={e}>{EVENT_LABELS[e]}</option>)}
              </optgroup>
              <optgroup label="When time passes">
                {RULE_TIME_CONDITIONS.map((c) => <option key={c} value={c}>{TIME_LABELS[c]}…</option>)}
              </optgroup>
            </select>
          </label>
          {trigger.type === 'time' && (
            <>
              <label>
                How long
                <input type="number" min={0.25} step={0.25} required value={trigger.amount} onChange={(e) => set({ trigger: { ...trigger, amount: Number(e.target.value) } })} />
              </label>
              <label>
                Counted in
                <select value={trigger.unit} onChange={(e) => set({ trigger: { ...trigger, unit: e.target.value as never } })}>
                  {RULE_TIME_UNITS.map((u) => <option key={u} value={u}>{UNIT_LABELS[u]}</option>)}
                </select>
              </label>
            </>
          )}
        </div>
      </fieldset>
      <fieldset className="mg-fieldset">
        <legend>If</legend>
        <div className="mg-filters">
          <ChannelChoice value={draft.channel} onChange={(channel) => set({ channel })} />
          <label>
            Team
            <select value={draft.teamId} onChange={(e) => set({ teamId: e.target.value })}>
              <option value="">Any team</option>
              {ws.teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
            </select>
          </label>
          <label>
            Kind
            <select value={draft.kind} onChange={(e) => set({ kind: e.target.value })}>
              <option value="">Any kind</option>
              {CLASSIFICATION_KINDS.map((k) => <option key={k} value={k}>{humanise(k)}</option>)}
            </select>
          </label>
          <label>
            Business hours
            <select value={draft.businessHours} onChange={(e) => set({ businessHours: e.target.value })}>
              <option value="">Any time</option>
              <option value="within">Within the team’s hours</option>
              <option value="outside">Outside the team’s hours</option>
            </select>
          </label>
          <label>
            Carries the tags
            <input value={draft.tags} placeholder="e.g. VIP, hardship" onChange={(e) => set({ tags: e.target.value })} />
          </label>
        </div>
        <RuleFieldConditions drafts={draft.fields} fields={customFields} onChange={(fields) => set({ fields })} />
      </fieldset>
      <fieldset className="mg-fieldset">
        <legend>Then</legend>
        <ol className="mg-actions">
          {draft.actions.map((action, i) => (
            <li key={i} className="mg-filters" data-testid="rule-action">
              <label>
                Action {i + 1}
                <select aria-label={`Action ${i + 1}`} value={action.type} onChange={(e) => setAction(i, blankAction(e.target.value as RuleActionType, ws.teams[0]?.id ?? ''))}>
                  {(Object.keys(ACTION_LABELS) as RuleActionType[]).map((t) => <option key={t} value={t}>{ACTION_LABELS[t]}</option>)}
                </select>
              </label>
              {action.type === 'add_tag' && (
                <label>
                  Tag
                  <input required maxLength={40} value={action.tag} onChange={(e) => setAction(i, { ...action, tag: e.target.value })} />
                </label>
              )}
              {action.type === 'set_priority' && (
                <label>
                  Priority
                  <select value={action.priority} onChange={(e) => setAction(i, { ...action, priority: Number(e.target.value) })}>
                    {[1, 2, 3, 4, 5].map((p) => <option key={p} value={p}>P{p}{p === 1 ? ' (most urgent)' : p === 3 ? ' (normal)' : ''}</option>)}
                  </select>
                </label>
              )}
              {action.type === 'assign' && (
                <>
                  <label>
                    Team
                    <select value={action.teamId ?? ''} onChange={(e) => setAction(i, { ...action, teamId: e.target.value || undefined })}>
                      <option value="">The case’s team</option>
                      {ws.teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
                    </select>
                  </label>
                  <label>
                    Agent
                    <select value={action.assigneeId ?? ''} onChange={(e) => setAction(i, { ...action, assigneeId: e.target.value || undefined })}>
                      <option value="">Nobody (the team’s queue)</option>
                      {staff.map((m) => <option key={m.userId} value={m.userId}>{m.name}</option>)}
                    </select>
                  </label>
                </>
              )}
              {action.type === 'notify' && (
                <>
                  <label>
                    Whom
                    <select
                      value={action.userId ? `user:${action.userId}` : `team:${action.teamId ?? ''}`}
                      onChange={(e) => {
                        const [kind, id] = e.target.value.split(':');
                        setAction(i, { type: 'notify', message: action.message, ...(kind === 'user' ? { userId: id } : { teamId: id }) });
                      }}
                    >
                      <optgroup label="A team’s members">
                        {ws.teams.map((t) => <option key={t.id} value={`team:${t.id}`}>{t.name}</option>)}
                      </optgroup>
                      <optgroup label="A colleague">
                        {staff.map((m) => <option key={m.userId} value={`user:${m.userId}`}>{m.name}</option>)}
                      </optgroup>
                    </select>
                  </label>
                  <label className="mg-grow">
                    Message
                    <input required maxLength={2000} value={action.message} onChange={(e) => setAction(i, { ...action, message: e.target.value })} />
                  </label>
                </>
              )}
              {action.type === 'escalate' && (
                <label className="mg-grow">
                  Reason
                  <input required maxLength={2000} value={action.reason} onChange={(e) => setAction(i, { ...action, reason: e.target.value })} />
                </label>
              )}
              {action.type === 'send_reply' && (
                <label className="mg-grow">
                  Reply (on the case’s channel; {'{{customer.name}}'} and {'{{case.reference}}'} are filled in)
                  <textarea required rows={3} maxLength={2000} value={action.text} onChange={(e) => setAction(i, { ...action, text: e.target.value })} />
                </label>
              )}
              {draft.actions.length > 1 && (
                <button type="button" className="btn btn-small" onClick={() => set({ actions: draft.actions.filter((_, j) => j !== i) })} aria-label={`Remove action ${i + 1}`}>
                  Remove
                </button>
              )}
            </li>
          ))}
        </ol>
        {draft.actions.length < 10 && (
          <button type="button" className="btn btn-small" onClick={() => set({ actions: [...draft.actions, blankAction('add_tag', ws.teams[0]?.id ?? '')] })}>
            Add an action
          </button>
        )}
      </fieldset>
      <label className="mg-check">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => set({ enabled: e.target.checked })} /> On
      </label>
      <FormFooter form={form} saveLabel={saveLabel} onCancel={onCancel} />
    </form>
  );
}
