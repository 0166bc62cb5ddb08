import '../fields/fields.css';
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { CUSTOM_FIELD_KINDS, MAX_FIELD_HELP_LENGTH, MAX_FIELD_LABEL_LENGTH, type CustomFieldDefinition, type CustomFieldKind, type CustomFieldTarget } from '@inbox/contracts';
import { errorMessage } from '../api-client';
import { keyFromLabel } from '../fields/field-key';
import { fieldKeys, useCustomFields } from '../fields/field-queries';
import { useWorkspace } from '../shell/workspace-context';
import { useSaveForm } from './use-save-form';
import { FormFooter } from './form-footer';

const KIND_LABELS: Record<CustomFieldKind, string> = { text: 'Text', number: 'Number', date: 'Date', list: 'List of options' };
const TARGET_LABELS: Record<CustomFieldTarget, string> = { case: 'Cases', customer: 'Customers' };

interface Draft {
  label: string;
  key: string;
  kind: CustomFieldKind;
  appliesTo: CustomFieldTarget;
  /** One option a line. */
  options: string;
  help: string;
}

/**
 * Custom fields (admins): what agents record on cases and customers beside the
 * built-in details. A field's key, kind and target stay as made, because
 * stored values and saved views depend on them; its label, help and a list's
 * options can change. Archiving hides a field from forms and keeps its values.
 */
export function FieldsScreen() {
  const ws = useWorkspace();
  const queries = useQueryClient();
  const fields = useCustomFields(ws.api);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const reload = () => void queries.invalidateQueries({ queryKey: fieldKeys.all });
  const saved = (message: string) => {
    ws.toast(message);
    setEditing(null);
    reload();
  };
  const archive = async (field: CustomFieldDefinition, archived: boolean) => {
    try {
      await ws.api.patch(`/api/custom-fields/${field.id}`, { archived });
      ws.toast(archived ? `“${field.label}” archived: hidden from forms, its values kept` : `“${field.label}” is in use again`);
      reload();
    } catch (error) {
      ws.toast(errorMessage(error), 'error');
    }
  };
  const items = fields.data ?? [];
  return (
    <section className="mg-card" aria-label="Custom fields">
      <div className="mg-head">
        <h1>Custom fields</h1>
        <p className="muted">
          What agents record on each case or customer beside the built-in details. Case fields can filter the queue and are columns of the
          complaints register’s CSV. A field is archived, never deleted: its values stay in the history and the exports.
        </p>
      </div>
      <div className="mg-filters">
        {editing !== 'new' && <button className="btn btn-primary" onClick={() => setEditing('new')}>New field</button>}
      </div>
      {fields.error && <p className="sv-failure" role="alert">{errorMessage(fields.error)}</p>}
      {editing === 'new' && (
        <div className="mg-item">
          <FieldEditor
            initial={{ label: '', key: '', kind: 'text', appliesTo: 'case', options: '', help: '' }}
            isNew
            onCancel={() => setEditing(null)}
            save={async (d) => {
              await ws.api.post('/api/custom-fields', {
                key: d.key.trim(),
                label: d.label.trim(),
                kind: d.kind,
                appliesTo: d.appliesTo,
                ...(d.kind === 'list' ? { options: optionLines(d.options) } : {}),
                help: d.help.trim() || null,
              });
              saved(`Field “${d.label.trim()}” created`);
            }}
          />
        </div>
      )}
      {fields.data && items.length === 0 && editing !== 'new' && <p className="muted">No custom field yet.</p>}
      <ul className="mg-list" aria-label="Fields">
        {items.map((field) => (
          <li key={field.id} className="mg-item" data-testid="custom-field">
            {editing === field.id ? (
              <FieldEditor
                initial={{ label: field.label, key: field.key, kind: field.kind, appliesTo: field.appliesTo, options: field.options.join('\n'), help: field.help ?? '' }}
                onCancel={() => setEditing(null)}
                save={async (d) => {
                  await ws.api.patch(`/api/custom-fields/${field.id}`, {
                    label: d.label.trim(),
                    help: d.help.trim() || null,
                    ...(field.kind === 'list' ? { options: optionLines(d.options) } : {}),
                  });
                  saved(`Field “${d.label.trim()}” saved`);
                }}
              />
            ) : (
              <>
                <div className="mg-item-head">
                  <span className="mg-item-title">{field.label}{field.archivedAt && <span className="chip chip-other"> archived</span>}</span>
                  <span className="muted small">
                    {TARGET_LABELS[field.appliesTo]} · {KIND_LABELS[field.kind]} · <code>{field.key}</code>
                  </span>
                </div>
                {field.kind === 'list' && <p className="mg-item-body cf-options">Options: {field.options.join(', ')}</p>}
                {field.help && <p className="mg-item-body">{field.help}</p>}
                <div className="mg-form-actions">
                  <button className="btn btn-small" onClick={() => setEditing(field.id)} aria-label={`Edit “${field.label}”`}>Edit</button>
                  <button className="btn btn-small" onClick={() => void archive(field, !field.archivedAt)} aria-label={`${field.archivedAt ? 'Restore' : 'Archive'} “${field.label}”`}>
                    {field.archivedAt ? 'Restore' : 'Archive'}
                  </button>
                </div>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

const optionLines = (text: string) => text.split('\n').map((o) => o.trim()).filter(Boolean);

function FieldEditor({ initial, isNew = false, save, onCancel }: { initial: Draft; isNew?: boolean; save: (d: Draft) => Promise<void>; onCancel: () => void }) {
  const [draft, setDraft] = useState(initial);
  const [keyTouched, setKeyTouched] = useState(!isNew);
  const form = useSaveForm(() => save(draft));
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  return (
    <form className="mg-form" onSubmit={form.onSubmit}>
      <div className="mg-filters">
        <label>
          Label
          <input
            required
            autoFocus
            maxLength={MAX_FIELD_LABEL_LENGTH}
            value={draft.label}
            onChange={(e) => set({ label: e.target.value, ...(keyTouched ? {} : { key: keyFromLabel(e.target.value) }) })}
          />
        </label>
        <label>
          Key
          <input
            required
            disabled={!isNew}
            pattern="[a-z][a-z0-9_]{0,39}"
            maxLength={40}
            value={draft.key}
            onChange={(e) => (setKeyTouched(true), set({ key: e.target.value }))}
          />
        </label>
        <label>
          Kind
          <select disabled={!isNew} value={draft.kind} onChange={(e) => set({ kind: e.target.value as CustomFieldKind })}>
            {CUSTOM_FIELD_KINDS.map((k) => <option key={k} value={k}>{KIND_LABELS[k]}</option>)}
          </select>
        </label>
        <label>
          On
          <select disabled={!isNew} value={draft.appliesTo} onChange={(e) => set({ appliesTo: e.target.value as CustomFieldTarget })}>
            <option value="case">Cases</option>
            <option value="customer">Customers</option>
          </select>
        </label>
      </div>
      {isNew && <span className="field-hint">The key names the field in exports and in the queue’s API; it cannot change later, nor can the kind.</span>}
      {draft.kind === 'list' && (
        <label>
          Options, one a line
          <textarea required rows={4} value={draft.options} onChange={(e) => set({ options: e.target.value })} />
        </label>
      )}
      <label>
        Help for agents (optional)
        <input maxLength={MAX_FIELD_HELP_LENGTH} value={draft.help} onChange={(e) => set({ help: e.target.value })} />
      </label>
      <FormFooter form={form} saveLabel={isNew ? 'Create' : 'Save'} onCancel={onCancel} />
    </form>
  );
}
