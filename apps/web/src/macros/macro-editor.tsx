import './macros.css';
import { MACRO_ACTION_TYPES, MAX_MACRO_STEPS, type CustomFieldDefinition, type MacroAction, type MacroActionType, type MacroScope } from '@inbox/contracts';
import { useState } from 'react';
import { FieldValueInput } from '../fields/field-value-input';
import type { Team } from '../shell/workspace-context';
import { blankStep, STEP_LABELS } from './macro-text';
import { useSaveForm } from '../manage/use-save-form';
import { FormFooter } from '../manage/form-footer';

export interface MacroDraft {
  name: string;
  scope: MacroScope;
  teamId: string;
  actions: MacroAction[];
}

/**
 * A macro's name, whom it is for, and its steps in order: add a step of a kind, fill its fields, move it
 * up or down, remove it. The server checks the steps; its refusal ("Step 2: …") stays in the form.
 */
export function MacroEditor({
  initial,
  canShare,
  teams,
  placeholders,
  fields,
  saveLabel,
  save,
  onCancel,
}: {
  initial: MacroDraft;
  canShare: boolean;
  teams: Team[];
  placeholders: string[];
  /** Every custom field, archived ones too (a step may name one archived since it was saved). */
  fields: CustomFieldDefinition[];
  saveLabel: string;
  save: (draft: MacroDraft) => Promise<unknown>;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState(initial);
  const form = useSaveForm(() => save(draft));
  const agents = uniqueMembers(teams);
  const setStep = (i: number, step: MacroAction) => setDraft({ ...draft, actions: draft.actions.map((s, j) => (j === i ? step : s)) });
  const move = (i: number, by: number) => {
    const actions = [...draft.actions];
    [actions[i], actions[i + by]] = [actions[i + by], actions[i]];
    setDraft({ ...draft, actions });
  };

  return (
    <form className="mg-form macro-form" onSubmit={form.onSubmit} aria-label="Macro">
      <div className="macro-form-head">
        <label>
          Name
          <input required autoFocus maxLength={80} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </label>
        <label>
          For
          <select value={draft.scope} onChange={(e) => setDraft({ ...draft, scope: e.target.value as MacroScope })} aria-label="Who may use it">
            <option value="personal">Only me</option>
            {canShare && <option value="team">One team</option>}
            {canShare && <option value="everyone">Everyone</option>}
          </select>
        </label>
        {draft.scope === 'team' && (
          <label>
            Team
            <select required value={draft.teamId} onChange={(e) => setDraft({ ...draft, teamId: e.target.value })}>
              <option value="">Choose a team</option>
              {teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
            </select>
          </label>
        )}
      </div>
      <ol className="macro-steps" aria-label="Steps">
        {draft.actions.map((step, i) => (
          <li key={i} className="macro-step" data-testid="macro-step">
            <div className="macro-step-head">
              <span className="macro-step-number">{i + 1}</span>
              <strong>{STEP_LABELS[step.type]}</strong>
              <span className="macro-step-tools">
                <button type="button" className="btn btn-small btn-quiet" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move step ${i + 1} up`}>↑</button>
                <button type="button" className="btn btn-small btn-quiet" disabled={i === draft.actions.length - 1} onClick={() => move(i, 1)} aria-label={`Move step ${i + 1} down`}>↓</button>
                <button type="button" className="btn btn-small btn-quiet" onClick={() => setDraft({ ...draft, actions: draft.actions.filter((_, j) => j !== i) })} aria-label={`Remove step ${i + 1}`}>×</button>
              </span>
            </div>
            <StepFields step={step} onChange={(s) => setStep(i, s)} agents={agents} placeholders={placeholders} fields={fields} />
          </li>
        ))}
      </ol>
      {draft.actions.length < MAX_MACRO_STEPS && (
        <label className="macro-add">
          Add a step
          <select
            value=""
            aria-label="Add a step"
            onChange={(e) => e.target.value && setDraft({ ...draft, actions: [...draft.actions, blankStep(e.target.value as MacroActionType)] })}
          >
            <option value="">Choose…</option>
            {MACRO_ACTION_TYPES.map((t) => (
              <option key={t} value={t} disabled={t === 'reply' && draft.actions.some((s) => s.type === 'reply')}>{STEP_LABELS[t]}</option>
            ))}
          </select>
        </label>
      )}
      <FormFooter form={form} saveLabel={saveLabel} canSave={draft.actions.length > 0} onCancel={onCancel} />
    </form>
  );
}

function StepFields({
  step,
  onChange,
  agents,
  placeholders,
  fields,
}: {
  step: MacroAction;
  onChange: (s: MacroAction) => void;
  agents: Array<{ userId: string; name: string }>;
  placeholders: string[];
  fields: CustomFieldDefinition[];
}) {
  switch (step.type) {
    case 'reply':
      return (
        <label>
          Text sent to the customer
          <textarea required rows={4} value={step.template} onChange={(e) => onChange({ ...step, template: e.target.value })} aria-label="Reply text" />
          <span className="field-hint">Placeholders filled for each case: {placeholders.map((p) => `{{${p}}}`).join(', ')}</span>
        </label>
      );
    case 'note':
      return (
        <label>
          Note for colleagues
          <textarea required rows={2} value={step.text} onChange={(e) => onChange({ ...step, text: e.target.value })} aria-label="Note text" />
        </label>
      );
    case 'tag':
      return (
        <label>
          Tag
          <input required maxLength={40} value={step.tag} onChange={(e) => onChange({ ...step, tag: e.target.value })} aria-label="Tag name" />
        </label>
      );
    case 'assign':
      return (
        <label>
          To
          <select
            aria-label="Assign to"
            value={step.to === 'agent' ? step.userId : step.to}
            onChange={(e) => {
              const v = e.target.value;
              onChange(v === 'me' || v === 'nobody' ? { type: 'assign', to: v } : { type: 'assign', to: 'agent', userId: v });
            }}
          >
            <option value="me">Me (whoever runs it)</option>
            <option value="nobody">Nobody (unassign)</option>
            {agents.map((a) => <option key={a.userId} value={a.userId}>{a.name}</option>)}
          </select>
        </label>
      );
    case 'change_status':
      return (
        <div className="macro-status">
          <label>
            Status
            <select aria-label="Status" value={step.status} onChange={(e) => onChange({ ...step, status: e.target.value as 'open' | 'escalated' })}>
              <option value="escalated">Escalated to supervisors</option>
              <option value="open">Open (reopen a resolved or closed case)</option>
            </select>
          </label>
          <label>
            Reason{step.status === 'open' ? ' (optional)' : ''}
            <input required={step.status === 'escalated'} maxLength={2000} value={step.reason ?? ''} onChange={(e) => onChange({ ...step, reason: e.target.value })} aria-label="Reason" />
          </label>
          <span className="field-hint">Resolving sends the RG 271 final response: it stays in the case’s Resolve dialog, with its preview.</span>
        </div>
      );
    case 'set_field':
      return <SetFieldStep step={step} onChange={onChange} fields={fields} />;
  }
}

/** A case field, then either a value its kind takes (a list's options, a day, a number, text) or "clear it". */
function SetFieldStep({ step, onChange, fields }: { step: Extract<MacroAction, { type: 'set_field' }>; onChange: (s: MacroAction) => void; fields: CustomFieldDefinition[] }) {
  // Case fields in use, and the step's own field if it was archived since, so the form still says what the step does.
  const choices = fields.filter((f) => f.appliesTo === 'case' && (!f.archivedAt || f.id === step.fieldId));
  const field = choices.find((f) => f.id === step.fieldId);
  if (choices.length === 0) return <span className="field-hint">No case fields are defined (admins define them under Manage → Fields).</span>;
  return (
    <div className="macro-status macro-field">
      <label>
        Field
        <select required aria-label="Field" value={step.fieldId} onChange={(e) => onChange({ type: 'set_field', fieldId: e.target.value, value: '' })}>
          <option value="" disabled>Choose a case field…</option>
          {choices.map((f) => <option key={f.id} value={f.id}>{f.label}{f.archivedAt ? ' (archived)' : ''}</option>)}
        </select>
      </label>
      {field && (
        <label>
          To
          <select aria-label="Set or clear" value={step.value === null ? 'clear' : 'set'} onChange={(e) => onChange({ ...step, value: e.target.value === 'clear' ? null : '' })}>
            <option value="set">A value</option>
            <option value="clear">Nothing (clear it)</option>
          </select>
        </label>
      )}
      {field && step.value !== null && (
        <label>
          Value
          <FieldValueInput field={field} value={String(step.value)} onChange={(value) => onChange({ ...step, value })} />
        </label>
      )}
      {field?.help && <span className="field-hint">{field.help}</span>}
    </div>
  );
}

/** Everyone in the teams the caller sees, once each, by name. */
function uniqueMembers(teams: Team[]): Array<{ userId: string; name: string }> {
  const byId = new Map<string, string>();
  for (const t of teams) for (const m of t.members) byId.set(m.userId, m.name);
  return [...byId].map(([userId, name]) => ({ userId, name })).sort((a, b) => a.name.localeCompare(b.name));
}
