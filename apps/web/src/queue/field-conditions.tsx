import '../fields/fields.css';
import { useState, type FormEvent } from 'react';
import { checkFieldCondition, isEqualsCondition, type CustomFieldDefinition, type FieldCondition } from '@inbox/contracts';
import { errorMessage } from '../api-client';
import { displayFieldValue, useCustomFields } from '../fields/field-queries';
import { FieldValueInput } from '../fields/field-value-input';
import { useWorkspace } from '../shell/workspace-context';

/** A condition in words, as its chip reads: "Product line: Home loan", "Amount: 100 to 500", "Due: from 01/03/2026". */
export function conditionText(field: CustomFieldDefinition | undefined, condition: FieldCondition): string {
  const label = field?.label ?? 'A removed field';
  if (isEqualsCondition(condition)) return `${label}: ${condition.equals}`;
  const show = (v: string | number | undefined) => (field ? displayFieldValue(field, v) : String(v));
  if (condition.min !== undefined && condition.max !== undefined) {
    return condition.min === condition.max ? `${label}: ${show(condition.min)}` : `${label}: ${show(condition.min)} to ${show(condition.max)}`;
  }
  return condition.min !== undefined ? `${label}: from ${show(condition.min)}` : `${label}: up to ${show(condition.max)}`;
}

/**
 * The queue's conditions on case fields: a chip each (× removes it) and
 * "+ Field" to add one — a value for text and list fields, a from and a to
 * (either may stay empty) for number and date fields.
 */
export function FieldConditions({ conditions, onChange }: { conditions: readonly FieldCondition[]; onChange: (next: FieldCondition[]) => void }) {
  const ws = useWorkspace();
  const all = useCustomFields(ws.api).data ?? [];
  const caseFields = all.filter((f) => f.appliesTo === 'case' && !f.archivedAt);
  const [adding, setAdding] = useState(false);
  if (caseFields.length === 0 && conditions.length === 0) return null;
  return (
    <div className="cf-conditions" role="group" aria-label="Filter by field">
      {conditions.map((c, i) => (
        <span key={`${c.fieldId}:${i}`} className="saved-view" data-testid="field-condition">
          <span className="saved-view-apply">{conditionText(all.find((f) => f.id === c.fieldId), c)}</span>
          <button className="tag-remove" aria-label={`Remove the condition ${conditionText(all.find((f) => f.id === c.fieldId), c)}`} onClick={() => onChange(conditions.filter((_, j) => j !== i))}>
            ×
          </button>
        </span>
      ))}
      {adding ? (
        <ConditionForm
          fields={caseFields}
          onAdd={(condition) => {
            onChange([...conditions.filter((c) => c.fieldId !== condition.fieldId), condition]);
            setAdding(false);
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <button className="tag-add" onClick={() => setAdding(true)}>+ Field</button>
      )}
    </div>
  );
}

function ConditionForm({ fields, onAdd, onCancel }: { fields: CustomFieldDefinition[]; onAdd: (c: FieldCondition) => void; onCancel: () => void }) {
  const [fieldId, setFieldId] = useState(fields[0]?.id ?? '');
  const [equals, setEquals] = useState('');
  const [min, setMin] = useState('');
  const [max, setMax] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const field = fields.find((f) => f.id === fieldId);
  const ranged = field?.kind === 'number' || field?.kind === 'date';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!field) return;
    try {
      const condition: FieldCondition = ranged
        ? { fieldId, ...(min.trim() ? { min: min.trim() } : {}), ...(max.trim() ? { max: max.trim() } : {}) }
        : { fieldId, equals };
      onAdd(checkFieldCondition(field, condition));
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };
  const bound = (label: string, value: string, set: (v: string) => void) =>
    field && <FieldValueInput field={{ ...field, label: `${field.label} ${label}` }} value={value} onChange={(v) => (set(v), setFailure(null))} />;
  return (
    <form className="cf-condition-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <select aria-label="Field" value={fieldId} onChange={(e) => (setFieldId(e.target.value), setEquals(''), setMin(''), setMax(''), setFailure(null))}>
        {fields.map((f) => <option key={f.id} value={f.id}>{f.label}</option>)}
      </select>
      {ranged ? (
        <>
          {bound('from', min, setMin)}
          <span className="muted small">to</span>
          {bound('to', max, setMax)}
        </>
      ) : (
        field && <FieldValueInput field={field} value={equals} onChange={(v) => (setEquals(v), setFailure(null))} />
      )}
      <button className="btn btn-small" type="submit">Add</button>
      <button className="btn btn-small btn-quiet" type="button" onClick={onCancel}>Cancel</button>
      {failure && <span className="form-error small" role="alert">{failure}</span>}
    </form>
  );
}
