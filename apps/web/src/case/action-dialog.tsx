import { useState, type FormEvent } from 'react';
import { Icon } from '../shell/icons';
import { useShortcuts } from '../shell/shortcuts';
import type { CaseAction } from './case-actions';

/** Asks for what an action needs (a reason, a team, an outcome) before running it. */
export function ActionDialog({ action, busy, onCancel, onSubmit }: { action: CaseAction; busy: boolean; onCancel: () => void; onSubmit: (values: Record<string, string>) => void }) {
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries((action.fields ?? []).map((f) => [f.name, f.initial ?? (f.type === 'select' && f.required && f.options?.[0] ? f.options[0].value : '')])),
  );
  useShortcuts([{ key: 'Escape', description: 'Close the dialog', group: 'General', run: onCancel, inFields: true }]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(values);
  };
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label={action.label} onClick={onCancel}>
      <form className="dialog" onClick={(e) => e.stopPropagation()} onSubmit={submit}>
        <div className="dialog-header">
          <h2><Icon name={action.icon} size={18} /> {action.label}</h2>
          <button type="button" className="icon-btn" onClick={onCancel} aria-label="Close"><Icon name="x" /></button>
        </div>
        {action.dialogIntro && <p className="dialog-intro">{action.dialogIntro}</p>}
        <div className="dialog-fields">
          {(action.fields ?? []).map((field, index) => (
            <label key={field.name} className={field.half ? 'half' : undefined}>
              {field.label}
              {field.type === 'textarea' ? (
                <textarea
                  rows={field.rows ?? 4}
                  required={field.required}
                  autoFocus={index === 0}
                  placeholder={field.placeholder}
                  value={values[field.name]}
                  onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
                />
              ) : field.type === 'select' ? (
                <select required={field.required} autoFocus={index === 0} value={values[field.name]} onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}>
                  {!field.required && <option value="">—</option>}
                  {field.options?.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                </select>
              ) : (
                <input
                  type={field.type}
                  required={field.required}
                  autoFocus={index === 0}
                  placeholder={field.placeholder}
                  step={field.type === 'number' ? '0.01' : undefined}
                  min={field.type === 'number' ? 0 : undefined}
                  value={values[field.name]}
                  onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
                />
              )}
              {field.hint && <span className="field-hint">{field.hint}</span>}
            </label>
          ))}
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onCancel}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Working…' : action.label}</button>
        </div>
      </form>
    </div>
  );
}
