import type { CustomFieldDefinition, FieldCondition, RuleConditions } from '@inbox/contracts';
import { isEqualsCondition } from '@inbox/contracts';
import { FieldValueInput } from '../fields/field-value-input';

/** One "Field" condition as the rule form holds it: a value for text and list fields, a from and a to (either open) for number and date ones. */
export interface FieldConditionDraft {
  fieldId: string;
  equals: string;
  min: string;
  max: string;
}

const ranged = (field: CustomFieldDefinition | undefined) => field?.kind === 'number' || field?.kind === 'date';

export const blankFieldCondition = (fieldId: string): FieldConditionDraft => ({ fieldId, equals: '', min: '', max: '' });

export function fieldConditionDrafts(conditions: RuleConditions['fields']): FieldConditionDraft[] {
  return (conditions ?? []).map((c) =>
    isEqualsCondition(c) ? { ...blankFieldCondition(c.fieldId), equals: c.equals } : { fieldId: c.fieldId, equals: '', min: String(c.min ?? ''), max: String(c.max ?? '') },
  );
}

/** The conditions as the API takes them (the server checks each against its field and says what to fix). */
export function fieldConditionsOf(drafts: readonly FieldConditionDraft[], fields: readonly CustomFieldDefinition[]): FieldCondition[] {
  return drafts.map((d) => {
    if (!ranged(fields.find((f) => f.id === d.fieldId))) return { fieldId: d.fieldId, equals: d.equals };
    return { fieldId: d.fieldId, ...(d.min.trim() ? { min: d.min.trim() } : {}), ...(d.max.trim() ? { max: d.max.trim() } : {}) };
  });
}

/**
 * The rule form's "Field" rows: a case field and the value it must have (or its range), each input the one the
 * case's own field form uses. A field archived since the rule was saved stays listed for its row, not for new ones.
 */
export function RuleFieldConditions({ drafts, fields, onChange }: { drafts: FieldConditionDraft[]; fields: readonly CustomFieldDefinition[]; onChange: (next: FieldConditionDraft[]) => void }) {
  const live = fields.filter((f) => f.appliesTo === 'case' && !f.archivedAt);
  if (live.length === 0 && drafts.length === 0) return null;
  const setRow = (i: number, row: FieldConditionDraft) => onChange(drafts.map((d, j) => (j === i ? row : d)));
  const unused = live.filter((f) => !drafts.some((d) => d.fieldId === f.id));
  return (
    <>
      {drafts.map((draft, i) => {
        const field = fields.find((f) => f.id === draft.fieldId);
        const choices = field && !live.includes(field) ? [field, ...live] : live;
        const bound = (end: 'min' | 'max', word: string) =>
          field && (
            <label>
              {word}
              <FieldValueInput field={{ ...field, label: `${field.label} ${word.toLowerCase()}` }} required={false} value={draft[end]} onChange={(v) => setRow(i, { ...draft, [end]: v })} />
            </label>
          );
        return (
          <div key={i} className="mg-filters mg-field-condition" data-testid="rule-field-condition">
            <label>
              Field
              <select aria-label={`Field condition ${i + 1}`} value={draft.fieldId} onChange={(e) => setRow(i, blankFieldCondition(e.target.value))}>
                {choices.map((f) => (
                  <option key={f.id} value={f.id} disabled={f.id !== draft.fieldId && drafts.some((d) => d.fieldId === f.id)}>
                    {f.label}{f.archivedAt ? ' (archived)' : ''}
                  </option>
                ))}
              </select>
            </label>
            {ranged(field) ? (
              <>
                {bound('min', 'From')}
                {bound('max', 'To')}
              </>
            ) : (
              field && (
                <label>
                  Is
                  <FieldValueInput field={field} value={draft.equals} onChange={(v) => setRow(i, { ...draft, equals: v })} />
                </label>
              )
            )}
            <button type="button" className="btn btn-small" onClick={() => onChange(drafts.filter((_, j) => j !== i))} aria-label={`Remove field condition ${i + 1}`}>
              Remove
            </button>
          </div>
        );
      })}
      {unused.length > 0 && (
        <div>
          <button type="button" className="btn btn-small" onClick={() => onChange([...drafts, blankFieldCondition(unused[0].id)])}>
            Add a field condition
          </button>
        </div>
      )}
    </>
  );
}
