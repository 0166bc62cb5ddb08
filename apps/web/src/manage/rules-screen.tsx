import type { AutomationRule, CustomFieldDefinition, RuleRun } from '@inbox/contracts';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api-client';
import { channelLabel, formatDateTime, humanise } from '../format';
import { routeHref } from '../routes';
import { useWorkspace } from '../shell/workspace-context';
import { useCustomFields } from '../fields/field-queries';
import { blankAction, RuleEditor, type Draft } from './rule-editor';
import { fieldConditionDrafts, fieldConditionsOf } from './rule-field-conditions';
import { useManageList } from './use-manage-list';
import { actionWords, conditionWords, triggerWords } from './rule-words';

const draftOf = (rule: AutomationRule): Draft => ({
  name: rule.name,
  enabled: rule.enabled,
  trigger: rule.trigger,
  channel: rule.conditions.channels?.[0] ?? '',
  teamId: rule.conditions.teamIds?.[0] ?? '',
  kind: rule.conditions.kinds?.[0] ?? '',
  tags: (rule.conditions.tags ?? []).join(', '),
  businessHours: rule.conditions.businessHours ?? '',
  fields: fieldConditionDrafts(rule.conditions.fields),
  actions: rule.actions,
});

const bodyOf = (d: Draft, fields: readonly CustomFieldDefinition[]) => ({
  name: d.name.trim(),
  enabled: d.enabled,
  trigger: d.trigger,
  conditions: {
    ...(d.channel ? { channels: [d.channel] } : {}),
    ...(d.teamId ? { teamIds: [d.teamId] } : {}),
    ...(d.kind ? { kinds: [d.kind] } : {}),
    ...(d.tags.trim() ? { tags: d.tags.split(',').map((t) => t.trim()).filter(Boolean) } : {}),
    ...(d.businessHours ? { businessHours: d.businessHours } : {}),
    ...(d.fields.length ? { fields: fieldConditionsOf(d.fields, fields) } : {}),
  },
  actions: d.actions,
});

/**
 * Automation rules (admins): when something happens on a case, or time passes, and the conditions hold, the
 * inbox does the actions itself. Each rule's log lists its runs; each run is on the case's timeline too.
 */
export function RulesScreen() {
  const ws = useWorkspace();
  const customFields = useCustomFields(ws.api).data ?? [];
  const { items: rules, failure, reload: load } = useManageList<AutomationRule>('/api/automation-rules');
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [logOf, setLogOf] = useState<string | null>(null);
  const teamName = (id: string) => ws.teamName(id);
  const staffName = (id: string) => ws.staffName(id) ?? ws.teams.flatMap((t) => t.members).find((m) => m.userId === id)?.name ?? null;

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
            initial={{ name: '', enabled: true, trigger: { type: 'event', event: 'message.received' }, channel: '', teamId: '', kind: '', tags: '', businessHours: '', fields: [], actions: [blankAction('add_tag', firstTeam)] }}
            saveLabel="Create rule"
            onCancel={() => setEditing(null)}
            save={async (d) => {
              await ws.api.post('/api/automation-rules', bodyOf(d, customFields));
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
                  await ws.api.patch(`/api/automation-rules/${rule.id}`, bodyOf(d, customFields));
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
                  <strong>When</strong> {triggerWords(rule.trigger).toLowerCase()}, <strong>if</strong> {conditionWords(rule, teamName, channelLabel, customFields)}:{' '}
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
