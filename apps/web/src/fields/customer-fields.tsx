import './fields.css';
import { useCallback, useEffect, useState } from 'react';
import { fieldValueFor, type CustomFieldDefinition, type CustomFieldValue, type CustomFieldValues } from '@inbox/contracts';
import { errorMessage } from '../api-client';
import { formatDateTime } from '../format';
import { useWorkspace } from '../shell/workspace-context';
import { displayFieldValue } from './field-queries';
import { FieldsEditor } from './fields-editor';

interface CustomerFieldsView {
  fields: CustomFieldDefinition[];
  values: CustomFieldValues;
  history: Array<{ fieldId: string; label: string; from: CustomFieldValue | null; to: CustomFieldValue | null; actorName: string | null; at: string }>;
}

/** A customer's custom fields, editable by anyone who sees the customer; `withHistory` adds who changed what (the customer page). */
export function CustomerFields({ customerId, withHistory = false }: { customerId: string; withHistory?: boolean }) {
  const ws = useWorkspace();
  const [view, setView] = useState<CustomerFieldsView | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const load = useCallback(() => {
    ws.api
      .get<CustomerFieldsView>(`/api/customers/${customerId}/fields`)
      .then((v) => (setView(v), setFailure(null)))
      .catch((e) => setFailure(errorMessage(e)));
  }, [ws.api, customerId]);
  useEffect(load, [load]);
  if (failure) return <p className="form-error small">{failure}</p>;
  if (!view) return <p className="muted small">Loading…</p>;
  const path = (field: CustomFieldDefinition) => `/api/customers/${customerId}/fields/${field.id}`;
  const byId = new Map(view.fields.map((f) => [f.id, f]));
  const shown = (fieldId: string, value: CustomFieldValue | null) => {
    const field = byId.get(fieldId);
    return value === null ? 'empty' : field ? displayFieldValue(field, value) : String(value);
  };
  return (
    <>
      <FieldsEditor
        testId="customer-fields"
        emptyText="No customer fields are defined (admins define them under Manage → Fields)."
        fields={view.fields}
        values={view.values}
        locked={null}
        save={async (field, draft) => {
          setView(await ws.api.put<CustomerFieldsView>(path(field), { value: fieldValueFor(field, draft) }));
          ws.toast(`${field.label} saved`);
        }}
        clear={async (field) => {
          setView(await ws.api.del<CustomerFieldsView>(path(field)));
          ws.toast(`${field.label} cleared`);
        }}
      />
      {withHistory && view.history.length > 0 && (
        <ul className="cf-history" aria-label="Changes to the customer's fields">
          {view.history.slice(0, 10).map((h, i) => (
            <li key={i} className="muted">
              {h.label}: {shown(h.fieldId, h.from)} → {shown(h.fieldId, h.to)}, by {h.actorName ?? 'someone'} on {formatDateTime(h.at)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
