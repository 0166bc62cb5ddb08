import {
  CHANNELS,
  CLASSIFICATION_KINDS,
  RULE_EVENTS,
  RULE_TIME_CONDITIONS,
  RULE_TIME_UNITS,
  type AutomationRule,
  type RuleAction,
  type RuleActionType,
  type RuleRun,
  type RuleTrigger,
} from '@inbox/contracts';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { errorMessage } from '../api-client';
import { channelLabel, formatDateTime, humanise } from '../format';
import { routeHref } from '../routes';
import { useWorkspace } from '../shell/workspace-context';
import { actionWords, conditionWords, EVENT_LABELS, TIME_LABELS, triggerWords, UNIT_LABELS } from './rule-words';

interface Draft {
  name: string;
  enabled: boolean;
  trigger: RuleTrigger;
  channel: string;
  teamId: string;
  kind: string;
  /** Comma-separated tag names the case must all carry. */
  tags: string;
  businessHours: string;
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

const blankAction = (type: RuleActionType, teamId: string): RuleAction =>
  ({
    assign: { type: 'assign', teamId },
    add_tag: { type: 'add_tag', tag: '' },
    notify: { type: 'notify', teamId, message: '' },
    escalate: { type: 'escalate', reason: '' },
    send_reply: { type: 'send_reply', text: '' },
    set_priority: { type: 'set_priority', priority: 1 },
  })[type] as RuleAction;

const draftOf = (rule: AutomationRule): Draft => ({
  name: rule.name,
  enabled: rule.enabled,
  trigger: rule.trigger,
  channel: rule.conditions.channels?.[0] ?? '',
  teamId: rule.conditions.teamIds?.[0] ?? '',
  kind: rule.conditions.kinds?.[0] ?? '',
  tags: (rule.conditions.tags ?? []).join(', '),
  businessHours: rule.conditions.businessHours ?? '',
  actions: rule.actions,
});

const bodyOf = (d: Draft) => ({
  name: d.name.trim(),
  enabled: d.enabled,
  trigger: d.trigger,
  conditions: {
    ...(d.channel ? { channels: [d.channel] } : {}),
    ...(d.teamId ? { teamIds: [d.teamId] } : {}),
    ...(d.kind ? { kinds: [d.kind] } : {}),
    ...(d.tags.trim() ? { tags: d.tags.split(',').map((t) => t.trim()).filter(Boolean) } : {}),
    ...(d.businessHours ? { businessHours: d.businessHours } : {}),
  },
  actions: d.actions,
});

/**
 * Automation rules (admins): when something happens on a case, or time passes, and the conditions hold, the
 * inbox does the actions itself. Each rule's log lists its runs; each run is on the case's timeline too.
 */
export function RulesScreen() {
  const ws = useWorkspace();
  const [rules, setRules] = useState<AutomationRule[] | null>(null);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [logOf, setLogOf] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const teamName = (id: string) => ws.teamName(id);
  const staffName = (id: string) => ws.staffName(id) ?? ws.teams.flatMap((t) => t.members).find((m) => m.userId === id)?.name ?? null;

  const load = useCallback(() => {
    ws.api
      .get<{ items: AutomationRule[] }>('/api/automation-rules')
      .then((answer) => {
        setRules(answer.items);
        setFailure(null);
      })
      .catch((error) => setFailure(errorMessage(error)));
  }, [ws.api]);
  useEffect(load, [load]);

  const saved = (message: string) => {
    ws.toast(message);
    setEditing(null);
    load();
  };
  const toggle = async (rule: AutomationRule) => {
    try {
      await ws.api.patch(`/api/automation-rules/${rule.id}`, { enabled: !rule.enabled });
      saved(rule.enabled ? `“${rule.name}” is paused` : `“${rule.name}” is on`);
    } catch (error) {
      ws.toast(errorMessage(error), 'error');
    }
  };
  const remove = async (rule: AutomationRule) => {
    if (!window.confirm(`Remove the rule “${rule.name}”? Its log goes with it.`)) return;
    try {
      await ws.api.del(`/api/automation-rules/${rule.id}`);
      saved('Rule removed');
    } catch (error) {
      ws.toast(errorMessage(error), 'error');
    }
  };

  const firstTeam = ws.teams[0]?.id ?? '';
  return (
    <section className="mg-card" aria-label="Automation rules">
      <div className="mg-head">
        <h1>Rules</h1>
        <p className="muted">
          When something happens on a case, or time passes, and the conditions hold, the inbox does the actions itself —
          each once per case and cause, shown on the case’s timeline and in the rule’s log.
        </p>
      </div>
      <div className="mg-filters">
        {editing !== 'new' && <button className="btn btn-primary" onClick={() => setEditing('new')}>New rule</button>}
      </div>
      {failure && <p className="sv-failure" role="alert">{failure}</p>}
      {editing === 'new' && (
        <div className="mg-item">
          <RuleEditor
            initial={{ name: '', enabled: true, trigger: { type: 'event', event: 'message.received' }, channel: '', teamId: '', kind: '', tags: '', businessHours: '', actions: [blankAction('add_tag', firstTeam)] }}
            saveLabel="Create rule"
            onCancel={() => setEditing(null)}
            save={async (d) => {
              await ws.api.post('/api/automation-rules', bodyOf(d));
              saved('Rule created');
            }}
          />
        </div>
      )}
      {rules && rules.length === 0 && <p className="muted">No rule yet.</p>}
      <ul className="mg-list" aria-label="Rules">
        {rules?.map((rule) => (
          <li key={rule.id} className="mg-item" data-testid="automation-rule">
            {editing === rule.id ? (
              <RuleEditor
                initial={draftOf(rule)}
                saveLabel="Save"
                onCancel={() => setEditing(null)}
                save={async (d) => {
                  await ws.api.patch(`/api/automation-rules/${rule.id}`, bodyOf(d));
                  saved('Rule saved');
                }}
              />
            ) : (
              <>
                <div className="mg-item-head">
                  <span className="mg-item-title">{rule.name}</span>
                  <span className={`chip${rule.enabled ? '' : ' chip-muted'}`}>{rule.enabled ? 'On' : 'Paused'}</span>
                </div>
                <p className="mg-item-body">
                  <strong>When</strong> {triggerWords(rule.trigger).toLowerCase()}, <strong>if</strong> {conditionWords(rule, teamName, channelLabel)}:{' '}
                  {rule.actions.map((a) => actionWords(a, teamName, staffName)).join(', then ')}.
                </p>
                <div className="mg-form-actions">
                  <button className="btn btn-small" onClick={() => setLogOf(logOf === rule.id ? null : rule.id)} aria-expanded={logOf === rule.id} aria-label={`Log of “${rule.name}”`}>
                    {logOf === rule.id ? 'Hide log' : 'Log'}
                  </button>
                  <button className="btn btn-small" onClick={() => setEditing(rule.id)} aria-label={`Edit “${rule.name}”`}>Edit</button>
                  <button className="btn btn-small" onClick={() => void toggle(rule)}>{rule.enabled ? 'Pause' : 'Turn on'}</button>
                  <button className="btn btn-small" onClick={() => void remove(rule)} aria-label={`Remove “${rule.name}”`}>Remove</button>
                </div>
                {logOf === rule.id && <RuleLog ruleId={rule.id} />}
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A rule's runs, newest first: when, on which case, why, and what each action did. */
function RuleLog({ ruleId }: { ruleId: string }) {
  const ws = useWorkspace();
  const [runs, setRuns] = useState<RuleRun[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    ws.api.get<{ items: RuleRun[] }>(`/api/automation-rules/${ruleId}/runs`).then((a) => setRuns(a.items), (e) => setFailure(errorMessage(e)));
  }, [ws.api, ruleId]);
  if (failure) return <p className="sv-failure" role="alert">{failure}</p>;
  if (!runs) return <p className="muted small">Loading the log…</p>;
  if (runs.length === 0) return <p className="muted small">This rule has not run yet.</p>;
  return (
    <div className="mg-scroll" data-testid="rule-log">
      <table className="mg-table">
        <thead>
          <tr><th>When</th><th>Case</th><th>Why</th><th>What it did</th></tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              <td className="mg-nowrap">{formatDateTime(run.ranAt)}</td>
              <td><a className="mg-ref" href={routeHref({ name: 'case', caseId: run.caseId })}>{run.caseReference}</a></td>
              <td>{run.cause}</td>
              <td>
                {!run.finished && <span className="muted">Not finished (running, or stopped mid-run)</span>}
                {run.results.map((r, i) => (
                  <div key={i}>
                    {humanise(r.action)}: {r.result}
                    {r.detail ? ` — ${r.detail}` : ''}
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The form of one rule: its name, when it runs, the conditions (each "any" holds for every case) and the actions in order. */
function RuleEditor({ initial, saveLabel, save, onCancel }: { initial: Draft; saveLabel: string; save: (d: Draft) => Promise<void>; onCancel: () => void }) {
  const ws = useWorkspace();
  const [draft, setDraft] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const setAction = (i: number, action: RuleAction) => set({ actions: draft.actions.map((a, j) => (j === i ? action : a)) });
  const staff = ws.teams.flatMap((t) => t.members).filter((m, i, all) => all.findIndex((x) => x.userId === m.userId) === i);
  const trigger = draft.trigger;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await save(draft);
      setFailure(null);
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="mg-form" onSubmit={(e) => void submit(e)} aria-label="Rule">
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
          <label>
            Channel
            <select value={draft.channel} onChange={(e) => set({ channel: e.target.value })}>
              <option value="">Any channel</option>
              {CHANNELS.map((c) => <option key={c} value={c}>{channelLabel(c)}</option>)}
            </select>
          </label>
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
      {failure && <p className="dialog-refusal" role="alert">{failure}</p>}
      <div className="mg-form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Saving…' : saveLabel}</button>
        <button type="button" className="btn" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
