import { useState, type FormEvent } from 'react';
import type { CustomFieldDefinition, CustomFieldValue, CustomFieldValues } from '@inbox/contracts';
import { errorMessage } from '../api-client';
import { displayFieldValue } from './field-queries';
import { FieldValueInput } from './field-value-input';

/**
 * A case's or a customer's custom fields as label and value, each with an
 * Edit that opens the input for its kind (Save, Clear, Cancel). A refusal is
 * shown under the field in the server's words; `locked` says why nothing can
 * be changed (the case action policy's reason), and archived fields are read-only.
 */
export function FieldsEditor({
  fields,
  values,
  locked,
  save,
  clear,
  testId,
  emptyText,
}: {
  fields: CustomFieldDefinition[];
  values: CustomFieldValues;
  locked: string | null;
  save: (field: CustomFieldDefinition, value: string) => Promise<void>;
  clear: (field: CustomFieldDefinition) => Promise<void>;
  testId: string;
  /** What to say when no field of this kind is defined. */
  emptyText: string;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  if (fields.length === 0) return <p className="muted small">{emptyText}</p>;
  return (
    <div className="cf-list" data-testid={testId}>
      {fields.map((field) =>
        editing === field.id ? (
          <FieldForm key={field.id} field={field} value={values[field.id]} save={save} clear={clear} close={() => setEditing(null)} />
        ) : (
          <div key={field.id} className="cf-row" data-testid="field-row">
            <span className="cf-label" title={field.help ?? undefined}>{field.label}{field.archivedAt ? ' (archived)' : ''}</span>
            <span className={`cf-value${values[field.id] === undefined ? ' muted' : ''}`} data-testid={`field-value-${field.key}`}>
              {values[field.id] === undefined ? '—' : displayFieldValue(field, values[field.id])}
            </span>
            {!field.archivedAt && (
              <button
                className="btn btn-small btn-quiet"
                disabled={locked !== null}
                title={locked ?? undefined}
                aria-label={`Edit ${field.label}`}
                onClick={() => setEditing(field.id)}
              >
                Edit
              </button>
            )}
          </div>
        ),
      )}
      {locked && <p className="muted small">{locked}</p>}
    </div>
  );
}

function FieldForm({
  field,
  value,
  save,
  clear,
  close,
}: {
  field: CustomFieldDefinition;
  value: CustomFieldValue | undefined;
  save: (field: CustomFieldDefinition, value: string) => Promise<void>;
  clear: (field: CustomFieldDefinition) => Promise<void>;
  close: () => void;
}) {
  const [draft, setDraft] = useState(value === undefined ? '' : String(value));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
      close();
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(() => save(field, draft));
  };
  return (
    <form className="cf-form" onSubmit={submit} aria-label={`Change ${field.label}`}>
      <span className="cf-label">{field.label}</span>
      <FieldValueInput field={field} value={draft} onChange={setDraft} autoFocus />
      {field.help && <span className="field-hint">{field.help}</span>}
      {failure && <p className="dialog-refusal" role="alert">{failure}</p>}
      <div className="mg-form-actions">
        <button type="submit" className="btn btn-small btn-primary" disabled={busy}>Save</button>
        {value !== undefined && <button type="button" className="btn btn-small" disabled={busy} onClick={() => void run(() => clear(field))}>Clear</button>}
        <button type="button" className="btn btn-small btn-quiet" onClick={close}>Cancel</button>
      </div>
    </form>
  );
}
